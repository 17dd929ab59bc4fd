import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT_DIR, renderDashboards } from './build.ts';

describe('generated dashboards', () => {
  it('the committed JSON is what `npm run dashboards` generates now', () => {
    for (const [path, json] of renderDashboards()) {
      expect(readFileSync(join(OUT_DIR, path), 'utf8'), `dashboards/${path} is stale: run npm run dashboards`).toBe(json);
    }
  });

  it('every dashboard exists in Chinese and English with the same panels and queries', () => {
    const files = renderDashboards();
    for (const [path, json] of files) {
      if (!path.startsWith('zh-CN')) continue;
      const zh = JSON.parse(json) as { uid: string; panels: Array<{ title: string; targets?: Array<{ expr: string }> }>; templating: { list: Array<{ name: string }> } };
      const en = JSON.parse(files.get(path.replace('zh-CN', 'en'))!) as typeof zh;
      expect(en.uid).toBe(`${zh.uid}-en`);
      expect(en.panels.map((p) => p.targets?.map((t) => t.expr))).toEqual(zh.panels.map((p) => p.targets?.map((t) => t.expr)));
      expect(zh.panels.every((p) => /[\u4e00-\u9fff]/.test(p.title) || /^[A-Z]+$/.test(p.title))).toBe(true);
      expect(zh.templating.list.map((v) => v.name)).toEqual(['datasource', 'site', 'agency', 'service']);
    }
  });
});
