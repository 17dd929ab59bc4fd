import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/db.ts';
import { alertingConfig, FakeClock, HOUR, MIN, RecordingOutbox, ScriptedAlerts, tempDbPath } from '../../test/helpers/alerting.ts';
import { maintenanceSpecSchema } from './maintenance-spec.ts';
import { MaintenanceStore } from './maintenance.ts';
import { Alerting } from './service.ts';

let dbs: Db[] = [];
afterEach(() => { for (const d of dbs) d.close(); dbs = []; });
const db = () => { const d = openDb(tempDbPath()); dbs.push(d); return d; };
const spec = (w: Record<string, unknown>) => maintenanceSpecSchema.parse({ matchers: ['site="主机房"'], ticket: 'CHG-1', approved_by: '张三', announced_at: '2026-01-01T09:00', ...w });
const iso = (ms: number) => new Date(ms).toISOString();

describe('maintenance occurrences', () => {
  it('a cron window keeps its local time across both DST changes in Europe/Berlin', () => {
    const store = new MaintenanceStore(db());
    store.syncConfig([spec({ id: 'sunday', time_zone: 'Europe/Berlin', cron: '0 3 * * 0', duration: '2h' })], 0);
    const occ = store.between(Date.parse('2026-03-21T00:00Z'), Date.parse('2026-03-30T00:00Z'));
    expect(occ.map((o) => [iso(o.start), iso(o.end)])).toEqual([
      ['2026-03-22T02:00:00.000Z', '2026-03-22T04:00:00.000Z'],
      ['2026-03-29T01:00:00.000Z', '2026-03-29T03:00:00.000Z'],
    ]);
    const autumn = store.between(Date.parse('2026-10-17T00:00Z'), Date.parse('2026-10-26T00:00Z'));
    expect(autumn.map((o) => iso(o.start))).toEqual(['2026-10-18T01:00:00.000Z', '2026-10-25T02:00:00.000Z']);
    expect(autumn[0]).toMatchObject({ windowId: 'sunday', ticket: 'CHG-1', approvedBy: '张三', createdBy: 'config', endedBy: null });
  });

  it('the last Sunday of the month in Europe/Berlin, and the second Tuesday in Asia/Shanghai', () => {
    const store = new MaintenanceStore(db());
    store.syncConfig([
      spec({ id: 'last-sun', time_zone: 'Europe/Berlin', nth_weekday: { n: -1, weekday: 'sun', at: '01:00' }, duration: '4h' }),
      spec({ id: 'second-tue', time_zone: 'Asia/Shanghai', nth_weekday: { n: 2, weekday: 'tue', at: '22:00' }, duration: '2h' }),
      spec({ id: 'fifth-fri', time_zone: 'Asia/Shanghai', nth_weekday: { n: 5, weekday: 'fri', at: '22:00' }, duration: '1h' }),
    ], 0);
    const all = store.between(Date.parse('2026-03-01T00:00Z'), Date.parse('2026-06-01T00:00Z'));
    const of = (id: string) => all.filter((o) => o.windowId === id).map((o) => iso(o.start));
    expect(of('last-sun')).toEqual(['2026-03-29T00:00:00.000Z', '2026-04-25T23:00:00.000Z', '2026-05-30T23:00:00.000Z']);
    expect(of('second-tue')).toEqual(['2026-03-10T14:00:00.000Z', '2026-04-14T14:00:00.000Z', '2026-05-12T14:00:00.000Z']);
    expect(of('fifth-fri')).toEqual(['2026-05-29T14:00:00.000Z']);
    const oct = store.between(Date.parse('2026-10-01T00:00Z'), Date.parse('2026-11-01T00:00Z')).filter((o) => o.windowId === 'last-sun');
    expect(oct.map((o) => [iso(o.start), iso(o.end)])).toEqual([['2026-10-24T23:00:00.000Z', '2026-10-25T03:00:00.000Z']]);
  });

  it('ending a window early cuts the occurrence in progress and drops later ones; who ended it is kept', () => {
    const store = new MaintenanceStore(db());
    const w = store.create(spec({ time_zone: 'Asia/Shanghai', cron: '0 22 * * *', duration: '2h' }), 'ops-li', 0);
    const nightStart = Date.parse('2026-05-06T22:00+08:00');
    store.end(w.id, 'ops-wang', nightStart + 30 * MIN);
    const occ = store.between(nightStart - 2 * 86_400_000, nightStart + 3 * 86_400_000);
    expect(occ.at(-1)).toMatchObject({ start: nightStart, end: nightStart + 30 * MIN, createdBy: 'ops-li', endedBy: 'ops-wang' });
    expect(occ.at(-2)).toMatchObject({ endedBy: null });
    expect(new MaintenanceStore(dbs[0]!).between(nightStart, nightStart + 86_400_000)).toHaveLength(1);
  });

  it('rejects bad windows with what would be right', () => {
    const bad = (w: Record<string, unknown>) => maintenanceSpecSchema.safeParse({ matchers: ['site="A"'], ticket: 'C', approved_by: 'x', announced_at: '2026-01-01T00:00', ...w }).error?.issues.map((i) => i.message).join('; ');
    expect(bad({ cron: '0 2 * * 0' })).toContain('a recurring window needs a duration');
    expect(bad({ start: '2026-01-02T00:00', end: '2026-01-01T00:00' })).toContain('end must be after start');
    expect(bad({ cron: 'nope', duration: '1h' })).toContain('not a cron expression');
    expect(bad({ matchers: ['severity="critical"'], cron: '0 2 * * 0', duration: '1h' })).toContain('scoped by site, target, service, agency only');
    expect(bad({ time_zone: 'Mars/Olympus', cron: '0 2 * * 0', duration: '1h' })).toContain('unknown time zone');
  });
});

