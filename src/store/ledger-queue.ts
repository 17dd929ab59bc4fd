import type Database from 'better-sqlite3';
import type { Db } from './db.ts';
import type { StatusTransition } from './status-ledger.ts';

type Statement = Database.Statement<unknown[]>;

/** Most transitions written in one transaction by the timer; a larger burst continues on the next turn of the event loop. */
export const MAX_BATCH = 10_000;

/**
 * Accepted ledger transitions on their way to disk: written in order, a burst per transaction
 * (synchronous=FULL, so what is committed survives `kill -9` and power loss), the run's heartbeat
 * in the same transaction so a crash is never dated after a transition that was not written.
 * When a write fails (full disk, any SQLite error) everything stays queued and is tried again on
 * the next transition and every `retryMs`.
 */
export class LedgerQueue {
  private pending: StatusTransition[] = [];
  private heartbeatAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly heartbeatStmt: Statement;
  private readonly writeBatch: (batch: readonly StatusTransition[], heartbeat: number | undefined) => void;
  /** The last write error while writes fail; undefined when the last write succeeded. */
  failing: string | undefined;
  /** Failed write attempts since start. */
  failures = 0;

  constructor(private readonly db: Db, private readonly runId: number, insert: Statement, private readonly opts: { flushDelayMs: number; retryMs: number; onWriteState?: (failing: string | undefined, waiting: number) => void }) {
    this.heartbeatStmt = db.prepare('UPDATE daemon_runs SET heartbeat_at = ? WHERE id = ?');
    this.writeBatch = db.transaction((batch: readonly StatusTransition[], heartbeat: number | undefined) => {
      for (const t of batch) insert.run(t.target, t.status, t.reason, t.at, runId);
      if (heartbeat !== undefined) this.heartbeatStmt.run(heartbeat, runId);
    });
  }

  /** Transitions accepted and not yet written. */
  get waiting(): number {
    return this.pending.length;
  }

  /** The waiting transitions of one target, oldest first. */
  waitingFor(target: string): StatusTransition[] {
    return this.pending.filter((t) => t.target === target);
  }

  push(t: StatusTransition): void {
    this.pending.push(t);
    if (this.failing !== undefined && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.schedule(this.opts.flushDelayMs);
  }

  heartbeat(at: number): void {
    this.heartbeatAt = at;
    this.flush(MAX_BATCH);
  }

  /**
   * Writes up to `limit` waiting transitions now, oldest first, in one transaction (the heartbeat
   * goes with the last of them); the rest follow on the next turn of the event loop.
   * False (and counted) when the database refused.
   */
  flush(limit = Infinity): boolean {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0 && this.heartbeatAt === undefined) return true;
    const last = this.pending.length <= limit;
    const batch = last ? this.pending : this.pending.slice(0, limit);
    try {
      this.writeBatch(batch, last ? this.heartbeatAt : undefined);
    } catch (err) {
      this.failures++;
      const first = this.failing === undefined;
      this.failing = (err as Error).message ?? String(err);
      if (first) this.opts.onWriteState?.(this.failing, this.pending.length);
      if (!this.closed) this.schedule(this.opts.retryMs);
      return false;
    }
    this.pending = last ? [] : this.pending.slice(batch.length);
    if (last) this.heartbeatAt = undefined;
    else this.schedule(0);
    if (this.failing !== undefined) {
      this.failing = undefined;
      this.opts.onWriteState?.(undefined, batch.length);
    }
    return true;
  }

  /** Writes what waits and marks the run cleanly stopped at `at`, in one transaction. */
  close(at: number): boolean {
    this.closed = true;
    clearTimeout(this.timer);
    try {
      this.db.transaction(() => {
        this.heartbeatAt = undefined;
        if (!this.flush()) throw new Error(this.failing);
        this.db.prepare("UPDATE daemon_runs SET stopped_at = ?, heartbeat_at = ?, stop_kind = 'clean' WHERE id = ?").run(at, at, this.runId);
      })();
      return true;
    } catch (err) {
      this.failing = (err as Error).message;
      return false;
    }
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined || this.closed) return;
    this.timer = setTimeout(() => this.flush(MAX_BATCH), ms);
    this.timer.unref();
  }
}
