import { createHash } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { SlaConfig } from './config.ts';
import { ChunkHasher, type StoredChunk } from './digest.ts';
import { localDays } from './local-day.ts';
import { ColumnBuilder, selectStatusColumn } from './status-column.ts';
import { parseUtcSeconds } from './fast-time.ts';
import { STATE_CODE, type ServiceState } from './timeline.ts';

/** What one summarising pass did. */
export interface SummaryPass {
  built: number;
  dropped: number;
  /** Whether closed days are still left to summarise (a budget ran out). */
  more: boolean;
}

/** Each configured service's time zone: its agency's, from the entry with the latest `effective` date. */
export function serviceZones(sla: SlaConfig): Map<string, string> {
  const zones = new Map<string, string>();
  const entries = [...sla.agencies].sort((a, b) => a.contract.effective.localeCompare(b.contract.effective));
  for (const a of entries) for (const s of a.services) zones.set(s.id, a.timezone);
  return zones;
}

/**
 * One summarising pass, done in bounded steps: `step()` first drops the summaries that status rows
 * arrived late into since the last pass, then each call summarises closed local days (ended at or
 * before `closedBefore`, epoch seconds) of one service, reading at most about `rowBudget` rows
 * through the ledger's index, at most `maxDays` days per service per pass. Each step is one
 * transaction (a `kill -9` leaves it done or not done); between steps the connection is free.
 */
export class SummaryRun {
  readonly result: SummaryPass = { built: 0, dropped: 0, more: false };
  private readonly services: Array<[string, string]>;
  private index = -1;
  private daysDone = 0;

  constructor(private readonly db: Db, private readonly closedBefore: number, zones: ReadonlyMap<string, string>, private readonly maxDays = Number.POSITIVE_INFINITY, private readonly rowBudget = 1_000) {
    this.services = [...zones];
  }

  /** Does the next bounded piece of work; false when the pass is over. */
  step(): boolean {
    if (this.index < 0) {
      this.result.dropped = dropLate(this.db);
      this.index = 0;
      return this.services.length > 0;
    }
    const [service, zone] = this.services[this.index]!;
    const r = this.db.transaction(() => summariseService(this.db, service, zone, this.closedBefore, this.maxDays - this.daysDone, this.rowBudget)).immediate();
    this.result.built += r.built;
    this.daysDone += r.days;
    if (r.more && this.daysDone < this.maxDays) return true;
    if (r.more) this.result.more = true;
    this.daysDone = 0;
    return ++this.index < this.services.length;
  }
}

/** Summarises closed local days of every service in `zones`, synchronously (tests, bench, tools). */
export function summariseStatusDays(db: Db, closedBefore: number, zones: ReadonlyMap<string, string>, maxDays = Number.POSITIVE_INFINITY): SummaryPass {
  const run = new SummaryRun(db, closedBefore, zones, maxDays);
  while (run.step());
  return run.result;
}

/** `summariseStatusDays` one step per turn of the event loop (`setImmediate` between), until done or `stopped()`. */
export async function summariseStatusDaysSliced(db: Db, closedBefore: number, zones: ReadonlyMap<string, string>, stopped: () => boolean): Promise<SummaryPass> {
  const run = new SummaryRun(db, closedBefore, zones);
  while (!stopped() && run.step()) await new Promise((resolve) => setImmediate(resolve));
  return run.result;
}

/** Drops summaries whose day a status row written after them falls in (a late row); one transaction. */
function dropLate(db: Db): number {
  return db.transaction(() => {
    const maxId = (db.prepare('SELECT MAX(id) FROM sla_ledger').pluck().get() as number | null) ?? 0;
    const scanned = db.prepare('SELECT scanned_id FROM sla_status_local_days_scan WHERE id = 1').pluck().get() as number | undefined;
    const dropped = scanned === undefined ? 0 : db.prepare(`DELETE FROM sla_status_local_days WHERE rowid IN (
      SELECT d.rowid FROM sla_ledger l NOT INDEXED JOIN sla_status_local_days d ON d.service = l.service
        AND d.day_start = (SELECT MAX(day_start) FROM sla_status_local_days WHERE service = l.service AND day_start <= l.at)
      WHERE l.id > ? AND l.id <= ? AND l.kind = 'status' AND d.day_end > l.at AND d.built_id < l.id)`).run(scanned, maxId).changes;
    db.prepare('INSERT INTO sla_status_local_days_scan (id, scanned_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET scanned_id = excluded.scanned_id').run(maxId);
    return dropped;
  }).immediate();
}

