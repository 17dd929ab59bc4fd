import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { FakeClock, HOUR, MIN, RecordingOutbox, ScriptedAlerts, tempDbPath } from './helpers/alerting.ts';
import { freePort } from './helpers/components.ts';

const TOKENS = { viewer: 'viewer-token-0123456789', operator: 'operator-token-0123456789', admin: 'admin-token-0123456789' };
const T0 = Date.parse('2026-05-06T08:00:00+08:00');
const clock = new FakeClock(T0);
const source = new ScriptedAlerts(clock);
const outbox = new RecordingOutbox();
let app: App;
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const config = parseConfigText(`storage: { path: '${tempDbPath()}' }
server:
  auth:
    tokens:
      - { name: wall, role: viewer, token: ${TOKENS.viewer} }
      - { name: oncall-zhang, role: operator, token: ${TOKENS.operator} }
      - { name: root, role: admin, token: ${TOKENS.admin} }
receivers:
  - { name: noc, webhook: { url: "http://127.0.0.1:9/noc" } }
alerting:
  ack_link: { base_url: "${base}", valid_for: 1h }
  route: { receiver: noc, group_by: [service] }
`, { file: 'api.yaml', baseDir: process.cwd() });
  app = buildApp(config, { alertSource: source, outbox, alertingClock: clock, now: clock.now });
  await app.server.listen({ host: '127.0.0.1', port });
  await app.start();
});
afterAll(async () => app?.stop());

