import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/db.ts';
import { alertingConfig, FakeClock, HOUR, MIN, RecordingOutbox, ScriptedAlerts, tempDbPath } from '../../test/helpers/alerting.ts';
import { maintenanceSpecSchema } from './maintenance-spec.ts';
import { Alerting } from './service.ts';

const T0 = Date.parse('2026-05-06T08:00:00+08:00');
let dbs: Db[] = [];
afterEach(() => { for (const d of dbs) d.close(); dbs = []; });

function setup(alerting: Record<string, unknown> = {}) {
  const clock = new FakeClock(T0);
  const db = openDb(tempDbPath());
  dbs.push(db);
  const source = new ScriptedAlerts(clock);
  const outbox = new RecordingOutbox();
  const cfg = alertingConfig({
    route: { receiver: 'noc', group_by: ['service'] },
    escalation: { tiers: [{ receivers: ['team-lead'] }, { receivers: ['director', 'duty-manager'] }], repeat: '30m' },
    ack_link: { base_url: 'https://slaguard.example.gov.cn', secret: 'test-secret-0123456789' },
    ...alerting,
  });
  const a = new Alerting({ db, config: () => cfg, source, outbox, clock });
  a.start();
  return { clock, source, outbox, alerting: a };
}
const who = { name: 'oncall', tokenName: 'oncall', address: '127.0.0.1' };

describe('incidents', () => {
  it('alerts of one service share an incident; without a service they group by target', () => {
    const { source, alerting } = setup();
    source.fire('ups-on-battery', { service: '交易中心', target: 'ups-1', agency: '市公管办', site: 'A' });
    source.fire('ups-overload', { service: '交易中心', target: 'ups-2', agency: '市公管办', site: 'B' });
    source.fire('cpu-high', { target: 'host-9' }, { severity: 'warning' });
    source.fire('mem-high', { target: 'host-9' }, { severity: 'warning' });
    const open = alerting.store.open();
    expect(open).toHaveLength(2);
    expect(open[0]).toMatchObject({ id: 'INC-000001', level: 1, labels: { service: '交易中心', agency: '市公管办' } });
    expect(open[0]!.labels.site).toBeUndefined();
    expect(open[0]!.alertFingerprints).toHaveLength(2);
    expect(open[1]).toMatchObject({ id: 'INC-000002', level: 3, labels: { target: 'host-9' } });
  });

  it('severity maps to levels through the config; a level label overrides it; a worse alert raises the level', () => {
    const { source, alerting } = setup({ severity_levels: { warning: 2 } });
    source.fire('temp-high', { service: 'S' }, { severity: 'warning' });
    expect(alerting.store.open()[0]!.level).toBe(2);
    source.fire('info-thing', { service: 'T', level: '4' }, { severity: 'critical' });
    expect(alerting.store.open()[1]!.level).toBe(4);
    source.fire('ups-down', { service: 'S' }, { severity: 'critical' });
    expect(alerting.store.open()[0]!.level).toBe(1);
  });

  it('restored when all its alerts resolve, closed after close_after; an alert firing again before that reopens it', () => {
    const { clock, source, alerting } = setup();
    const a = source.fire('ups-on-battery', { service: 'S', target: 'ups-1' });
    const b = source.fire('ups-overload', { service: 'S', target: 'ups-1' });
    clock.advance(10 * MIN);
    source.resolve(a);
    expect(alerting.store.get('INC-000001')!.restoredAt).toBeNull();
    source.resolve(b);
    expect(alerting.store.get('INC-000001')!.restoredAt).toBe(T0 + 10 * MIN);
    clock.advance(30 * MIN);
    source.fire('ups-on-battery', { service: 'S', target: 'ups-1' });
    expect(alerting.store.get('INC-000001')).toMatchObject({ restoredAt: null, closedAt: null });
    source.resolve(source.alerts.get(a.fingerprint)!);
    clock.advance(HOUR);
    expect(alerting.store.get('INC-000001')).toMatchObject({ restoredAt: T0 + 40 * MIN, closedAt: T0 + 100 * MIN });
    source.fire('ups-on-battery', { service: 'S', target: 'ups-1' });
    expect(alerting.store.open().map((i) => i.id)).toEqual(['INC-000002']);
  });

  it('records notes and acknowledgement, and tells listeners', () => {
    const { source, alerting } = setup();
    const seen: string[] = [];
    alerting.onIncidentChange((i) => seen.push(`${i.id}:${i.acknowledgedBy ?? '-'}`));
    source.fire('ups-on-battery', { service: 'S' });
    alerting.addNote('INC-000001', '已派人前往机房', who);
    expect(alerting.acknowledge('INC-000001', who, 'api')!.already).toBe(false);
    expect(alerting.acknowledge('INC-000001', { ...who, name: 'other' }, 'api')!.already).toBe(true);
    expect(alerting.store.get('INC-000001')).toMatchObject({ acknowledgedBy: 'oncall' });
    expect(alerting.store.notes(1)).toEqual([{ at: T0, author: 'oncall', text: '已派人前往机房' }]);
    expect(seen).toEqual(['INC-000001:-', 'INC-000001:oncall']);
    expect(alerting.incidentsOpenedBetween(T0, T0 + 1).map((i) => i.id)).toEqual(['INC-000001']);
  });
});