/** Summarises up to `maxDays` closed local days of one service from its cursor on, stopping after about `rowBudget` rows. */
function summariseService(db: Db, service: string, zone: string, closedBefore: number, maxDays: number, rowBudget: number): { built: number; days: number; more: boolean } {
  const dayOf = localDays(zone);
  const cursor = db.prepare('SELECT zone, next_start FROM sla_status_local_days_cursor WHERE service = ?').raw().get(service) as [string, number] | undefined;
  const firstAt = db.prepare("SELECT at FROM sla_ledger WHERE service = ? AND kind = 'status' AND at >= ? ORDER BY at LIMIT 1").pluck();
  let next: number;
  if (cursor === undefined || cursor[0] !== zone) {
    db.prepare('DELETE FROM sla_status_local_days WHERE service = ? AND zone <> ?').run(service, zone);
    const first = firstAt.get(service, Number.MIN_SAFE_INTEGER) as number | undefined;
    if (first === undefined) return { built: 0, days: 0, more: false };
    next = dayOf(first).start;
  } else {
    next = cursor[1];
  }
  const rows = db.prepare("SELECT at, line FROM sla_ledger WHERE service = ? AND kind = 'status' AND at >= ? AND at < ? ORDER BY at, id").raw();
  const head = db.prepare('SELECT id, hash FROM sla_ledger ORDER BY id DESC LIMIT 1').raw().get() as [number, string];
  const insert = db.prepare(`INSERT OR REPLACE INTO sla_status_local_days (service, zone, day, day_start, day_end, rows, built_id, built_hash, reasons, data, chunk_count, chunk_sha256, sha256)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let built = 0;
  let days = 0;
  let read = 0;
  for (;;) {
    const day = dayOf(next);
    if (day.end > closedBefore) break;
    if (days >= maxDays || read >= rowBudget) {
      saveCursor(db, service, zone, next);
      return { built, days, more: true };
    }
    const list = rows.all(service, day.start, day.end) as Array<[number, string]>;
    read += list.length;
    days++;
    if (list.length === 0) {
      const after = firstAt.get(service, day.end) as number | undefined;
      next = dayOf(after === undefined ? closedBefore : Math.max(after, day.end)).start;
      continue;
    }
    const s = encodeDay(service, zone, day.date, day.start, day.end, list, head[0], head[1]);
    if (s) {
      insert.run(service, zone, day.date, day.start, day.end, list.length, head[0], head[1], s.reasons, s.data, s.chunkCount, s.chunkSha, s.sha256);
      built++;
    }
    next = day.end;
  }
  saveCursor(db, service, zone, next);
  return { built, days, more: false };
}

function saveCursor(db: Db, service: string, zone: string, next: number): void {
  db.prepare('INSERT INTO sla_status_local_days_cursor (service, zone, next_start) VALUES (?, ?, ?) ON CONFLICT (service) DO UPDATE SET zone = excluded.zone, next_start = excluded.next_start').run(service, zone, next);
}

interface SummaryFields {
  service: string; zone: string; day: string; start: number; end: number; rows: number;
  builtId: number; builtHash: string; reasons: string; chunkCount: number; chunkSha: string;
}

/** SHA-256 over everything a summary says. */
function summaryDigest(f: SummaryFields, data: Uint8Array): string {
  const head = [f.service, f.zone, f.day, f.start, f.end, f.rows, f.builtId, f.builtHash, f.reasons, f.chunkCount, f.chunkSha].join('\u0000');
  return createHash('sha256').update(`${head}\u0000`).update(data).digest('hex');
}

/** A day's rows as columns and its digest chunk; undefined when a row is not exactly the status line its columns say. */
function encodeDay(service: string, zone: string, day: string, start: number, end: number, list: ReadonlyArray<[number, string]>, builtId: number, builtHash: string) {
  const n = list.length;
  const data = Buffer.alloc(n * 9);
  const reasons: string[] = [];
  const ids = new Map<string, number>();
  const column = new ColumnBuilder(service);
  for (let i = 0; i < n; i++) {
    const [at, text] = list[i]!;
    const l = JSON.parse(text) as { type?: unknown; service?: unknown; at?: unknown; state?: unknown; reason?: unknown };
    if (l.type !== 'status' || l.service !== service || typeof l.at !== 'string' || parseUtcSeconds(l.at) !== at || typeof l.reason !== 'string' || !(l.state === 'up' || l.state === 'down' || l.state === 'unknown')) return undefined;
    let id = ids.get(l.reason);
    if (id === undefined) {
      ids.set(l.reason, (id = reasons.length));
      reasons.push(l.reason);
    }
    data.writeInt32LE(at - start, i * 4);
    data.writeInt32LE(id, n * 4 + i * 4);
    data[n * 8 + i] = STATE_CODE[l.state as ServiceState]!;
    column.push(l.at, l.state as ServiceState, l.reason);
  }
  const chunk = selectStatusColumn(column.build(), { month: '', zone, start, end });
  const fields: SummaryFields = {
    service, zone, day, start, end, rows: n, builtId, builtHash, reasons: JSON.stringify(reasons),
    chunkCount: chunk.at.length, chunkSha: new ChunkHasher(chunk).digest(0, chunk.at.length),
  };
  return { ...fields, data, sha256: summaryDigest(fields, data) };
}

/** Reads summaries for one report: checks each against the chain and against rows that arrived after it. */
export class StatusDays {
  private readonly late = new Map<string, Array<[number, number]>>();
  private readonly hashes = new Map<number, string | undefined>();
  private readonly days;
  private readonly hashAt;

  /** On a database its daemon has not yet migrated to the local-day summaries (read-only here), every row is read. */
  constructor(db: Db) {
    const migrated = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sla_status_local_days'").get() !== undefined;
    this.days = !migrated ? undefined : db.prepare(`SELECT day, day_start, day_end, rows, built_id, built_hash, reasons, data, chunk_count, chunk_sha256, sha256
      FROM sla_status_local_days WHERE service = ? AND zone = ? AND day_start >= ? AND day_end <= ? ORDER BY day_start`).raw();
    this.hashAt = db.prepare('SELECT hash FROM sla_ledger WHERE id = ?').pluck();
    const scanned = migrated ? db.prepare('SELECT scanned_id FROM sla_status_local_days_scan WHERE id = 1').pluck().get() as number | undefined : undefined;
    if (scanned === undefined) return;
    for (const [service, at, id] of db.prepare("SELECT service, at, id FROM sla_ledger NOT INDEXED WHERE id > ? AND kind = 'status'").raw().iterate(scanned) as IterableIterator<[string, number, number]>) {
      const list = this.late.get(service);
      if (list) list.push([at, id]);
      else this.late.set(service, [[at, id]]);
    }
  }

  /**
   * Appends to `out` the status rows of `service` with `at` in [from, to), in time order: from
   * summaries of whole local days in `zone` that check out, through `raw(a, b)` (which appends the
   * ledger's rows with `at` in [a, b)) everywhere else. Returns the summaries' digest chunks by day start.
   */
  read(service: string, zone: string, from: number, to: number, out: ColumnBuilder, raw: (a: number, b: number) => void): Map<number, StoredChunk> {
    const chunks = new Map<number, StoredChunk>();
    const late = this.late.get(service) ?? [];
    let cursor = from;
    const days = (this.days?.all(service, zone, from, to) ?? []) as Array<[string, number, number, number, number, string, string, Buffer, number, string, string]>;
    out.reserve(days.reduce((sum, d) => sum + d[3], 0));
    for (const row of days) {
      const [day, start, end, rows, builtId, builtHash, reasonText, data, chunkCount, chunkSha, sha] = row;
      if (start < cursor || late.some(([at, id]) => at >= start && at < end && id > builtId) || this.chainHash(builtId) !== builtHash) continue;
      const fields: SummaryFields = { service, zone, day, start, end, rows, builtId, builtHash, reasons: reasonText, chunkCount, chunkSha };
      if (data.length !== rows * 9 || summaryDigest(fields, data) !== sha) continue;
      if (start > cursor) raw(cursor, start);
      const reasons = JSON.parse(reasonText) as string[];
      const words = new Int32Array(rows * 2);
      new Uint8Array(words.buffer).set(data.subarray(0, rows * 8));
      out.pushDay(start, words.subarray(0, rows), data.subarray(rows * 8, rows * 9), words.subarray(rows), reasons);
      chunks.set(start, { start, end, count: chunkCount, sha256: chunkSha });
      cursor = end;
    }
    if (cursor < to) raw(cursor, to);
    return chunks;
  }

  private chainHash(id: number): string | undefined {
    if (!this.hashes.has(id)) this.hashes.set(id, this.hashAt.get(id) as string | undefined);
    return this.hashes.get(id);
  }
}