const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
  app.server.inject({ method, url, remoteAddress: '10.1.2.3', headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('alerts and incidents API', () => {
  it('lists and filters active alerts, with level and incident; needs a token', async () => {
    source.fire('ups-on-battery', { service: '公共资源交易中心', target: 'ups-1', site: '主机房' }, { summary: '公共资源交易中心 UPS 市电中断' });
    source.fire('cpu-high', { service: '门户', target: 'web-1', site: '灾备中心' }, { severity: 'warning' });
    expect((await call('GET', '/api/alerts')).statusCode).toBe(401);
    const all = (await call('GET', '/api/alerts', TOKENS.viewer)).json().alerts;
    expect(all.map((a: { labels: { target: string }; level: number; incident: string }) => [a.labels.target, a.level, a.incident])).toEqual([['ups-1', 1, 'INC-000001'], ['web-1', 3, 'INC-000002']]);
    const filtered = (await call('GET', `/api/alerts?match=${encodeURIComponent('site="主机房"')}&severity=critical`, TOKENS.viewer)).json().alerts;
    expect(filtered.map((a: { labels: { target: string } }) => a.labels.target)).toEqual(['ups-1']);
    expect((await call('GET', '/api/alerts?match=site', TOKENS.viewer)).json().message).toContain('is not a label matcher');
    const incidents = (await call('GET', '/api/incidents?level=1', TOKENS.viewer)).json().incidents;
    expect(incidents).toMatchObject([{ id: 'INC-000001', level: 1, title: '公共资源交易中心 UPS 市电中断', labels: { service: '公共资源交易中心', site: '主机房' }, acknowledgedAt: null,
      openedAt: new Date(T0).toISOString(), acknowledgeDue: new Date(T0 + 15 * MIN).toISOString(), restoreDue: new Date(T0 + 4 * HOUR).toISOString() }]);
  });

  it('an operator acknowledges and adds notes; a viewer may not; each change is audited with token and address', async () => {
    expect((await call('POST', '/api/incidents/INC-000002/ack', TOKENS.viewer)).statusCode).toBe(403);
    clock.advance(3 * MIN);
    const ack = await call('POST', '/api/incidents/INC-000002/ack', TOKENS.operator);
    expect(ack.json()).toMatchObject({ id: 'INC-000002', acknowledgedBy: 'oncall-zhang', acknowledgedAt: new Date(T0 + 3 * MIN).toISOString(), already: false });
    expect((await call('POST', '/api/incidents/INC-000002/notes', TOKENS.operator, { text: '已联系厂商' })).statusCode).toBe(201);
    expect((await call('POST', '/api/incidents/INC-000002/notes', TOKENS.operator, { text: '' })).statusCode).toBe(400);
    expect((await call('POST', '/api/incidents/INC-999999/ack', TOKENS.operator)).statusCode).toBe(404);
    const detail = (await call('GET', '/api/incidents/INC-000002', TOKENS.viewer)).json();
    expect(detail.notes).toEqual([{ at: new Date(T0 + 3 * MIN).toISOString(), author: 'oncall-zhang', text: '已联系厂商' }]);
    expect((await call('GET', '/api/audit', TOKENS.operator)).statusCode).toBe(403);
    const audit = (await call('GET', '/api/audit', TOKENS.admin)).json().entries;
    expect(audit.slice(0, 2).map((e: Record<string, unknown>) => [e.action, e.subject, e.actor, e.tokenName, e.address])).toEqual([
      ['incident.note', 'INC-000002', 'oncall-zhang', 'oncall-zhang', '10.1.2.3'],
      ['incident.acknowledge', 'INC-000002', 'oncall-zhang', 'oncall-zhang', '10.1.2.3'],
    ]);
  });

  it('creates and ends a maintenance window: alerts in scope show it; both changes audited', async () => {
    const bad = await call('POST', '/api/maintenance', TOKENS.operator, { matchers: ['severity="x"'], ticket: 'T' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().problems.join('\n')).toContain('scoped by site, target, service, agency');
    const made = await call('POST', '/api/maintenance', TOKENS.operator, {
      id: 'dr-network', matchers: ['site="灾备中心"'], ticket: 'CHG-2026-0042', approved_by: '李主任', announced_at: '2026-05-05T09:00', start: '2026-05-06T08:00', end: '2026-05-06T12:00',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ id: 'dr-network', createdBy: 'oncall-zhang', source: 'api' });
    const alerts = (await call('GET', '/api/alerts', TOKENS.viewer)).json().alerts;
    expect(alerts.find((a: { labels: { target: string } }) => a.labels.target === 'web-1')).toMatchObject({ inMaintenance: 'dr-network', incident: 'INC-000002' });
    expect(app.alerting.store.get('INC-000002')!.restoredAt).toBeNull();
    const listed = (await call('GET', '/api/maintenance', TOKENS.viewer)).json();
    expect(listed.occurrences).toMatchObject([{ windowId: 'dr-network', ticket: 'CHG-2026-0042', approvedBy: '李主任', createdBy: 'oncall-zhang', endedBy: null }]);
    clock.advance(10 * MIN);
    const ended = await call('POST', '/api/maintenance/dr-network/end', TOKENS.operator);
    expect(ended.json()).toMatchObject({ endedBy: 'oncall-zhang', endedAt: new Date(T0 + 13 * MIN).toISOString() });
    expect(app.alerting.maintenanceBetween(T0, T0 + HOUR)).toMatchObject([{ start: T0, end: T0 + 13 * MIN, endedBy: 'oncall-zhang' }]);
    const audit = (await call('GET', '/api/audit?limit=2', TOKENS.admin)).json().entries;
    expect(audit.map((e: { action: string; subject: string }) => `${e.action} ${e.subject}`)).toEqual(['maintenance.end dr-network', 'maintenance.create dr-network']);
  });

  it('the status page shows firing alerts by level, incidents with an acknowledge button, maintenance and traps', async () => {
    app.events.append({ at: clock.now(), source: 'snmp-trap', kind: 'ups-on-battery', severity: 'critical', target: 'ups-1', summary: 'UPS 切换到电池供电', details: {} });
    await call('POST', '/api/maintenance', TOKENS.operator, {
      id: 'ups-swap', matchers: ['target="ups-9"'], ticket: 'CHG-7', approved_by: '王', announced_at: '2026-05-01T09:00', start: '2026-05-06T08:00', end: '2026-05-06T23:00',
    });
    source.fire('ups-overload', { service: 'S9', target: 'ups-9' }, { flapping: true });
    const html = (await call('GET', '/?lang=zh-CN')).body;
    const alerts = html.slice(html.indexOf('id="alerts"'), html.indexOf('id="incidents"'));
    expect(alerts.indexOf('一级')).toBeLessThan(alerts.indexOf('三级'));
    expect(alerts).toContain('公共资源交易中心 UPS 市电中断');
    const row = alerts.split('<tr').find((r) => r.includes('<td>ups-9</td>'))!;
    expect(row).toContain('维护中');
    expect(row).toContain('抖动');
    expect(alerts.split('<tr').find((r) => r.includes('<td>ups-1</td>'))).not.toContain('维护中');
    expect(html).toContain('data-ack="INC-000001"');
    expect(html).not.toContain('data-ack="INC-000002"');
    expect(html).toContain('已确认 (oncall-zhang)');
    expect(html).toContain('CHG-7');
    expect(html).toContain('UPS 切换到电池供电');
    expect(html).toContain("sessionStorage.getItem('slaguard-token')");
  });
});

describe('signed acknowledge link on a listening server', () => {
  it('GET shows a confirm page and changes nothing; POST acknowledges with the given name', async () => {
    clock.advance(30_000);
    const msg = outbox.messages.find((m) => m.context?.incident === 'INC-000001')!;
    expect(msg.title).toBe('【一级告警】公共资源交易中心 UPS 市电中断');
    expect(msg.ackUrl).toMatch(new RegExp(`^${base}/ack/INC-000001\\?exp=\\d+&sig=[\\w-]+$`));
    const page = await fetch(msg.ackUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect(app.alerting.store.get('INC-000001')!.acknowledgedAt).toBeNull();

    const url = new URL(msg.ackUrl!);
    const post = (params: Record<string, string>) => fetch(`${base}${url.pathname}`, { method: 'POST', body: new URLSearchParams(params) });
    const sig = url.searchParams.get('sig')!;
    const exp = url.searchParams.get('exp')!;
    expect((await post({ exp, sig: sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA'), name: '值班员' })).status).toBe(403);
    expect((await post({ exp: String(Number(exp) + 3600), sig, name: '值班员' })).status).toBe(403);
    expect((await fetch(`${base}/ack/INC-000002?exp=${exp}&sig=${sig}`)).status).toBe(403);
    const ok = await post({ exp, sig, name: '值班员王' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('事件 INC-000001 已由 值班员王 确认。');
    expect(app.alerting.store.get('INC-000001')).toMatchObject({ acknowledgedBy: '值班员王', acknowledgedAt: clock.now() });
    const metrics = (await call('GET', '/metrics')).body;
    expect(metrics).toMatch(/^slaguard_incidents_open\{level="1",acknowledged="true"\} 1$/m);
    expect(metrics).toMatch(/^slaguard_alerting_notifications_enqueued_total\{kind="notification",new="true"\} [1-9]/m);
    const audit = (await call('GET', '/api/audit?limit=1', TOKENS.admin)).json().entries[0];
    expect(audit).toMatchObject({ action: 'incident.acknowledge', subject: 'INC-000001', actor: '值班员王', tokenName: null, details: { via: 'link' }, address: '127.0.0.1' });
  });

  it('an expired link is refused', async () => {
    source.fire('disk-full', { service: 'DB', target: 'db-1' });
    clock.advance(30_000);
    const msg = outbox.messages.find((m) => m.context?.incident === 'INC-000003')!;
    clock.advance(HOUR + 1000);
    expect((await fetch(msg.ackUrl!)).status).toBe(410);
    const url = new URL(msg.ackUrl!);
    const res = await fetch(`${base}${url.pathname}`, { method: 'POST', body: new URLSearchParams({ exp: url.searchParams.get('exp')!, sig: url.searchParams.get('sig')!, name: 'x' }) });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('确认链接已过期');
    expect(app.alerting.store.get('INC-000003')!.acknowledgedAt).toBeNull();
  });
});