describe('escalation over simulated hours', () => {
  it('pages the next tier once the acknowledge target passes, repeats on schedule, stops on acknowledge', () => {
    const { clock, source, outbox, alerting } = setup();
    source.fire('ups-on-battery', { service: '交易中心', target: 'ups-1' }, { summary: '交易中心 UPS 市电中断' });
    const escalations = () => outbox.messages.filter((m) => m.context?.kind === 'escalation').map((m) => `${(clock.now() - T0) / MIN}:${m.context!.step}:${m.receiver}`);
    const at: string[] = [];
    for (let i = 0; i < 100; i++) {
      clock.advance(MIN);
      const e = outbox.messages.filter((m) => m.context?.kind === 'escalation');
      while (at.length < e.length) at.push(`${(clock.now() - T0) / MIN}:${e[at.length]!.context!.step}:${e[at.length]!.receiver}`);
    }
    expect(at).toEqual(['15:1:team-lead', '45:2:director', '45:2:duty-manager', '75:3:director', '75:3:duty-manager']);
    const first = outbox.messages.find((m) => m.context?.kind === 'escalation')!;
    expect(first.title).toBe('【一级告警·第1次升级】交易中心 UPS 市电中断');
    expect(first.text).toContain('INC-000001 已 15 分钟未确认');
    expect(first.ackUrl).toMatch(/^https:\/\/slaguard\.example\.gov\.cn\/ack\/INC-000001\?exp=\d+&sig=/);
    alerting.acknowledge('INC-000001', who, 'api');
    const before = escalations().length;
    clock.advance(10 * HOUR);
    expect(outbox.messages.filter((m) => m.context?.kind === 'escalation')).toHaveLength(before);
  });

  it('each level has its own acknowledge target; a restored incident does not escalate', () => {
    const { clock, source, outbox } = setup();
    source.fire('cpu-high', { service: 'S' }, { severity: 'warning' });
    const b = source.fire('disk-full', { service: 'T' }, { severity: 'critical' });
    clock.advance(10 * MIN);
    source.resolve(b);
    clock.advance(2 * HOUR - 10 * MIN - 1);
    expect(outbox.messages.filter((m) => m.context?.kind === 'escalation')).toHaveLength(0);
    clock.advance(1);
    expect(outbox.messages.filter((m) => m.context?.kind === 'escalation').map((m) => m.context!.incident)).toEqual(['INC-000001']);
  });

  it('waits while all the incident\'s alerts are in a maintenance window, and escalates once it ends', () => {
    const { clock, source, outbox, alerting } = setup();
    source.fire('ups-on-battery', { service: 'S', site: '主机房' });
    clock.advance(5 * MIN);
    alerting.createWindow(maintenanceSpecSchema.parse({
      id: 'w', matchers: ['site="主机房"'], ticket: 'CHG-1', approved_by: '张三', announced_at: '2026-05-01T09:00', start: '2026-05-06T08:05', end: '2026-05-06T09:00',
    }), who);
    clock.advance(55 * MIN - 1);
    expect(outbox.messages.filter((m) => m.context?.kind === 'escalation')).toHaveLength(0);
    expect(alerting.store.get('INC-000001')!.restoredAt).toBeNull();
    clock.advance(1);
    expect(outbox.messages.filter((m) => m.context?.kind === 'escalation').map((m) => `${m.context!.step}:${m.receiver}`)).toEqual(['2:director', '2:duty-manager']);
  });

  it('finds the open incident of an alert through an index, not by scanning every incident alert ever stored', () => {
    const db = openDb(tempDbPath());
    dbs.push(db);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT i.* FROM incidents i JOIN incident_alerts a ON a.incident_seq = i.seq
      WHERE i.closed_at IS NULL AND a.fingerprint = ? ORDER BY i.seq DESC LIMIT 1`).all('x') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH a USING (COVERING )?INDEX incident_alerts_by_fingerprint/);
  });
});
