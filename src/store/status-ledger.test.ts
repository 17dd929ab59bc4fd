import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDb, openDbReadOnly } from './db.ts';
import { StatusLedger, UNKNOWN_REASON } from './status-ledger.ts';

const T0 = Date.parse('2026-11-01T00:00:00+08:00');
const dbPath = () => join(mkdtempSync(join(tmpdir(), 'ledger-')), 'slaguard.db');
const rows = (ledger: StatusLedger, target: string) => ledger.history(target).map((t) => [t.status, t.at - T0]);

describe('StatusLedger', () => {
  it('writes only changes: a new target is unknown until its first poll, then up, down, up', () => {
    const ledger = new StatusLedger(openDb(':memory:'), { now: T0, version: 'test' });
    ledger.register('web', T0);
    ledger.record('web', 'up', 'ok', T0 + 1_000);
    ledger.record('web', 'up', 'ok', T0 + 2_000);
    ledger.record('web', 'down', 'TIMEOUT', T0 + 3_000);
    ledger.record('web', 'down', 'TIMEOUT', T0 + 4_000);
    ledger.record('web', 'up', 'ok', T0 + 5_000);
    expect(rows(ledger, 'web')).toEqual([['unknown', 0], ['up', 1_000], ['down', 3_000], ['up', 5_000]]);
  });

  it('a clean stop turns every target unknown at the stop; the restart adds nothing until a poll', () => {
    const path = dbPath();
    const firstDb = openDb(path);
    const first = new StatusLedger(firstDb, { now: T0, version: 'test' });
    first.register('web', T0);
    first.record('web', 'up', 'ok', T0 + 1_000);
    first.close(T0 + 60_000);
    firstDb.close();
    const second = new StatusLedger(openDb(path), { now: T0 + 120_000, version: 'test' });
    second.register('web', T0 + 120_000);
    second.record('web', 'up', 'ok', T0 + 121_000);
    expect(rows(second, 'web')).toEqual([['unknown', 0], ['up', 1_000], ['unknown', 60_000], ['up', 121_000]]);
    expect(second.history('web')[2]!.reason).toBe(UNKNOWN_REASON.stopped);
  });

  it('after a crash, the gap is unknown from the last heartbeat (or the last transition, if later)', () => {
    const path = dbPath();
    const crashedDb = openDb(path);
    const crashed = new StatusLedger(crashedDb, { now: T0, version: 'test' });
    crashed.register('web', T0);
    crashed.register('db', T0);
    crashed.record('web', 'up', 'ok', T0 + 1_000);
    crashed.record('db', 'up', 'ok', T0 + 1_000);
    crashed.heartbeat(T0 + 10_000);
    crashed.record('db', 'down', 'refused', T0 + 15_000);
    crashed.flush();
    crashedDb.close(); // no ledger.close(): the process died here
    const restarted = new StatusLedger(openDb(path), { now: T0 + 300_000, version: 'test' });
    expect(rows(restarted, 'web')).toEqual([['unknown', 0], ['up', 1_000], ['unknown', 10_000]]);
    expect(rows(restarted, 'db')).toEqual([['unknown', 0], ['up', 1_000], ['down', 15_000], ['unknown', 15_000]]);
    expect(restarted.statusOf('web')!.reason).toBe(UNKNOWN_REASON.crashed);
  });

  it('history() includes the transition in force at the start of the window', () => {
    const ledger = new StatusLedger(openDb(':memory:'), { now: T0, version: 'test' });
    ledger.register('web', T0);
    ledger.record('web', 'up', 'ok', T0 + 1_000);
    ledger.record('web', 'down', 'x', T0 + 10_000);
    expect(ledger.history('web', T0 + 5_000, T0 + 20_000).map((t) => t.status)).toEqual(['up', 'down']);
  });
});

