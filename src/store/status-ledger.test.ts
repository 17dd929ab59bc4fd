import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from './db.ts';
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
    const first = new StatusLedger(openDb(path), { now: T0, version: 'test' });
    first.register('web', T0);
    first.record('web', 'up', 'ok', T0 + 1_000);
    first.close(T0 + 60_000);
    const second = new StatusLedger(openDb(path), { now: T0 + 120_000, version: 'test' });
    second.register('web', T0 + 120_000);
    second.record('web', 'up', 'ok', T0 + 121_000);
    expect(rows(second, 'web')).toEqual([['unknown', 0], ['up', 1_000], ['unknown', 60_000], ['up', 121_000]]);
    expect(second.history('web')[2]!.reason).toBe(UNKNOWN_REASON.stopped);
  });

  it('after a crash, the gap is unknown from the last heartbeat (or the last transition, if later)', () => {
    const path = dbPath();
    const crashed = new StatusLedger(openDb(path), { now: T0, version: 'test' });
    crashed.register('web', T0);
    crashed.register('db', T0);
    crashed.record('web', 'up', 'ok', T0 + 1_000);
    crashed.record('db', 'up', 'ok', T0 + 1_000);
    crashed.heartbeat(T0 + 10_000);
    crashed.record('db', 'down', 'refused', T0 + 15_000);
    // no close(): the process died here
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
