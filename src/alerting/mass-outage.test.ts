import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/db.ts';
import { alertingConfig, FakeClock, HOUR, MIN, RecordingOutbox, ScriptedAlerts, tempDbPath } from '../../test/helpers/alerting.ts';
import { GROUP_SAVE_MS } from './dispatcher.ts';
import { LISTED_AS_DATA, LISTED_IN_TEXT } from './render.ts';
import { Alerting } from './service.ts';

const T0 = Date.parse('2026-05-06T08:00:00+08:00');
const N = 2000;
const cfg = alertingConfig({
  lang: 'en',
  levels: { 1: { acknowledge: '15m', restore: '4h' } },
  incidents: { close_after: '1h' },
  escalation: { tiers: [{ receivers: ['lead'] }], repeat: '30m' },
  route: { receiver: 'noc', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h' },
});

let dbs: Db[] = [];
afterEach(() => { for (const d of dbs) d.close(); dbs = []; });

function run(path: string, clock: FakeClock, previous?: ScriptedAlerts) {
  const db = openDb(path);
  dbs.push(db);
  const source = new ScriptedAlerts(clock);
  for (const a of previous?.alerts.values() ?? []) source.alerts.set(a.fingerprint, a);
  const outbox = new RecordingOutbox();
  const alerting = new Alerting({ db, config: () => cfg, source, outbox, clock });
  alerting.start();
  return { db, source, outbox, alerting };
}

const target = (i: number) => `app-${String(i).padStart(4, '0')}`;

describe(`${N} alerts at once (a mass outage), on a fake clock`, () => {
  it('one incident each, one notification for the group that lists some and counts all, each incident escalated once, all closed after restoring', () => {
    const clock = new FakeClock(T0);
    const { source, outbox, alerting } = run(':memory:', clock);
    const alerts = Array.from({ length: N }, (_, i) => source.fire('http-probe-failing', { target: target(i) }, { summary: `${target(i)} down` }));
    expect(alerting.store.open()).toHaveLength(N);

    clock.advance(30_000);
    const notes = outbox.messages.filter((m) => m.context?.kind === 'notification');
    expect(notes).toHaveLength(1);
    const m = notes[0]!;
    expect(m.title).toBe(`[Level 1 alert] app-0000 down and ${N - 1} more`);
    expect(m.alerts).toHaveLength(LISTED_AS_DATA);
    const blocks = m.text.split('\n\n');
    expect(blocks).toHaveLength(LISTED_IN_TEXT + 2);
    expect(blocks[LISTED_IN_TEXT]).toBe(`… and ${N - LISTED_IN_TEXT} more alerts not listed here (${N - LISTED_IN_TEXT} firing, 0 resolved); the alerts page lists them all.`);
    expect(m.text.length + JSON.stringify(m.alerts).length).toBeLessThan(100_000);

    clock.advance(15 * MIN - 30_000);
    const escalations = outbox.messages.filter((x) => x.context?.kind === 'escalation');
    expect(escalations).toHaveLength(N);
    expect(new Set(escalations.map((x) => x.context?.incident)).size).toBe(N);

    for (const a of alerts) source.resolve(a);
    expect(alerting.store.open().every((i) => i.restoredAt === clock.now())).toBe(true);
    clock.advance(5 * MIN);
    const resolved = outbox.messages.filter((x) => x.context?.kind === 'notification').at(-1)!;
    expect(resolved.title).toBe(`[Resolved] app-0000 down and ${N - 1} more`);
    expect(resolved.text).toContain(`… and ${N - LISTED_IN_TEXT} more alerts not listed here (0 firing, ${N - LISTED_IN_TEXT} resolved)`);
    clock.advance(HOUR - 5 * MIN - 1);
    expect(alerting.store.open()).toHaveLength(N);
    clock.advance(1);
    expect(alerting.store.open()).toHaveLength(0);
    expect(outbox.messages.filter((x) => x.context?.kind === 'escalation')).toHaveLength(N);
  });

  it('a resolution not yet written to its group when the daemon died is put right at the next start', () => {
    const path = tempDbPath();
    const clock = new FakeClock(T0);
    const first = run(path, clock);
    const a = first.source.fire('ups-on-battery', { target: 'ups-1' });
    const b = first.source.fire('ups-on-battery', { target: 'ups-2' });
    clock.advance(30_000);
    expect(first.outbox.messages.map((m) => m.alerts?.length)).toEqual([2]);
    first.source.resolve(a);
    clock.advance(GROUP_SAVE_MS / 2);
    first.source.resolve(b);
    // kill -9 here: b's resolution reached the rules engine's store but not the group; the dead daemon's timers never fire again
    first.db.close();
    dbs = [];
    const later = new FakeClock(clock.now());
    const second = run(path, later, first.source);
    later.advance(5 * MIN);
    const sent = second.outbox.messages.filter((m) => m.context?.kind === 'notification');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.alerts!.map((x) => `${x.labels.target}:${x.status}`).sort()).toEqual(['ups-1:resolved', 'ups-2:resolved']);
    later.advance(4 * HOUR);
    expect(second.outbox.messages.filter((m) => m.context?.kind === 'notification')).toHaveLength(1);
    expect(second.alerting.dispatcher.list()).toEqual([]);
  });
});
