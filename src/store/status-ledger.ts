import type Database from 'better-sqlite3';
import { redactSecrets } from '../redact.ts';
import { holdsWriterLock, type Db } from './db.ts';
import { LedgerQueue } from './ledger-queue.ts';

export type TargetStatus = 'up' | 'down' | 'unknown';

/** One change of a target's status: from `at` (ms since the epoch) on, it was `status`. */
export interface StatusTransition {
  target: string;
  status: TargetStatus;
  reason: string;
  at: number;
}

/** Reasons written for time slaguard could not observe. */
export const UNKNOWN_REASON = {
  firstPoll: 'first poll pending',
  stopped: 'slaguard stopped',
  crashed: 'slaguard stopped unexpectedly (crash, kill -9 or power loss); gap counted from the last heartbeat',
  removed: 'target removed from the configuration',
  skipped: {
    stuck: 'poll skipped: the previous poll overran its deadline and is still running',
    queued: 'poll skipped: slaguard is overloaded (the previous poll still waits for a slot)',
  },
  internal: 'slaguard could not poll the target (internal error)',
} as const;

export interface LedgerOptions {
  now: number;
  version: string;
  /** How long accepted transitions may gather before they are written in one transaction (default 5 ms). */
  flushDelayMs?: number;
  /** How often writing is tried again while the database refuses writes (default 1 s). */
  retryMs?: number;
  /** Told when writes start failing (with the error) and when they succeed again (with how many were caught up). */
  onWriteState?: (failing: string | undefined, waiting: number) => void;
}

/**
 * The start of the SLA ledger: every status transition of every target.
 * Only changes are written, so the history never holds two rows in a row with the same status.
 * Transitions are accepted at once and written in order, a burst per transaction, within
 * `flushDelayMs`; when the database refuses a write (full disk) they wait in memory, in order,
 * and are written when it accepts again. A run that ended without a clean stop is closed on the
 * next open: each target turns unknown at the last moment slaguard was known alive.
 * Needs a database opened with `openDb` (which holds the writer lock).
 */
export class StatusLedger {
  private readonly current = new Map<string, StatusTransition>();
  private readonly listeners: Array<(t: StatusTransition) => void> = [];
  private readonly queue: LedgerQueue;
  readonly runId: number;

  constructor(private readonly db: Db, opts: LedgerOptions) {
    if (!holdsWriterLock(db)) throw new Error('StatusLedger needs a database opened for writing with openDb (it holds the writer lock)');
    const insert = db.prepare('INSERT INTO status_transitions (target, status, reason, at, run_id) VALUES (?, ?, ?, ?, ?)');
    const latest = db.prepare(
      `SELECT target, status, reason, at FROM status_transitions
       WHERE id IN (SELECT MAX(id) FROM status_transitions GROUP BY target)`,
    ).all() as StatusTransition[];
    for (const t of latest) this.current.set(t.target, t);

    this.runId = db.transaction(() => {
      this.closeCrashedRuns(insert);
      const run = db.prepare('INSERT INTO daemon_runs (started_at, heartbeat_at, version, pid) VALUES (?, ?, ?, ?)')
        .run(opts.now, opts.now, opts.version, process.pid);
      return Number(run.lastInsertRowid);
    })();
    this.queue = new LedgerQueue(db, this.runId, insert, { flushDelayMs: opts.flushDelayMs ?? 5, retryMs: opts.retryMs ?? 1000, ...(opts.onWriteState ? { onWriteState: opts.onWriteState } : {}) });
  }

  /** The latest known status of a target, or undefined if it was never seen. */
  statusOf(target: string): StatusTransition | undefined {
    return this.current.get(target);
  }

  /**
   * Records `status` from `at` on; returns true when it was a change (accepted, to be written in
   * order within the flush delay). Secrets in `reason` are hidden before it is kept.
   */
  record(target: string, status: TargetStatus, reason: string, at: number): boolean {
    const previous = this.current.get(target);
    if (previous?.status === status) return false;
    const t: StatusTransition = { target, status, reason: redactSecrets(reason), at: Math.max(at, previous?.at ?? at) };
    this.current.set(target, t);
    this.queue.push(t);
    let failed: unknown;
    for (const listener of this.listeners) {
      try {
        listener(t);
      } catch (err) {
        failed ??= err;
      }
    }
    if (failed !== undefined) throw failed;
    return true;
  }

  /** Calls `listener` once for each accepted transition, in the order they were accepted. */
  onChange(listener: (t: StatusTransition) => void): void {
    this.listeners.push(listener);
  }

  /** A new or returning target: unknown until its first poll. */
  register(target: string, at: number): void {
    this.record(target, 'unknown', UNKNOWN_REASON.firstPoll, at);
  }

  /** Marks slaguard alive at `at`, written together with every transition accepted before it; a crash is dated from the last heartbeat. */
  heartbeat(at: number): void {
    this.queue.heartbeat(at);
  }

  /** Writes every accepted transition now; false when the database refused (they keep waiting). */
  flush(): boolean {
    return this.queue.flush();
  }

  /** Whether writes fail now, how often they failed, and how many transitions wait in memory. */
  writeHealth(): { failing: string | undefined; failures: number; waiting: number } {
    return { failing: this.queue.failing, failures: this.queue.failures, waiting: this.queue.waiting };
  }

  /** Every target known to the ledger. */
  targets(): string[] {
    return [...this.current.keys()];
  }

  /** Transitions of one target with `at` in [from, to), oldest first, plus the one in force at `from` (written or waiting). */
  history(target: string, from = 0, to = Number.MAX_SAFE_INTEGER): StatusTransition[] {
    let rows = this.db.prepare(
      `SELECT target, status, reason, at FROM status_transitions WHERE target = ? AND at >= ? AND at < ?
       UNION ALL
       SELECT * FROM (SELECT target, status, reason, at FROM status_transitions WHERE target = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1)
       ORDER BY at`,
    ).all(target, from, to, target, from) as StatusTransition[];
    for (const t of this.queue.waitingFor(target)) {
      if (t.at >= to) continue;
      if (t.at < from) rows = [t, ...rows.filter((r) => r.at >= from)];
      else rows.push(t);
    }
    return rows;
  }

  /** A clean stop: every target turns unknown now, and the run is closed. False when the database refused the write. */
  close(at: number): boolean {
    for (const target of this.current.keys()) this.record(target, 'unknown', UNKNOWN_REASON.stopped, at);
    return this.queue.close(at);
  }

  private closeCrashedRuns(insert: Database.Statement<unknown[]>): void {
    const crashed = this.db.prepare('SELECT id, heartbeat_at FROM daemon_runs WHERE stopped_at IS NULL ORDER BY id').all() as Array<{ id: number; heartbeat_at: number }>;
    for (const run of crashed) {
      for (const target of this.current.keys()) {
        const last = this.current.get(target)!;
        if (last.status === 'unknown') continue;
        const at = Math.max(run.heartbeat_at, last.at);
        insert.run(target, 'unknown', UNKNOWN_REASON.crashed, at, run.id);
        this.current.set(target, { target, status: 'unknown', reason: UNKNOWN_REASON.crashed, at });
      }
      this.db.prepare("UPDATE daemon_runs SET stopped_at = heartbeat_at, stop_kind = 'crash' WHERE id = ?").run(run.id);
    }
  }
}
