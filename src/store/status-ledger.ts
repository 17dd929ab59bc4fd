import type { Db } from './db.ts';

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

/**
 * The start of the SLA ledger: every status transition of every target, written synchronously.
 * Only changes are written, so the history never holds two rows in a row with the same status.
 * A run that ended without a clean stop is closed on the next open: each target turns unknown at
 * the last moment slaguard was known alive, never left looking up.
 */
export class StatusLedger {
  private readonly current = new Map<string, StatusTransition>();
  private readonly insert;
  private readonly heartbeatStmt;
  readonly runId: number;

  constructor(private readonly db: Db, opts: { now: number; version: string }) {
    this.insert = db.prepare('INSERT INTO status_transitions (target, status, reason, at, run_id) VALUES (?, ?, ?, ?, ?)');
    this.heartbeatStmt = db.prepare('UPDATE daemon_runs SET heartbeat_at = ? WHERE id = ?');
    const latest = db.prepare(
      `SELECT target, status, reason, at FROM status_transitions
       WHERE id IN (SELECT MAX(id) FROM status_transitions GROUP BY target)`,
    ).all() as StatusTransition[];
    for (const t of latest) this.current.set(t.target, t);

    this.runId = db.transaction(() => {
      this.closeCrashedRuns();
      const run = db.prepare('INSERT INTO daemon_runs (started_at, heartbeat_at, version, pid) VALUES (?, ?, ?, ?)')
        .run(opts.now, opts.now, opts.version, process.pid);
      return Number(run.lastInsertRowid);
    })();
  }

  /** The latest known status of a target, or undefined if it was never seen. */
  statusOf(target: string): StatusTransition | undefined {
    return this.current.get(target);
  }

  /** Records `status` from `at` on; returns true when it was a change (and so was written). */
  record(target: string, status: TargetStatus, reason: string, at: number): boolean {
    const previous = this.current.get(target);
    if (previous?.status === status) return false;
    const when = Math.max(at, previous?.at ?? at);
    this.insert.run(target, status, reason, when, this.runId);
    this.current.set(target, { target, status, reason, at: when });
    return true;
  }

  /** A new or returning target: unknown until its first poll. */
  register(target: string, at: number): void {
    this.record(target, 'unknown', UNKNOWN_REASON.firstPoll, at);
  }

  /** Marks slaguard alive at `at`; a crash is dated from the last heartbeat. */
  heartbeat(at: number): void {
    this.heartbeatStmt.run(at, this.runId);
  }

  /** Every target known to the ledger. */
  targets(): string[] {
    return [...this.current.keys()];
  }

  /** Transitions of one target with `at` in [from, to), oldest first, plus the one in force at `from`. */
  history(target: string, from = 0, to = Number.MAX_SAFE_INTEGER): StatusTransition[] {
    return this.db.prepare(
      `SELECT target, status, reason, at FROM status_transitions WHERE target = ? AND at >= ? AND at < ?
       UNION ALL
       SELECT * FROM (SELECT target, status, reason, at FROM status_transitions WHERE target = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1)
       ORDER BY at`,
    ).all(target, from, to, target, from) as StatusTransition[];
  }

  /** A clean stop: every target turns unknown now, and the run is closed. */
  close(at: number): void {
    this.db.transaction(() => {
      for (const target of this.current.keys()) this.record(target, 'unknown', UNKNOWN_REASON.stopped, at);
      this.db.prepare("UPDATE daemon_runs SET stopped_at = ?, heartbeat_at = ?, stop_kind = 'clean' WHERE id = ?").run(at, at, this.runId);
    })();
  }

  private closeCrashedRuns(): void {
    const crashed = this.db.prepare('SELECT id, heartbeat_at FROM daemon_runs WHERE stopped_at IS NULL ORDER BY id').all() as Array<{ id: number; heartbeat_at: number }>;
    for (const run of crashed) {
      for (const target of this.current.keys()) {
        const last = this.current.get(target)!;
        if (last.status === 'unknown') continue;
        const at = Math.max(run.heartbeat_at, last.at);
        this.insert.run(target, 'unknown', UNKNOWN_REASON.crashed, at, run.id);
        this.current.set(target, { target, status: 'unknown', reason: UNKNOWN_REASON.crashed, at });
      }
      this.db.prepare("UPDATE daemon_runs SET stopped_at = heartbeat_at, stop_kind = 'crash' WHERE id = ?").run(run.id);
    }
  }
}
