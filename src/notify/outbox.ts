import { systemClock, type Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import type { Logger } from '../log.ts';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './backoff.ts';
import { DeliveryError, type Channel } from './channel.ts';
import { OutboxStore, type OutboxRow, type OutboxState } from './outbox-store.ts';
import type { Outbox, OutboundMessage } from './types.ts';

/** The timer half of a clock: what the outbox and the forwarder need besides `now`. */
export type Timers = Pick<Clock, 'setTimeout' | 'clearTimeout'>;

/** Outcomes counted in `slaguard_notifications_total{outcome}`. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'failed';

/** How an outbox is built: its receivers, clock, timers and limits. */
export interface OutboxOptions {
  /** Receivers by name; read at each attempt, so a config reload takes effect at once. */
  channels: () => ReadonlyMap<string, Channel>;
  /** Per-receiver retry policy (give-up time can differ per receiver); DEFAULT_RETRY otherwise. */
  policyFor?: (receiver: string) => RetryPolicy;
  now?: () => number;
  timers?: Timers;
  random?: () => number;
  logger: Logger;
  /** Sends at once, across receivers (default 8). */
  concurrency?: number;
  /** Sends at once to one receiver (default 2), so a receiver that hangs cannot hold up the others. */
  perReceiver?: number;
  /** Called after every attempt (metrics). */
  onOutcome?: (channel: string, outcome: DeliveryOutcome) => void;
}

/** Longest sleep of the loop: it looks again at least this often, whatever the clock did. */
const MAX_SLEEP_MS = 30_000;

/**
 * The durable queue every notification goes through (SQLite table `outbox`, migration 6).
 * At least once: a row is claimed (`sending`) before the send and marked `delivered` after it, each
 * step committed, so a crash between the two sends it again on the next start; the idempotency key
 * travels with every send for the receiver to drop the double. Failed attempts retry with capped
 * exponential backoff and jitter until the receiver's give-up time, then the row is `failed`.
 */
export class NotificationOutbox implements Outbox {
  readonly store: OutboxStore;
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly concurrency: number;
  private readonly perReceiver: number;
  private readonly inflight = new Set<Promise<void>>();
  private readonly busy = new Map<string, number>();
  /** Receivers whose last attempt failed: a failing receiver is logged once at warn, not once per message. */
  private readonly failing = new Set<string>();
  private readonly abort = new AbortController();
  private timer: unknown;
  private running = false;
  private closed = false;

  constructor(db: Db, private readonly opts: OutboxOptions) {
    this.store = new OutboxStore(db);
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.concurrency = opts.concurrency ?? 8;
    this.perReceiver = opts.perReceiver ?? 2;
  }

  /** Queues durably and returns at once; false (and nothing queued) when the key was seen before. */
  enqueue(message: OutboundMessage): boolean {
    const channel = this.opts.channels().get(message.receiver)?.kind ?? 'unknown';
    const added = this.store.insert(message, channel, this.now());
    if (added && this.running) this.wake(0);
    return added;
  }

  /** Rows for the API, newest first. */
  list(filter: { state?: OutboxState; receiver?: string; limit?: number } = {}): OutboxRow[] {
    return this.store.list({ ...filter, limit: Math.min(1000, Math.max(1, filter.limit ?? 100)) });
  }

  /** Puts rows a crash left in flight back in the queue and starts delivering. */
  start(): void {
    if (this.running || this.closed) return;
    const recovered = this.store.recoverInFlight(this.now());
    if (recovered > 0) this.opts.logger.warn({ recovered }, 'notifications in flight at the last stop are sent again (receivers drop doubles by idempotency key)');
    this.running = true;
    this.pump();
  }

  /**
   * Stops taking new rows and waits up to `graceMs` for sends in flight; sends still running after
   * that are aborted and stay `sending` in the table, to be sent again at the next start.
   */
  async stop(graceMs: number): Promise<void> {
    this.running = false;
    this.timers.clearTimeout(this.timer);
    if (this.inflight.size > 0) {
      let t: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => (t = setTimeout(r, graceMs)))]);
      clearTimeout(t);
    }
    this.closed = true;
    this.abort.abort();
  }

  /** Resolves when nothing is in flight and nothing is due at the current clock (tests and shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      this.pump(true);
      if (this.inflight.size === 0) return;
      await Promise.race(this.inflight);
    }
  }

  private wake(ms: number): void {
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => this.pump(), ms);
  }

  private pump(force = false): void {
    if ((!this.running && !force) || this.closed) return;
    while (this.inflight.size < this.concurrency) {
      const row = this.store.claimDue(this.now(), this.fullReceivers());
      if (row === undefined) break;
      this.busy.set(row.receiver, (this.busy.get(row.receiver) ?? 0) + 1);
      const p: Promise<void> = this.deliver(row).finally(() => {
        this.inflight.delete(p);
        const n = (this.busy.get(row.receiver) ?? 1) - 1;
        if (n > 0) this.busy.set(row.receiver, n);
        else this.busy.delete(row.receiver);
        this.pump();
      });
      this.inflight.add(p);
    }
    // a send that finishes pumps again; the timer is for rows that fall due meanwhile
    if (!this.running || this.inflight.size >= this.concurrency) return;
    const next = this.store.nextDueAt(this.fullReceivers());
    this.wake(next === undefined ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - this.now())));
  }

  private fullReceivers(): string[] {
    return [...this.busy].filter(([, n]) => n >= this.perReceiver).map(([r]) => r);
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const channel = this.opts.channels().get(row.receiver);
    const kind = channel?.kind ?? row.channel;
    let error: DeliveryError | undefined;
    try {
      if (channel === undefined) throw new DeliveryError(`no receiver named "${row.receiver}" is configured`, true);
      await channel.send(row.message, { signal: this.abort.signal, now: this.now(), queuedAt: row.createdAt });
    } catch (err) {
      error = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message ?? String(err), true, { cause: err });
    }
    if (this.closed) return;
    const now = this.now();
    const log = this.opts.logger;
    const about = { receiver: row.receiver, channel: kind, key: row.idempotencyKey, attempts: row.attempts };
    if (error === undefined) {
      this.store.markDelivered(row.id, now);
      this.opts.onOutcome?.(kind, 'delivered');
      if (this.failing.delete(row.receiver)) log.info(about, 'receiver takes notifications again');
      return;
    }
    const policy = this.opts.policyFor?.(row.receiver) ?? DEFAULT_RETRY;
    const deadline = row.createdAt + policy.giveUpAfterMs;
    const nextAt = Math.min(deadline, now + backoffDelay(row.attempts, policy, this.random));
    if (!error.retry || now >= deadline) {
      this.store.markFailed(row.id, now, error.message);
      this.opts.onOutcome?.(kind, 'failed');
      log.error({ ...about, error: error.message, retryable: error.retry }, 'notification failed: not retried any more (listed in GET /api/outbox?state=failed)');
      return;
    }
    this.store.markRetry(row.id, nextAt, error.message);
    this.opts.onOutcome?.(kind, 'retry');
    const first = !this.failing.has(row.receiver);
    this.failing.add(row.receiver);
    log[first ? 'warn' : 'debug']({ ...about, error: error.message, retryInMs: nextAt - now }, 'notification not delivered; will retry (further failures of this receiver at debug level)');
  }
}
