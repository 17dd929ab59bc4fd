import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { parseConfigText } from '../../src/config/load.ts';
import { METRIC_DEFS } from '../../src/metrics/names.ts';
import { FIXTURES } from '../global-setup.ts';
import { requireBinary } from '../helpers/components.ts';

/** Every recording of shared/fixtures/snmprec, as its snmpsim community. */
function communities(dir = FIXTURES): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return communities(path);
    return name.endsWith('.snmprec') ? [relative(FIXTURES, path).replace(/\.snmprec$/, '')] : [];
  });
}

let app: App;
let exposition = '';

beforeAll(async () => {
  const sim = `127.0.0.1:${inject('snmpsim').port}`;
  const targets = communities().map((c, i) => `  - { name: dev${i}, kind: snmp, address: "${sim}", interval: 1h, timeout: 20s, options: { community: "${c}" } }`);
  app = buildApp(parseConfigText(`storage: { path: ':memory:' }\nscheduler: { jitter: false }\ntargets:\n  - { name: localhost, kind: host, interval: 1h }\n${targets.join('\n')}\n`, { file: 'all.yaml', baseDir: process.cwd() }));
  await app.start();
  await Promise.all(app.scheduler.targets().map((t) => app.scheduler.pollNow(t.name)));
  exposition = (await app.server.inject({ method: 'GET', url: '/metrics' })).body;
}, 120_000);
afterAll(async () => app?.stop());

describe('a daemon polling every recording', () => {
  it('passes promtool check metrics (snake_case labels, base units, _total counters)', () => {
    const promtool = spawnSync(requireBinary('/usr/bin/promtool', 'prometheus'), ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
    expect(promtool.stdout + promtool.stderr).toBe('');
    expect(promtool.status).toBe(0);
  });

  it('exports only slaguard_ names (or relayed node_ ones), each with its own help text', () => {
    const names = new Set([...exposition.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    expect(names.size).toBeGreaterThan(90);
    const foreign = [...names].filter((n) => !n.startsWith('slaguard_'));
    expect(foreign).toEqual([]);
    const helpless = [...exposition.matchAll(/^# HELP (\S+) (.*)$/gm)].filter(([, name, help]) => help === name || help === '').map((m) => m[1]);
    expect(helpless).toEqual([]);
    const undefinedNames = [...names].filter((n) => !METRIC_DEFS.has(n) && !n.startsWith('slaguard_process_') && !n.startsWith('slaguard_nodejs_'));
    expect(undefinedNames).toEqual([]);
  });
});
