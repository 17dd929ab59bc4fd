import { createHash } from 'node:crypto';
import { canonicalLine, type EvidenceLine } from './evidence.ts';
import { localDays } from './local-day.ts';
import type { StatusColumn } from './select.ts';
import { ColumnBuilder, columnLine, selectStatusColumn } from './status-column.ts';

const STATE_NAME = ['up', 'down', 'unknown'] as const;
const j = JSON.stringify;

/** A chunk's count and hash as stored with a day summary, for the local day [start, end). */
export interface StoredChunk {
  start: number;
  end: number;
  count: number;
  sha256: string;
}

/**
 * Orders strings by Unicode code point (the order of their UTF-8 bytes, and Python's `sorted`),
 * not by UTF-16 code unit as `<` does (they differ only beyond U+FFFF against U+E000–U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
      y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** SHA-256 (hex) of canonical lines: distinct, sorted by code point, each followed by "\n". */
export function digestOfCanonical(canonical: readonly string[]): string {
  return createHash('sha256').update(sortedText(canonical)).digest('hex');
}

function sortedText(canonical: readonly string[]): string {
  return [...new Set(canonical)].sort(compareCodePoints).map((c) => `${c}\n`).join('');
}

/**
 * The evidence digest (README, "Evidence"): SHA-256 of a manifest made of the distinct non-status
 * lines' canonical JSON, sorted, each with "\n"; then for each service in id order, for each local
 * day (in `zone`) its status lines fall in, in day order, `status\tSERVICE\tYYYY-MM-DD\tCOUNT\tSHA256\n`
 * where SHA256 is `digestOfCanonical` of that day's lines. `stored` gives chunks already hashed
 * (per service, by day start); one is used when its day and line count are those of the column.
 */
export function manifestDigest(otherCanonical: readonly string[], columns: readonly StatusColumn[], zone: string, stored?: ReadonlyMap<string, ReadonlyMap<number, StoredChunk>>): string {
  const hash = createHash('sha256').update(sortedText(otherCanonical));
  const dayOf = localDays(zone);
  const sorted = [...columns].sort((a, b) => compareCodePoints(a.service, b.service));
  for (const col of sorted) {
    const known = stored?.get(col.service);
    const hasher = new ChunkHasher(col);
    const n = col.at.length;
    let i = 0;
    while (i < n) {
      const day = dayOf(Math.floor(col.at[i]!));
      let k = i + 1;
      while (k < n && col.at[k]! < day.end) k++;
      const chunk = known?.get(day.start);
      const sha = chunk !== undefined && chunk.end === day.end && chunk.count === k - i ? chunk.sha256 : hasher.digest(i, k);
      hash.update(`status\t${col.service}\t${day.date}\t${k - i}\t${sha}\n`);
      i = k;
    }
  }
  return hash.digest('hex');
}

/** Hashes ranges of one service's column (sorted by time, duplicates dropped) as `digestOfCanonical` of their lines. */
export class ChunkHasher {
  private rests: Buffer[] = [];
  private restIds: Int32Array | undefined;
  private rank: Int32Array | undefined;

  constructor(private readonly col: StatusColumn) {}

  /** `digestOfCanonical` of lines [from, to) of the column. */
  digest(from: number, to: number): string {
    const col = this.col;
    if (!col.uniform) {
      const lines: string[] = [];
      for (let i = from; i < to; i++) lines.push(canonicalLine(columnLine(col, i)));
      return digestOfCanonical(lines);
    }
    this.prepare();
    const ids = this.restIds!;
    const rank = this.rank!;
    const parts: Buffer[] = [];
    const group: number[] = [];
    let i = from;
    while (i < to) {
      const t = col.at[i]!;
      group.length = 0;
      while (i < to && col.at[i] === t) group.push(ids[i++]!);
      if (group.length > 1) group.sort((a, b) => rank[a]! - rank[b]!);
      const head = Buffer.from(`{"at":"${utcText(t)}`);
      for (const id of group) parts.push(head, this.rests[id]!);
    }
    return createHash('sha256').update(Buffer.concat(parts)).digest('hex');
  }

  /** Interns each (reason, state) pair's text after the time, ranked by code point. */
  private prepare(): void {
    if (this.restIds) return;
    const { service, state, reason, reasons } = this.col;
    const ids = new Int32Array(state.length);
    const byCode = new Int32Array(reasons.length * 3).fill(-1);
    const texts: string[] = [];
    for (let i = 0; i < state.length; i++) {
      const key = reason[i]! * 3 + state[i]!;
      let id = byCode[key]!;
      if (id < 0) {
        id = texts.length;
        texts.push(`","reason":${j(reasons[reason[i]!])},"service":${j(service)},"state":${j(STATE_NAME[state[i]!])},"type":"status"}\n`);
        byCode[key] = id;
      }
      ids[i] = id;
    }
    const rank = new Int32Array(texts.length);
    Array.from(texts.keys()).sort((a, b) => compareCodePoints(texts[a]!, texts[b]!)).forEach((id, r) => { rank[id] = r; });
    this.rests = texts.map((t) => Buffer.from(t));
    this.restIds = ids;
    this.rank = rank;
  }
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let textDay = Number.NaN;
let textDate = '';

/** `YYYY-MM-DDTHH:MM:SSZ` of whole epoch seconds (the ledger's form), the date cached per UTC day. */
function utcText(t: number): string {
  const day = Math.floor(t / 86_400);
  if (day !== textDay) {
    textDay = day;
    textDate = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const rest = t - day * 86_400;
  return `${textDate}${TWO[Math.floor(rest / 3600)]}:${TWO[Math.floor(rest / 60) % 60]}:${TWO[rest % 60]}Z`;
}

/**
 * The evidence digest of a set of lines as they are (no selection by month): for an exported file
 * of one agency and month this is its report's `evidence_sha256`. Status days in `zone`.
 */
export function linesDigest(lines: readonly EvidenceLine[], zone: string): string {
  const builders = new Map<string, ColumnBuilder>();
  const other: string[] = [];
  for (const l of lines) {
    if (l.type !== 'status') {
      other.push(canonicalLine(l));
      continue;
    }
    let b = builders.get(l.service);
    if (b === undefined) builders.set(l.service, (b = new ColumnBuilder(l.service)));
    b.push(l.at, l.state, l.reason);
  }
  const all = { month: '', zone, start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY };
  return manifestDigest(other, [...builders.values()].map((b) => selectStatusColumn(b.build(), all)), zone);
}
