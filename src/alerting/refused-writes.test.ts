import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/db.ts';
import { alertingConfig, FakeClock, MIN, RecordingOutbox, ScriptedAlerts } from '../../test/helpers/alerting.ts';
import { Alerting } from './service.ts';

const T0 = Date.parse('2026-05-06T08:00:00+08:00');
const cfg = alertingConfig({
  lang: 'en',
  levels: { 1: { acknowledge: '15m', restore: '4h' } },
  route: { receiver: 'noc', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h' },
});

let db: Db | undefined;
afterEach(() => db?.close());

/**
 * A database that refuses writes for a while, as on a full disk: SQLite's own `query_only` switch makes
 * every write fail inside the real database, on demand, where filling a disk cannot be timed to one alert.
 */
describe('alert changes while the database refuses writes', () => {
  it('the page still goes out, and each incident is written once writes are accepted, opened and restored at the times they happened', () => {
    const clock = new FakeClock(T0);
    db = openDb(':memory:');
    const source = new ScriptedAlerts(clock);
    const outbox = new RecordingOutbox();
    const alerting = new Alerting({ db, config: () => cfg, source, outbox, clock });
    alerting.start();

    db.pragma('query_only = ON');
    const a = source.fire('ups-on-battery', { target: 'ups-1' }, { summary: 'ups-1 on battery' });
    clock.advance(MIN);
    source.resolve(a);
    clock.advance(MIN);
    source.fire('ups-on-battery', { target: 'ups-2' }, { summary: 'ups-2 on battery' });
    expect(alerting.store.open()).toEqual([]);

    db.pragma('query_only = OFF');
    clock.advance(10_000);
    const incidents = alerting.store.list(0, Number.MAX_SAFE_INTEGER, 10).sort((x, y) => x.openedAt - y.openedAt);
    expect(incidents.map((i) => [i.title, i.openedAt - T0, i.restoredAt === null ? null : i.restoredAt - T0])).toEqual([
      ['ups-1 on battery', 0, MIN],
      ['ups-2 on battery', 2 * MIN, null],
    ]);
    clock.advance(5 * MIN);
    const pages = outbox.messages.filter((m) => m.context?.kind === 'notification');
    expect(pages.flatMap((m) => m.alerts ?? []).filter((x) => x.status === 'firing').map((x) => x.labels.target).sort()).toEqual(['ups-1', 'ups-2']);
  });
});