describe('StatusLedger writes', () => {
  it('calls onChange once per accepted transition, in order, and not for repeats', () => {
    const ledger = new StatusLedger(openDb(':memory:'), { now: T0, version: 'test' });
    const seen: string[] = [];
    ledger.onChange((t) => seen.push(`${t.target}:${t.status}@${t.at - T0}`));
    ledger.register('web', T0);
    ledger.record('web', 'up', 'ok', T0 + 1_000);
    ledger.record('web', 'up', 'ok', T0 + 2_000);
    ledger.register('db', T0 + 2_500);
    ledger.record('web', 'down', 'x', T0 + 3_000);
    expect(seen).toEqual(['web:unknown@0', 'web:up@1000', 'db:unknown@2500', 'web:down@3000']);
  });

  it('writes a burst in one go after the flush delay, in order; history shows what still waits', () => {
    vi.useFakeTimers();
    try {
      const path = dbPath();
      const db = openDb(path);
      const ledger = new StatusLedger(db, { now: T0, version: 'test', flushDelayMs: 5 });
      const reader = openDbReadOnly(path);
      const written = () => reader.prepare('SELECT target, status FROM status_transitions ORDER BY id').all() as Array<{ target: string; status: string }>;
      for (let i = 0; i < 1_000; i++) ledger.register(`t${i}`, T0);
      for (let i = 0; i < 1_000; i++) ledger.record(`t${i}`, i % 2 ? 'up' : 'down', 'x', T0 + 1);
      expect(written()).toHaveLength(0);
      expect(ledger.history('t3').map((t) => t.status)).toEqual(['unknown', 'up']);
      expect(ledger.writeHealth().waiting).toBe(2_000);
      vi.advanceTimersByTime(5);
      const rows = written();
      expect(rows).toHaveLength(2_000);
      expect(rows.slice(0, 1_000).every((r) => r.status === 'unknown')).toBe(true);
      expect(rows.slice(1_000).map((r) => r.target)).toEqual(Array.from({ length: 1_000 }, (_, i) => `t${i}`));
      expect(ledger.writeHealth()).toEqual({ failing: undefined, failures: 0, waiting: 0 });
      reader.close();
      db.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes a burst above 10,000 (100,000 targets registering at start) in chunks, yielding to the event loop between them, in order', () => {
    vi.useFakeTimers();
    try {
      const db = openDb(':memory:');
      const ledger = new StatusLedger(db, { now: T0, version: 'test' });
      const count = () => db.prepare('SELECT count(*) FROM status_transitions').pluck().get();
      for (let i = 0; i < 25_000; i++) ledger.register(`t${i}`, T0);
      ledger.heartbeat(T0 + 1);
      const heartbeat = () => db.prepare('SELECT heartbeat_at FROM daemon_runs').pluck().get();
      expect([count(), heartbeat()]).toEqual([10_000, T0]);
      vi.advanceTimersToNextTimer();
      expect([count(), heartbeat()]).toEqual([20_000, T0]);
      vi.advanceTimersToNextTimer();
      expect([count(), heartbeat()]).toEqual([25_000, T0 + 1]);
      expect(db.prepare('SELECT target FROM status_transitions ORDER BY id').pluck().all()).toEqual(Array.from({ length: 25_000 }, (_, i) => `t${i}`));
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a database it does not hold the writer lock of, and writes nothing to it', () => {
    const path = dbPath();
    const db = openDb(path);
    const ledger = new StatusLedger(db, { now: T0, version: 'test' });
    ledger.register('web', T0);
    ledger.record('web', 'up', 'ok', T0 + 1);
    ledger.flush();
    const reader = openDbReadOnly(path);
    expect(() => new StatusLedger(reader, { now: T0 + 5, version: 'test' })).toThrow(/writer lock/);
    expect(reader.prepare('SELECT count(*) FROM daemon_runs WHERE stopped_at IS NULL').pluck().get()).toBe(1);
    expect(ledger.history('web').map((t) => t.status)).toEqual(['unknown', 'up']);
    reader.close();
    db.close();
  });
});
