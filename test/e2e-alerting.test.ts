import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { freePort, waitFor } from './helpers/components.ts';
import { bodies, signedBy, writeUps } from './helpers/e2e.ts';
import { startRecorder } from './helpers/http-recorder.ts';
import { FakeClock } from './helpers/fake-clock.ts';

const SECRET = 'e2e-webhook-secret-0123456789';
const TOKENS = { viewer: 'viewer-token-0123456789', operator: 'operator-token-0123456789' };
const am = inject('alertmanager');
const sim = inject('snmpsim');
const MIN = 60_000;
/** One clock for the ledger, the rules engine and alerting; an hour behind real time, so Alertmanager sees past start and end times. */
const clock = new FakeClock(Date.now() - 60 * MIN);
const dir = mkdtempSync(join(tmpdir(), 'e2e-alerting-'));
let app: App;
let recorder: Awaited<ReturnType<typeof startRecorder>>;

beforeAll(async () => {
  recorder = await startRecorder();
  writeUps(sim.dataDir, 'ups-e2e', false);
  app = buildApp(parseConfigText(`storage: { path: '${join(dir, 'slaguard.db')}' }
server:
  auth:
    tokens:
      - { name: wall, role: viewer, token: ${TOKENS.viewer} }
      - { name: oncall-zhang, role: operator, token: ${TOKENS.operator} }
receivers:
  - { name: pager, webhook: { url: "${recorder.url}/pager", secret: ${SECRET} } }
  - { name: boss, webhook: { url: "${recorder.url}/boss", secret: ${SECRET} } }
  - { name: am, alertmanager: { urls: ["${am.url}"], resend_interval: 1h } }
alerting:
  levels: { 1: { acknowledge: 5m, restore: 4h } }
  escalation: { tiers: [{ receivers: [boss] }], repeat: 10m }
  route: { receiver: pager }
targets:
  - { name: ups-e2e, kind: snmp, address: "127.0.0.1:${sim.port}", interval: 1h, options: { community: test/ups-e2e, profiles: [ups-mib] }, labels: { site: 主机房, service: 公共资源交易中心 } }
`, { file: 'e2e.yaml', baseDir: dir }), { now: clock.now, ruleTimers: clock, alertingClock: clock });
  await app.start();
});
afterAll(async () => {
  await app?.stop();
  await recorder?.stop();
});

const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  app.server.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
const pager = () => bodies(recorder.requests, '/pager');
const boss = () => bodies(recorder.requests, '/boss');
interface AmAlert { labels: Record<string, string>; status: { state: string } }
const amAlerts = async (): Promise<AmAlert[]> =>
  (await fetch(`${am.url}/api/v2/alerts?filter=${encodeURIComponent('alertname="ups-on-battery"')}&filter=${encodeURIComponent('target="ups-e2e"')}`)).json() as Promise<AmAlert[]>;
interface HookBody { status: string; alerts: Array<{ status: string; labels: Record<string, string> }> }
const amHook = async (): Promise<HookBody[]> => ((await (await fetch(`${am.hookUrl}/received`)).json()) as HookBody[]).filter((b) => b.alerts.some((a) => a.labels.alertname === 'ups-on-battery'));
const poll = async (onBattery: boolean) => {
  writeUps(sim.dataDir, 'ups-e2e', onBattery);
  await app.scheduler.pollNow('ups-e2e');
};

