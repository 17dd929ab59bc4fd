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

/** Events in SQLite (written at once, a burst in one transaction, so none is lost to a crash), with listeners for whoever acts on them. */
export class EventLog {
  private readonly insert;
  private readonly listeners: Array<(e: StoredEvent) => void> = [];

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO events (at, source, kind, severity, target, summary, details) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Stores an event and hands it to every listener. */
  append(e: Omit<StoredEvent, 'id'>): StoredEvent {
    return this.appendMany([e])[0]!;
  }

  /** Stores a burst of events in one transaction, in order (secrets in their texts hidden), then hands each to every listener. */
  appendMany(events: ReadonlyArray<Omit<StoredEvent, 'id'>>): StoredEvent[] {
    const stored = this.insertAll(events.map((e) => ({ ...e, summary: redactSecrets(e.summary), details: redactDeep(e.details) })));
    for (const e of stored) for (const listener of this.listeners) listener(e);
    return stored;
  }

  private readonly insertAll = (events: ReadonlyArray<Omit<StoredEvent, 'id'>>): StoredEvent[] =>
    this.db.transaction(() => events.map((e) => ({
      ...e, id: Number(this.insert.run(e.at, e.source, e.kind, e.severity, e.target, e.summary, JSON.stringify(e.details)).lastInsertRowid),
    })))();

  onEvent(listener: (e: StoredEvent) => void): void {
    this.listeners.push(listener);
  }

  /** How many events are stored. */
  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  /** The newest events first. */
  recent(limit = 100): StoredEvent[] {
    return (this.db.prepare('SELECT * FROM events ORDER BY id DESC LIMIT ?').all(limit) as Array<Omit<StoredEvent, 'details'> & { details: string }>)
      .map((row) => ({ ...row, details: JSON.parse(row.details) as unknown }));
  }
}
