import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { freePort, requireBinary, waitFor } from './helpers/components.ts';
import { bodies, signedBy } from './helpers/e2e.ts';
import { startRecorder } from './helpers/http-recorder.ts';
import { FakeClock } from './helpers/fake-clock.ts';

const SECRET = 'e2e-trap-secret-0123456789';
const VIEWER = 'viewer-token-0123456789';
const snmptrap = requireBinary('/usr/bin/snmptrap', 'snmp');
const persist = mkdtempSync(join(tmpdir(), 'e2e-snmptrap-'));
const dir = mkdtempSync(join(tmpdir(), 'e2e-trap-'));
const clock = new FakeClock(Date.now());
let app: App;
let port = 0;
let recorder: Awaited<ReturnType<typeof startRecorder>>;

const send = (args: string[]) => {
  const run = spawnSync(snmptrap, args, { encoding: 'utf8', env: { ...process.env, SNMP_PERSISTENT_DIR: persist, MIBS: '' } });
  if (run.status !== 0) throw new Error(`snmptrap failed: ${run.stderr}`);
};

beforeAll(async () => {
  port = await freePort();
  recorder = await startRecorder();
  app = buildApp(parseConfigText(`storage: { path: '${join(dir, 'slaguard.db')}' }
server: { auth: { tokens: [{ name: wall, role: viewer, token: ${VIEWER} }] } }
traps: { listen: 127.0.0.1:${port}, communities: [public] }
receivers:
  - { name: pager, webhook: { url: "${recorder.url}/pager", secret: ${SECRET} } }
alerting:
  route: { receiver: pager }
targets:
  - { name: ups-b2, kind: snmp, address: 127.0.0.1, interval: 1h, labels: { site: 备用机房, service: 政务外网 } }
`, { file: 'e2e-trap.yaml', baseDir: dir }), { now: clock.now, ruleTimers: clock, alertingClock: clock });
  await app.start();
});
afterAll(async () => {
  await app?.stop();
  await recorder?.stop();
});

describe('a UPS-MIB on-battery trap, end to end (snmptrap → event log → rules → alerting → webhook)', () => {
  it('pages the receiver once, in Chinese, signed, and opens an incident', async () => {
    // upsTrapOnBattery with upsEstimatedMinutesRemaining 12
    send(['-v2c', '-c', 'public', `127.0.0.1:${port}`, '', '1.3.6.1.2.1.33.2.1', '1.3.6.1.2.1.33.1.2.3.0', 'i', '12']);
    await waitFor('the trap alert', () => app.rules.firing('ups-on-battery-trap').length === 1, 60_000);
    send(['-v2c', '-c', 'public', `127.0.0.1:${port}`, '', '1.3.6.1.2.1.33.2.1', '1.3.6.1.2.1.33.1.2.3.0', 'i', '11']); // the UPS repeats itself
    await waitFor('the second trap in the event log', () => app.events.recent(10).filter((e) => e.kind === 'ups_on_battery').length === 2, 60_000);
    clock.advance(30_000); // the route's group_wait
    await waitFor('the page', () => recorder.requests.length >= 1, 60_000);
    clock.advance(10 * 60_000);
    await waitFor('the outbox to settle', () => app.outbox.store.stats().waiting === 0, 60_000);
    expect(app.outbox.store.list({ receiver: 'pager', limit: 10 }).map((r) => r.state)).toEqual(['delivered']);
    const pages = bodies(recorder.requests, '/pager');
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ status: 'firing', lang: 'zh-CN', alerts: [{ labels: { alertname: 'ups-on-battery-trap', target: 'ups-b2', site: '备用机房' } }] });
    expect(pages[0]!.title).toContain('一级');
    expect(pages[0]!.title).toContain('UPS ups-b2 发出电池供电告警（Trap）');
    expect(signedBy(recorder.requests[0]!, SECRET)).toBe(true);
    const incidents = (await app.server.inject({ method: 'GET', url: '/api/incidents', headers: { authorization: `Bearer ${VIEWER}` } })).json().incidents;
    expect(incidents).toMatchObject([{ level: 1, labels: { service: '政务外网' }, acknowledgedAt: null }]);
  }, 120_000);
});
