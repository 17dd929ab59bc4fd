import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { freePort, waitFor } from './helpers/components.ts';
import { bodies } from './helpers/e2e.ts';
import { startRecorder } from './helpers/http-recorder.ts';
import { FakeClock } from './helpers/fake-clock.ts';

const MIN = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'e2e-routing-'));
const clock = new FakeClock(Date.now());
let app: App;
let receivers: Awaited<ReturnType<typeof startRecorder>>;
/** Stands in for a host's agent: serves the Prometheus text the test sets. */
let agent: Awaited<ReturnType<typeof startRecorder>>;
let exposition = '';

beforeAll(async () => {
  receivers = await startRecorder();
  agent = await startRecorder(() => ({ status: 200, body: exposition }));
  const closed = await freePort(); // nothing listens: the probe fails with connection refused
  app = buildApp(parseConfigText(`storage: { path: '${join(dir, 'slaguard.db')}' }
receivers:
  - { name: infra-oncall, webhook: { url: "${receivers.url}/infra" } }
  - { name: app-oncall, webhook: { url: "${receivers.url}/apps" } }
alerting:
  route:
    receiver: infra-oncall
    routes:
      - { matchers: ['category="application"'], receiver: app-oncall }
targets:
  - { name: portal, kind: http, address: "http://127.0.0.1:${closed}/", interval: 1h, labels: { service: 政务门户 } }
  - { name: db01, kind: agent, address: "${agent.url}/metrics", interval: 1h, labels: { service: 政务数据库 } }
`, { file: 'e2e-routing.yaml', baseDir: dir }), { now: clock.now, ruleTimers: clock, alertingClock: clock });
  await app.start();
});
afterAll(async () => {
  await app?.stop();
  await receivers?.stop();
  await agent?.stop();
});

const pollBoth = () => Promise.all([app.scheduler.pollNow('portal'), app.scheduler.pollNow('db01')]);

describe('a dead HTTP service and a full filesystem, routed by label', () => {
  it('each pages its own receiver once, in Chinese', async () => {
    exposition = '# TYPE slaguard_host_filesystem_utilisation_ratio gauge\nslaguard_host_filesystem_utilisation_ratio{mountpoint="/data",device="/dev/sdb1"} 0.97\n';
    await pollBoth();
    clock.advance(MIN);
    await pollBoth();
    clock.advance(4 * MIN);
    await pollBoth();
    await waitFor('both alerts firing', () => app.rules.firing('http-probe-failing').length === 1 && app.rules.firing('filesystem-full-critical').length === 1, 60_000);
    clock.advance(30_000); // group_wait
    await waitFor('both pages', () => bodies(receivers.requests, '/apps').length >= 1 && bodies(receivers.requests, '/infra').length >= 1, 60_000);
    await pollBoth();
    clock.advance(10 * MIN);
    await waitFor('the outbox to settle', () => app.outbox.store.stats().waiting === 0, 60_000);

    const apps = bodies(receivers.requests, '/apps');
    const infra = bodies(receivers.requests, '/infra');
    expect(apps).toHaveLength(1);
    expect(infra).toHaveLength(1);
    expect(apps[0]!.alerts.map((a) => a.labels.alertname)).toEqual(['http-probe-failing']);
    expect(apps[0]!.title).toContain('应用 portal 访问失败');
    expect(infra[0]!.alerts.map((a) => [a.labels.alertname, a.labels.target, a.labels.mountpoint])).toEqual([['filesystem-full-critical', 'db01', '/data']]);
    expect(infra[0]!.title).toContain('主机 db01 文件系统 /data 即将写满');
    expect(receivers.requests.every((r) => r.path === '/apps' || r.path === '/infra')).toBe(true);
  }, 120_000);
});
