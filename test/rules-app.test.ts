import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { loadConfigFile } from '../src/config/load.ts';
import type { Alert } from '../src/rules/types.ts';
import { freePort } from './helpers/components.ts';
import { FakeClock } from './helpers/fake-clock.ts';
import { T0 } from './helpers/rules.ts';

const TOKEN = 'viewer-token-0123456789';
const ADMIN = 'admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'rules-app-'));
const configFile = join(dir, 'slaguard.yaml');
mkdirSync(join(dir, 'rules.d'));
const writePack = (extra: string) => writeFileSync(join(dir, 'rules.d/site.yaml'), `rules:
  - id: site-low-disk
    kind: threshold
    severity: warning
    metric: slaguard_host_filesystem_utilisation_ratio
    above: ${extra}
    summary: { zh-CN: "磁盘 {{ $labels.target }}", en: "disk {{ $labels.target }}" }
    description: { zh-CN: 说明, en: details }
`);

let app: App;
let port: number;
const timers = new FakeClock(T0);
const changes: Array<[string, string, string]> = [];

beforeAll(async () => {
  port = await freePort(); // nothing listens: the probe fails with connection refused
  writeFileSync(configFile, `storage: { path: ${join(dir, 'slaguard.db')} }
server:
  auth:
    tokens:
      - { name: wall, role: viewer, token: ${TOKEN} }
      - { name: root, role: admin, token: ${ADMIN} }
rule_files: [rules.d/*.yaml, ${join(import.meta.dirname, '../rules/default.yaml')}]
targets:
  - { name: portal, kind: http, address: "http://127.0.0.1:${port}/", interval: 1h, labels: { agency: 市大数据局 } }
`);
  writePack('0.99');
  app = buildApp(loadConfigFile(configFile, {}), { loadConfig: () => loadConfigFile(configFile, {}), now: timers.now, ruleTimers: timers });
  app.rules.onChange((a, previous) => changes.push([a.rule, previous, a.state]));
  await app.start();
});
afterAll(async () => app?.stop());

const get = (url: string) => app.server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });

describe('the rules engine in the daemon', () => {
  it('a dead HTTP service: pending on the first failed poll, firing a minute later, listed by GET /api/alerts and in /metrics', async () => {
    await app.scheduler.pollNow('portal');
    expect(app.rules.active()).toMatchObject([{ rule: 'http-probe-failing', state: 'pending' }]);
    timers.advance(60_000);
    await app.scheduler.pollNow('portal');
    const res = await get('/api/alerts?state=firing&severity=critical&label=agency=市大数据局');
    expect(res.statusCode).toBe(200);
    const alerts = res.json().alerts as Array<Alert & { activeAt: string }>;
    expect(alerts).toMatchObject([{ rule: 'http-probe-failing', state: 'firing', labels: { target: 'portal', agency: '市大数据局', alertname: 'http-probe-failing' }, activeAt: new Date(T0).toISOString() }]);
    expect(alerts[0]!.summary['zh-CN']).toBe('应用 portal 访问失败');
    expect((await get('/api/alerts?severity=warning')).json().alerts).toEqual([]);
    expect((await get('/api/alerts?state=resolved')).statusCode).toBe(400);
    const metrics = (await get('/metrics')).body;
    expect(metrics).toMatch(/slaguard_alerts\{state="firing",severity="critical",suppressed="false",flapping="false"\} 1/);
    expect(metrics).toMatch(/slaguard_rule_evaluations_total [1-9]/);
  });

  it('a bad reload keeps the running rules; a good one keeps the state of rules that did not change', async () => {
    const firing = app.rules.firing('http-probe-failing');
    writeFileSync(join(dir, 'rules.d/site.yaml'), 'rules:\n  - id: broken\n    kind: threshold\n');
    const bad = await app.server.inject({ method: 'POST', url: '/api/reload', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().problems.join('\n')).toMatch(/site\.yaml:2:5: rules\[0\]: missing required key "severity"/);
    expect(app.rules.firing('http-probe-failing')).toEqual(firing);
    writePack('0.98');
    expect((await app.reload()).ok).toBe(true);
    await app.scheduler.pollNow('portal');
    expect(app.rules.firing('http-probe-failing')).toEqual(firing);
    expect(changes.filter(([rule]) => rule === 'http-probe-failing')).toEqual([['http-probe-failing', 'inactive', 'pending'], ['http-probe-failing', 'pending', 'firing']]);
  });
});
