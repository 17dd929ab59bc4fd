import { createHash } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { parseUtcSeconds } from './fast-time.ts';
import type { ColumnBuilder } from './status-column.ts';
import { STATE_CODE, type ServiceState } from './timeline.ts';

const DAY = 86_400;

/** What one summarising pass did. */
export interface SummaryPass {
  built: number;
  dropped: number;
  /** Whether service-days are still left to summarise (the budget ran out). */
  more: boolean;
}

/**
 * Summarises the ledger's status rows per service and UTC day, for at most `maxDays` days that ended
 * at or before `closedBefore` (epoch seconds) and were not summarised yet, in day order; first drops
 * the summaries of days that rows arrived in since the last pass. Reads rows in id order from the
 * first one the days can have (every status row of a day not yet summarised has an id at or after
 * `start_id`). The first pass starts at the day of the earliest of the first 1,000 status rows
 * (rows of earlier days, if any, stay unsummarised and are read row by row). One transaction: a
 * `kill -9` leaves the pass done or not done.
 */
export function summariseStatusDays(db: Db, closedBefore: number, maxDays = 1): SummaryPass {
  return db.transaction((): SummaryPass => {
    const head = db.prepare('SELECT id, hash FROM sla_ledger ORDER BY id DESC LIMIT 1').raw().get() as [number, string] | undefined;
    if (head === undefined) return { built: 0, dropped: 0, more: false };
    const [maxId, hash] = head;
    let scan = db.prepare('SELECT scanned_id, start_id, until_day FROM sla_status_days_scan WHERE id = 1').raw().get() as [number, number, number] | undefined;
    let dropped = 0;
    if (scan === undefined) {
      const first = db.prepare("SELECT MIN(at) FROM (SELECT at FROM sla_ledger NOT INDEXED WHERE kind = 'status' ORDER BY id LIMIT 1000)").pluck().get() as number | null;
      if (first === null) return { built: 0, dropped: 0, more: false };
      scan = [maxId, 0, first - (first % DAY)];
    } else {
      dropped = db.prepare(`DELETE FROM sla_status_days WHERE (service, day) IN (SELECT service, at - at % ${DAY} FROM sla_ledger NOT INDEXED WHERE id > ? AND id <= ? AND kind = 'status' AND at < ?)`).run(scan[0], maxId, scan[2]).changes;
    }
    const [, startId, from] = scan;
    const end = Math.min(from + maxDays * DAY, closedBefore - (closedBefore % DAY));
    let built = 0;
    let nextStart = startId;
    if (end > from) {
      const byKey = new Map<string, Array<[number, string]>>();
      for (const [service, at, line] of db.prepare("SELECT service, at, line FROM sla_ledger NOT INDEXED WHERE id >= ? AND id <= ? AND kind = 'status' AND at >= ? AND at < ? ORDER BY id").raw().iterate(startId, maxId, from, end) as IterableIterator<[string, number, string]>) {
        const key = `${at - (at % DAY)}\u0000${service}`;
        const list = byKey.get(key);
        if (list) list.push([at, line]);
        else byKey.set(key, [[at, line]]);
      }
      const insert = db.prepare('INSERT INTO sla_status_days (service, day, rows, built_id, built_hash, reasons, data, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const [key, list] of byKey) {
        const [dayText, service] = key.split('\u0000') as [string, string];
        const day = Number(dayText);
        list.sort((a, b) => a[0] - b[0]);
        const summary = encodeDay(service, day, list, 0, list.length, maxId, hash);
        if (summary) insert.run(service, day, list.length, maxId, hash, summary.reasons, summary.data, summary.sha256);
        if (summary) built++;
      }
      nextStart = (db.prepare("SELECT MIN(id) FROM sla_ledger NOT INDEXED WHERE id >= ? AND id <= ? AND kind = 'status' AND at >= ?").pluck().get(startId, maxId, end) as number | null) ?? maxId + 1;
    }
    const until = Math.max(from, end);
    db.prepare('INSERT INTO sla_status_days_scan (id, scanned_id, start_id, until_day) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET scanned_id = excluded.scanned_id, start_id = excluded.start_id, until_day = excluded.until_day').run(maxId, nextStart, until);
    return { built, dropped, more: until < closedBefore - (closedBefore % DAY) };
  }).immediate();
}

