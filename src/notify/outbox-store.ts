import type { Db } from '../store/db.ts';
import type { OutboundMessage } from './types.ts';

/** The states of a queued notification. `failed` rows are kept and listed, never deleted silently. */
export const OUTBOX_STATES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One row of the outbox, as the API lists it. */
export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  receiver: string;
  channel: string;
  state: OutboxState;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  finishedAt: number | null;
  lastError: string | null;
  message: OutboundMessage;
}

interface RawRow {
  id: number; idempotency_key: string; receiver: string; channel: string; message: string; state: OutboxState;
  attempts: number; created_at: number; next_attempt_at: number; claimed_at: number | null; finished_at: number | null; last_error: string | null;
}

const toRow = (r: RawRow): OutboxRow => ({
  id: r.id, idempotencyKey: r.idempotency_key, receiver: r.receiver, channel: r.channel, state: r.state,
  attempts: r.attempts, createdAt: r.created_at, nextAttemptAt: r.next_attempt_at, finishedAt: r.finished_at,
  lastError: r.last_error, message: JSON.parse(r.message) as OutboundMessage,
});

/** The outbox table: every state change is one committed statement, so a crash loses nothing. */
export class OutboxStore {
  private readonly st;

  constructor(private readonly db: Db) {
    this.st = {
      insert: db.prepare(`INSERT INTO outbox (idempotency_key, receiver, channel, message, state, created_at, next_attempt_at)
        VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`),
      claim: db.prepare(`UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_at = ?
        WHERE id = (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?
          AND receiver NOT IN (SELECT value FROM json_each(?)) ORDER BY next_attempt_at, id LIMIT 1)
        RETURNING *`),
      delivered: db.prepare(`UPDATE outbox SET state = 'delivered', finished_at = ?, last_error = NULL WHERE id = ?`),
      retry: db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?`),
      failed: db.prepare(`UPDATE outbox SET state = 'failed', finished_at = ?, last_error = ? WHERE id = ?`),
      recover: db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = MIN(next_attempt_at, ?) WHERE state = 'sending'`),
      nextDue: db.prepare(`SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending' AND receiver NOT IN (SELECT value FROM json_each(?))`).pluck(),
      counts: db.prepare(`SELECT state, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE state IN ('pending', 'sending', 'failed') GROUP BY state`),
    };
  }

  /** Inserts a pending row; false when the key exists already (whatever its state). */
  insert(message: OutboundMessage, channel: string, now: number): boolean {
    return this.st.insert.run(message.idempotencyKey, message.receiver, channel, JSON.stringify(message), now, now).changes === 1;
  }

  /** Marks the most overdue pending row `sending` (one more attempt) and returns it, or undefined; skips the receivers in `busy`. */
  claimDue(now: number, busy: readonly string[] = []): OutboxRow | undefined {
    const raw = this.st.claim.get(now, now, JSON.stringify(busy)) as RawRow | undefined;
    return raw && toRow(raw);
  }

  /** The send succeeded. */
  markDelivered(id: number, now: number): void {
    this.st.delivered.run(now, id);
  }

  /** The send failed; pending again from `nextAttemptAt`. */
  markRetry(id: number, nextAttemptAt: number, error: string): void {
    this.st.retry.run(nextAttemptAt, error, id);
  }

  /** Given up: kept and listed, never sent again. */
  markFailed(id: number, now: number, error: string): void {
    this.st.failed.run(now, error, id);
  }

  /** Rows a crashed process left `sending` go back to pending, due at once; returns how many. */
  recoverInFlight(now: number): number {
    return this.st.recover.run(now).changes;
  }

  /** When the next pending row (of a receiver not in `busy`) is due, in ms since epoch; undefined when none waits. */
  nextDueAt(busy: readonly string[] = []): number | undefined {
    return (this.st.nextDue.get(JSON.stringify(busy)) as number | null) ?? undefined;
  }

  /** Rows waiting (pending + sending), failed rows, and when the oldest waiting one was queued. */
  stats(): { waiting: number; failed: number; oldestWaitingAt: number | undefined } {
    let waiting = 0;
    let failed = 0;
    let oldest: number | undefined;
    for (const r of this.st.counts.all() as Array<{ state: OutboxState; n: number; oldest: number }>) {
      if (r.state === 'failed') failed = r.n;
      else {
        waiting += r.n;
        oldest = oldest === undefined ? r.oldest : Math.min(oldest, r.oldest);
      }
    }
    return { waiting, failed, oldestWaitingAt: oldest };
  }

  /** Newest first, optionally one state and/or one receiver. */
  list(filter: { state?: OutboxState; receiver?: string; limit: number }): OutboxRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.state) (where.push('state = ?'), args.push(filter.state));
    if (filter.receiver) (where.push('receiver = ?'), args.push(filter.receiver));
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit) as RawRow[]).map(toRow);
  }

  /** One row by idempotency key. */
  byKey(key: string): OutboxRow | undefined {
    const raw = this.db.prepare('SELECT * FROM outbox WHERE idempotency_key = ?').get(key) as RawRow | undefined;
    return raw && toRow(raw);
  }
}
