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

const VIEWER = 'viewer-token-0123456789';
const HOSTS = Array.from({ length: 20 }, (_, i) => `host-${String(i + 1).padStart(2, '0')}`);
const dir = mkdtempSync(join(tmpdir(), 'e2e-dependency-'));
const clock = new FakeClock(Date.now());
let app: App;
let recorder: Awaited<ReturnType<typeof startRecorder>>;

beforeAll(async () => {
  recorder = await startRecorder();
  const closed = await freePort(); // nothing listens: every poll fails with connection refused
  app = buildApp(parseConfigText(`storage: { path: '${join(dir, 'slaguard.db')}' }
server: { auth: { tokens: [{ name: wall, role: viewer, token: ${VIEWER} }] } }
rules:
  depends_on:
    - { rule: target-unreachable, labels: { uplink: target } }
receivers:
  - { name: pager, webhook: { url: "${recorder.url}/pager" } }
alerting:
  route: { receiver: pager, group_by: [target] }
targets:
  - { name: sw-core, kind: agent, address: "http://127.0.0.1:${closed}/metrics", interval: 1h, labels: { site: 主机房, role: switch } }
${HOSTS.map((h) => `  - { name: ${h}, kind: agent, address: "http://127.0.0.1:${closed}/${h}", interval: 1h, labels: { site: 主机房, uplink: sw-core } }`).join('\n')}
`, { file: 'e2e-dependency.yaml', baseDir: dir }), { now: clock.now, ruleTimers: clock, alertingClock: clock });
  await app.start();
});
afterAll(async () => {
  await app?.stop();
  await recorder?.stop();
});

const pollAll = () => Promise.all(['sw-core', ...HOSTS].map((t) => app.scheduler.pollNow(t)));

describe('a switch down with 20 hosts behind it', () => {
  it('only the switch pages; the hosts are listed as suppressed by it', async () => {
    await pollAll();
    clock.advance(60_000);
    await pollAll();
    await waitFor('21 unreachable alerts', () => app.rules.firing('target-unreachable').length === 21, 60_000);
    clock.advance(30_000); // group_wait
    await waitFor('the page', () => recorder.requests.length >= 1, 60_000);
    clock.advance(10 * 60_000);
    await pollAll();
    await waitFor('the outbox to settle', () => app.outbox.store.stats().waiting === 0, 60_000);

    const pages = bodies(recorder.requests, '/pager');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.alerts.map((a) => a.labels.target)).toEqual(['sw-core']);
    expect(pages[0]!.title).toContain('sw-core 无法访问');

    const alerts = (await app.server.inject({ method: 'GET', url: '/api/alerts?state=firing', headers: { authorization: `Bearer ${VIEWER}` } })).json().alerts as Array<{ fingerprint: string; labels: Record<string, string>; suppressedBy: string | null }>;
    const sw = alerts.find((a) => a.labels.target === 'sw-core')!;
    expect(sw.suppressedBy ?? null).toBeNull();
    const hosts = alerts.filter((a) => a.labels.uplink === 'sw-core');
    expect(hosts.map((a) => a.labels.target).sort()).toEqual(HOSTS);
    expect(hosts.every((a) => a.suppressedBy === sw.fingerprint)).toBe(true);
  }, 120_000);
});