/** SHA-256 over everything a summary says. */
function summaryDigest(service: string, day: number, rows: number, builtId: number, builtHash: string, reasons: string, data: Uint8Array): string {
  return createHash('sha256').update(`${service}\u0000${day}\u0000${rows}\u0000${builtId}\u0000${builtHash}\u0000${reasons}\u0000`).update(data).digest('hex');
}

/** Rows `from`…`to` of `list` as a day's columns; undefined when a row is not exactly the status line its columns say. */
function encodeDay(service: string, day: number, list: ReadonlyArray<[number, string]>, from: number, to: number, builtId: number, builtHash: string): { reasons: string; data: Buffer; sha256: string } | undefined {
  const n = to - from;
  const data = Buffer.alloc(n * 9);
  const reasons: string[] = [];
  const ids = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const [at, text] = list[from + i]!;
    const l = JSON.parse(text) as { type?: unknown; service?: unknown; at?: unknown; state?: unknown; reason?: unknown };
    if (l.type !== 'status' || l.service !== service || typeof l.at !== 'string' || parseUtcSeconds(l.at) !== at || typeof l.reason !== 'string' || !(l.state === 'up' || l.state === 'down' || l.state === 'unknown')) return undefined;
    let id = ids.get(l.reason);
    if (id === undefined) {
      ids.set(l.reason, (id = reasons.length));
      reasons.push(l.reason);
    }
    data.writeInt32LE(at - day, i * 4);
    data.writeInt32LE(id, n * 4 + i * 4);
    data[n * 8 + i] = STATE_CODE[l.state as ServiceState]!;
  }
  const reasonText = JSON.stringify(reasons);
  return { reasons: reasonText, data, sha256: summaryDigest(service, day, n, builtId, builtHash, reasonText, data) };
}

/** Reads summaries for one report: checks each against the chain and against rows that arrived after it. */
export class StatusDays {
  private readonly late = new Set<string>();
  private readonly hashes = new Map<number, string | undefined>();
  private readonly days;
  private readonly hashAt;

  constructor(private readonly db: Db) {
    this.days = db.prepare('SELECT day, rows, built_id, built_hash, reasons, data, sha256 FROM sla_status_days WHERE service = ? AND day >= ? AND day + 86400 <= ? ORDER BY day').raw();
    this.hashAt = db.prepare('SELECT hash FROM sla_ledger WHERE id = ?').pluck();
    const scan = db.prepare('SELECT scanned_id, until_day FROM sla_status_days_scan WHERE id = 1').raw().get() as [number, number] | undefined;
    if (scan === undefined) return;
    for (const [service, day] of db.prepare(`SELECT DISTINCT service, at - at % ${DAY} FROM sla_ledger NOT INDEXED WHERE id > ? AND kind = 'status' AND at < ?`).raw().iterate(scan[0], scan[1]) as IterableIterator<[string, number]>) {
      this.late.add(`${service}\u0000${day}`);
    }
  }

  /**
   * Appends to `out` the status rows of `service` with `at` in [from, to), in time order: from
   * summaries where a trustworthy one covers a whole UTC day, through `raw(a, b)` (which appends the
   * ledger's rows with `at` in [a, b)) everywhere else.
   */
  read(service: string, from: number, to: number, out: ColumnBuilder, raw: (a: number, b: number) => void): void {
    let cursor = from;
    for (const [day, rows, builtId, builtHash, reasonText, data, sha] of this.days.all(service, from, to) as Array<[number, number, number, string, string, Buffer, string]>) {
      if (this.late.has(`${service}\u0000${day}`) || this.chainHash(builtId) !== builtHash) continue;
      if (data.length !== rows * 9 || summaryDigest(service, day, rows, builtId, builtHash, reasonText, data) !== sha) continue;
      if (day > cursor) raw(cursor, day);
      const reasons = JSON.parse(reasonText) as string[];
      const words = new Int32Array(rows * 2);
      new Uint8Array(words.buffer).set(data.subarray(0, rows * 8));
      out.pushDay(day, words.subarray(0, rows), data.subarray(rows * 8, rows * 9), words.subarray(rows), reasons);
      cursor = day + DAY;
    }
    if (cursor < to) raw(cursor, to);
  }

  private chainHash(id: number): string | undefined {
    if (!this.hashes.has(id)) this.hashes.set(id, this.hashAt.get(id) as string | undefined);
    return this.hashes.get(id);
  }
}