describe('alerts inside a maintenance window', () => {
  const T0 = Date.parse('2026-05-06T20:00:00+08:00');
  it('fire but do not notify or open incidents; a still-firing alert notifies when the window ends', () => {
    const clock = new FakeClock(T0);
    const d = db();
    const source = new ScriptedAlerts(clock);
    const outbox = new RecordingOutbox();
    const cfg = alertingConfig({ route: { receiver: 'noc', group_by: ['site'] } }, [
      { id: 'ups-swap', matchers: ['site="主机房"'], ticket: 'CHG-2026-0506', approved_by: '张三', announced_at: '2026-05-05T10:00', start: '2026-05-06T20:10', end: '2026-05-06T21:00' },
    ]);
    const alerting = new Alerting({ db: d, config: () => cfg, source, outbox, clock });
    alerting.start();
    clock.advance(20 * MIN);
    const ups = source.fire('ups-on-battery', { site: '主机房', target: 'ups-1', service: 'S' });
    const done = source.fire('ups-overload', { site: '主机房', target: 'ups-2', service: 'S' });
    source.fire('link-down', { site: '灾备中心', target: 'sw-1' });
    clock.advance(10 * MIN);
    source.resolve(done);
    expect(outbox.messages.map((m) => m.alerts!.map((a) => a.labels.target))).toEqual([['sw-1']]);
    expect(alerting.alertViews().find((a) => a.fingerprint === ups.fingerprint)).toMatchObject({ state: 'firing', inMaintenance: 'ups-swap', incident: null });
    expect(alerting.store.open().map((i) => i.labels.target)).toEqual(['sw-1']);
    clock.advance(30 * MIN - 1);
    expect(outbox.messages).toHaveLength(1);
    clock.advance(1 + 30_000);
    expect(outbox.messages).toHaveLength(2);
    expect(outbox.messages[1]!.alerts!.map((a) => a.labels.target)).toEqual(['ups-1']);
    const inc = alerting.store.openOfAlert(ups.fingerprint)!;
    expect(inc.openedAt).toBe(T0 + HOUR);
    expect(alerting.maintenanceBetween(T0, T0 + HOUR)).toMatchObject([{ windowId: 'ups-swap', start: T0 + 10 * MIN, end: T0 + HOUR, ticket: 'CHG-2026-0506' }]);
    expect(alerting.audit.recent().map((e) => [e.action, e.subject, e.actor, e.at])).toEqual([['maintenance.config', 'ups-swap', 'config', T0]]);
  });

  it('a recurring window in Europe/Berlin mutes across the spring DST change and notifies at its end, over simulated days', () => {
    const start = Date.parse('2026-03-27T12:00:00Z');
    const clock = new FakeClock(start);
    const source = new ScriptedAlerts(clock);
    const sentAt: string[] = [];
    const outbox = new (class extends RecordingOutbox {
      override enqueue(m: Parameters<RecordingOutbox['enqueue']>[0]): boolean {
        sentAt.push(iso(clock.now()));
        return super.enqueue(m);
      }
    })();
    const cfg = alertingConfig({ route: { receiver: 'noc', group_by: ['site'], repeat_interval: '24h' } }, [
      { id: 'nightly', matchers: ['site="Frankfurt"'], ticket: 'CHG-9', approved_by: 'Anna', announced_at: '2026-03-01T09:00', time_zone: 'Europe/Berlin', cron: '0 1 * * *', duration: '2h' },
    ]);
    const alerting = new Alerting({ db: db(), config: () => cfg, source, outbox, clock });
    alerting.start();
    clock.advance(Date.parse('2026-03-29T00:30:00Z') - start);
    source.fire('ups-on-battery', { site: 'Frankfurt', target: 'ups-1' });
    expect(alerting.alertViews()[0]!.inMaintenance).toBe('nightly');
    clock.advance(3 * 24 * HOUR);
    // 29 March: 01:00 CET (00:00Z) + 2h = 02:00Z (04:00 CEST); first tick after group_wait at the end
    expect(sentAt[0]).toBe('2026-03-29T02:00:30.000Z');
    // the repeat is due after 24h, but 30 March 01:00-03:00 CEST (23:00Z-01:00Z) is inside the window: it waits for the end
    expect(sentAt.slice(1)).toEqual(['2026-03-30T02:00:30.000Z', '2026-03-31T02:00:30.000Z']);
    expect(outbox.messages.every((m) => m.alerts![0]!.labels.target === 'ups-1')).toBe(true);
  });
});
