import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../notify/types.ts';
import { openDb } from '../store/db.ts';
import { alertingConfig, FakeClock, HOUR, MIN, RecordingOutbox, ScriptedAlerts, tempDbPath } from '../../test/helpers/alerting.ts';
import { Alerting } from './service.ts';

const T0 = Date.parse('2026-05-06T08:00:00+08:00');
const cfg = alertingConfig({
  route: { receiver: 'noc', group_by: ['service'], repeat_interval: '4h' },
  escalation: { tiers: [{ receivers: ['team-lead'] }, { receivers: ['director'] }], repeat: '30m' },
});

/** One daemon run on a database file; the rules engine's resumed alerts are handed over like the real one would. */
function run(path: string, clock: FakeClock, outbox: RecordingOutbox, previous?: ScriptedAlerts) {
  const db = openDb(path);
  const source = new ScriptedAlerts(clock);
  for (const a of previous?.alerts.values() ?? []) source.alerts.set(a.fingerprint, a);
  const alerting = new Alerting({ db, config: () => cfg, source, outbox, clock });
  alerting.start();
  return { db, source, alerting, stop: () => { alerting.stop(); db.close(); } };
}

describe('restart on the same database', () => {
  it('resumes incidents, escalation steps and groups, and sends nothing twice', () => {
    const path = tempDbPath();
    const clock = new FakeClock(T0);
    const outbox1 = new RecordingOutbox();
    const first = run(path, clock, outbox1);
    first.source.fire('ups-on-battery', { service: '交易中心', target: 'ups-1' });
    clock.advance(20 * MIN);
    expect(outbox1.messages.map((m) => m.context?.kind)).toEqual(['notification', 'escalation']);
    first.stop();

    clock.advance(5 * MIN);
    const outbox2 = new RecordingOutbox();
    const second = run(path, clock, outbox2, first.source);
    expect(second.alerting.store.open()).toMatchObject([{ id: 'INC-000001', escalationStep: 1, openedAt: T0 }]);
    clock.advance(20 * MIN - 1);
    expect(outbox2.messages).toEqual([]);
    clock.advance(1);
    expect(outbox2.messages.map((m) => `${m.context?.kind}:${m.context?.step}:${m.receiver}`)).toEqual(['escalation:2:director']);
    second.alerting.acknowledge('INC-000001', { name: 'oncall', tokenName: 'oncall', address: null }, 'api');
    second.source.resolve(second.source.alerts.values().next().value!);
    clock.advance(5 * MIN);
    expect(outbox2.messages.map((m) => m.title)).toEqual([expect.stringContaining('升级'), '【已恢复】交易中心 ups-on-battery']);
    const all = [...outbox1.messages, ...outbox2.messages].map((m) => m.idempotencyKey);
    expect(new Set(all).size).toBe(all.length);
    second.stop();
  });

  it('a crash between enqueueing and recording a notification repeats the same idempotency key, which the outbox drops', () => {
    const path = tempDbPath();
    const clock = new FakeClock(T0);
    const durable = new RecordingOutbox();
    class CrashingOutbox extends RecordingOutbox {
      override enqueue(m: OutboundMessage): boolean {
        durable.enqueue(m);
        throw new Error('kill -9 right after the outbox committed');
      }
    }
    const first = run(path, clock, new CrashingOutbox());
    first.source.fire('ups-on-battery', { service: '交易中心', target: 'ups-1' });
    clock.advance(30_000);
    first.stop();
    expect(durable.messages).toHaveLength(1);

    const second = run(path, clock, durable, first.source);
    clock.advance(HOUR);
    const groupKeys = durable.attempts.filter((k) => k.startsWith('group:'));
    expect(groupKeys).toHaveLength(2);
    expect(groupKeys[1]).toBe(groupKeys[0]);
    expect(durable.messages.filter((m) => m.context?.kind === 'notification')).toHaveLength(1);
    second.stop();
  });
});
