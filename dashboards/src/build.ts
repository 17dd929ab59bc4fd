import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGS, type Lang } from '../../src/text/lang.ts';
import { DASHBOARDS } from './index.ts';

/** Where the generated JSON goes: dashboards/zh-CN/ and dashboards/en/. */
export const OUT_DIR = join(import.meta.dirname, '..');

/** Every dashboard as the JSON Grafana imports, keyed by its path under dashboards/. */
export function renderDashboards(): Map<string, string> {
  const files = new Map<string, string>();
  for (const lang of LANGS as readonly Lang[]) {
    for (const spec of DASHBOARDS) {
      const json = spec.build(lang).build();
      // Grafana links, shares and repeats panels by id: number them in order, as Grafana would.
      json.panels?.forEach((panel, i) => Object.assign(panel, { id: i + 1 }));
      files.set(join(lang, `${spec.uid}.json`), `${JSON.stringify(json, null, 2)}\n`);
    }
  }
  return files;
}

if (process.argv[1] === import.meta.filename) {
  for (const [path, json] of renderDashboards()) {
    mkdirSync(join(OUT_DIR, path, '..'), { recursive: true });
    writeFileSync(join(OUT_DIR, path), json);
    console.log(`dashboards/${path}`);
  }
}
