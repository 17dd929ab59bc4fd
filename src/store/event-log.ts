import { redactDeep, redactSecrets } from '../redact.ts';
import type { Db } from './db.ts';

/** Something that happened at one moment (a trap, later a rule firing), kept for rules, pages and audit. */
export interface StoredEvent {
  id: number;
  at: number;
  source: string;
  kind: string;
  severity: 'critical' | 'warning' | 'info';
  target: string | null;
  summary: string;
  details: unknown;
}

/** How often writing waiting events is tried again while the database refuses writes. */
const RETRY_MS = 1000;

/**
 * Events in SQLite (a burst in one transaction, so none is lost to a crash), with listeners for
 * whoever acts on them. When the database refuses a write (full disk) the events wait in memory,
 * in order, and are written as soon as it accepts again; listeners get them at once either way.
 * Ids are given here (one writer holds the database), so an event keeps its id while it waits.
 */
export class EventLog {
  private readonly insert;
  private readonly listeners: Array<(e: StoredEvent) => void> = [];
  private readonly writeAll: (events: readonly StoredEvent[]) => void;
  private nextId: number;
  private pending: StoredEvent[] = [];
  private retry: NodeJS.Timeout | undefined;
  private failing: string | undefined;
  private failures = 0;

  constructor(private readonly db: Db, private readonly opts: { retryMs?: number; onWriteState?: (failing: string | undefined, waiting: number) => void } = {}) {
    this.insert = db.prepare('INSERT INTO events (id, at, source, kind, severity, target, summary, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.nextId = ((db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0) + 1;
    this.writeAll = db.transaction((events: readonly StoredEvent[]) => {
      for (const e of events) this.insert.run(e.id, e.at, e.source, e.kind, e.severity, e.target, e.summary, JSON.stringify(e.details));
    });
  }

  /** Stores an event and hands it to every listener. */
  append(e: Omit<StoredEvent, 'id'>): StoredEvent {
    return this.appendMany([e])[0]!;
  }

  /**
   * Stores a burst of events in one transaction, in order (secrets in their texts hidden), then
   * hands each to every listener. Never throws for the database: what it refuses waits (see `writeHealth`).
   */
  appendMany(events: ReadonlyArray<Omit<StoredEvent, 'id'>>): StoredEvent[] {
    const stored = events.map((e) => ({ ...e, id: this.nextId++, summary: redactSecrets(e.summary), details: redactDeep(e.details) }));
    this.pending.push(...stored);
    this.flush();
    for (const e of stored) for (const listener of this.listeners) listener(e);
    return stored;
  }

  /** Writes every waiting event now; false (and counted) when the database refused (they keep waiting). */
  flush(): boolean {
    clearTimeout(this.retry);
    this.retry = undefined;
    if (this.pending.length === 0) return true;
    try {
      this.writeAll(this.pending);
    } catch (err) {
      this.failures++;
      const first = this.failing === undefined;
      this.failing = (err as Error).message ?? String(err);
      if (first) this.opts.onWriteState?.(this.failing, this.pending.length);
      this.retry = setTimeout(() => this.flush(), this.opts.retryMs ?? RETRY_MS);
      this.retry.unref();
      return false;
    }
    const written = this.pending.length;
    this.pending = [];
    if (this.failing !== undefined) {
      this.failing = undefined;
      this.opts.onWriteState?.(undefined, written);
    }
    return true;
  }

  /** Whether writes fail now, how often they failed, and how many events wait in memory. */
  writeHealth(): { failing: string | undefined; failures: number; waiting: number } {
    return { failing: this.failing, failures: this.failures, waiting: this.pending.length };
  }

  onEvent(listener: (e: StoredEvent) => void): void {
    this.listeners.push(listener);
  }

  /** How many events are stored (written or waiting). */
  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n + this.pending.length;
  }

  /** The newest events first (waiting ones included). */
  recent(limit = 100): StoredEvent[] {
    const waiting = this.pending.slice(-limit).reverse();
    const rows = (this.db.prepare('SELECT * FROM events ORDER BY id DESC LIMIT ?').all(limit - waiting.length) as Array<Omit<StoredEvent, 'details'> & { details: string }>)
      .map((row) => ({ ...row, details: JSON.parse(row.details) as unknown }));
    return [...waiting, ...rows];
  }
}