describe('a UPS on battery, end to end (snmpsim → rules → alerting → webhook, Alertmanager)', () => {
  it('pages once in Chinese, signed; shows as an incident and on the status page; Alertmanager has it; escalates unacknowledged; the operator acknowledges it', async () => {
    await poll(true);
    await waitFor('the ups-on-battery alert', () => app.rules.firing('ups-on-battery').length === 1, 60_000);
    clock.advance(30_000); // the route's group_wait
    await waitFor('the pager notification', () => pager().length >= 1, 60_000);
    const [page] = pager();
    expect(page).toMatchObject({ status: 'firing', lang: 'zh-CN', alerts: [{ labels: { alertname: 'ups-on-battery', target: 'ups-e2e', site: '主机房', service: '公共资源交易中心' } }] });
    expect(page!.title).toContain('一级');
    expect(page!.title).toContain('UPS ups-e2e 市电中断，正在电池供电');
    expect(signedBy(recorder.requests.find((r) => r.path === '/pager')!, SECRET)).toBe(true);
    expect(recorder.requests.find((r) => r.path === '/pager')!.headers['idempotency-key']).toBe(page!.idempotencyKey);

    await waitFor('the alert in Alertmanager', async () => (await amAlerts()).some((a) => a.status.state === 'active'), 60_000);
    expect((await amAlerts())[0]!.labels).toMatchObject({ alertname: 'ups-on-battery', severity: 'critical', target: 'ups-e2e', site: '主机房', service: '公共资源交易中心', category: 'infrastructure' });

    const incidents = (await call('GET', '/api/incidents', TOKENS.viewer)).json().incidents as Array<{ id: string; level: number; title: string; acknowledgedAt: string | null }>;
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ level: 1, acknowledgedAt: null });
    const id = incidents[0]!.id;
    const html = (await app.server.inject({ method: 'GET', url: '/?lang=zh-CN' })).body;
    expect(html).toContain('UPS ups-e2e 市电中断，正在电池供电');
    expect(html).toContain(`data-ack="${id}"`);

    await poll(true); // still on battery: no second page
    clock.advance(5 * MIN); // the level-1 acknowledge target passes unacknowledged
    await waitFor('the escalation to the next tier', () => boss().length >= 1, 60_000);
    expect(boss()).toHaveLength(1);
    expect(boss()[0]!.context).toMatchObject({ kind: 'escalation', incident: id });
    expect(signedBy(recorder.requests.find((r) => r.path === '/boss')!, SECRET)).toBe(true);

    expect((await call('POST', `/api/incidents/${id}/ack`, TOKENS.viewer)).statusCode).toBe(403);
    const ack = await call('POST', `/api/incidents/${id}/ack`, TOKENS.operator);
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ id, acknowledgedBy: 'oncall-zhang' });
    clock.advance(30 * MIN); // acknowledged: no further escalation
    await app.scheduler.pollNow('ups-e2e');
    expect(boss()).toHaveLength(1);
    expect(pager()).toHaveLength(1);
    expect((await call('GET', `/api/incidents/${id}`, TOKENS.viewer)).json()).toMatchObject({ acknowledgedBy: 'oncall-zhang' });
  });

  it('back on mains: the pager gets one resolved notice and the alert resolves in Alertmanager', async () => {
    await poll(false);
    await waitFor('the alert to resolve', () => app.rules.firing('ups-on-battery').length === 0, 60_000);
    clock.advance(5 * MIN); // the route's group_interval
    await waitFor('the resolved notice', () => pager().some((p) => p.status === 'resolved'), 60_000);
    expect(pager().map((p) => p.status)).toEqual(['firing', 'resolved']);
    await waitFor('Alertmanager to resolve it', async () => (await amAlerts()).length === 0, 60_000);
    await waitFor("Alertmanager's own receiver to get the resolution", async () => (await amHook()).some((b) => b.status === 'resolved' && b.alerts.some((a) => a.labels.target === 'ups-e2e' && a.status === 'resolved')), 60_000);
  });

  it('inside a maintenance window made through the API it sends nothing; when the window ends and the UPS is still on battery, it pages once', async () => {
    clock.advance(2 * 60 * MIN); // the earlier incident closes (close_after 1h)
    const before = { pager: pager().length, boss: boss().length };
    const start = clock.now();
    const made = await call('POST', '/api/maintenance', TOKENS.operator, {
      id: 'ups-swap', matchers: ['target="ups-e2e"'], ticket: 'CHG-2026-0101', approved_by: '李主任',
      announced_at: new Date(start - 24 * 60 * MIN).toISOString(), start: new Date(start).toISOString(), end: new Date(start + 20 * MIN).toISOString(),
    });
    expect(made.statusCode).toBe(201);
    await poll(true);
    await waitFor('the ups-on-battery alert', () => app.rules.firing('ups-on-battery').length === 1, 60_000);
    const alerts = (await call('GET', '/api/alerts?match=target%3D%22ups-e2e%22', TOKENS.viewer)).json().alerts;
    expect(alerts).toMatchObject([{ rule: 'ups-on-battery', state: 'firing', inMaintenance: 'ups-swap' }]);
    clock.advance(10 * MIN);
    await poll(true);
    clock.advance(5 * MIN);
    expect(pager()).toHaveLength(before.pager);
    expect(boss()).toHaveLength(before.boss);

    clock.advance(6 * MIN); // the window ends; the UPS is still on battery
    clock.advance(5 * MIN); // the group's interval
    await waitFor('the page after the window', () => pager().length === before.pager + 1, 60_000);
    const page = pager().at(-1)!;
    expect(page).toMatchObject({ status: 'firing', alerts: [{ labels: { alertname: 'ups-on-battery', target: 'ups-e2e' } }] });
    expect(page.title).toContain('一级');
    await poll(true);
    clock.advance(MIN);
    expect(pager()).toHaveLength(before.pager + 1);
  }, 120_000);
});
