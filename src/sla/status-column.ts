import { seconds, utc, type StatusLine } from './evidence.ts';
import { parseUtcSeconds } from './fast-time.ts';
import type { Period } from './period.ts';
import type { StatusColumn } from './select.ts';
import { STATE_CODE, type ServiceState } from './timeline.ts';

const STATE_NAME: readonly ServiceState[] = ['up', 'down', 'unknown'];

/** Builds one service's status column line by line (times parsed once, reasons interned). */
export class ColumnBuilder {
  private at = new Float64Array(64);
  private state = new Uint8Array(64);
  private reason = new Int32Array(64);
  private readonly reasons: string[] = [];
  private readonly reasonIds = new Map<string, number>();
  private atText: string[] | undefined;
  private n = 0;
  private lastReason: string | undefined;
  private lastId = -1;

  constructor(private readonly service: string) {}

  /** Appends a line: its time as written, its state and reason. */
  push(time: string, state: ServiceState, reason: string): void {
    let t = parseUtcSeconds(time);
    if (t !== t) {
      t = seconds(time);
      this.atText ??= Array.from({ length: this.n }, (_, i) => utc(this.at[i]! * 1000));
    }
    this.pushSeconds(t, STATE_CODE[state]!, this.idOf(reason));
    this.atText?.push(time);
  }

  /**
   * Appends a day summary's lines: times as seconds after `day`, states as STATE_CODE, reasons as
   * indexes of `reasons` (the summary's own list).
   */
  pushDay(day: number, offsets: Int32Array, states: Uint8Array, reasonIds: Int32Array, reasons: readonly string[]): void {
    const ids = reasons.map((r) => this.idOf(r));
    const n = offsets.length;
    if (this.n + n > this.at.length) this.reserve(Math.max(n, this.at.length));
    const { at, state, reason } = this;
    const base = this.n;
    for (let i = 0; i < n; i++) {
      at[base + i] = day + offsets[i]!;
      state[base + i] = states[i]!;
      reason[base + i] = ids[reasonIds[i]!]!;
    }
    this.n += n;
    if (this.atText) for (let i = 0; i < offsets.length; i++) this.atText.push(utc((day + offsets[i]!) * 1000));
  }

  /** Makes room for `extra` more lines (callers that know a count reserve it once; pushes double the room when full). */
  reserve(extra: number): void {
    const need = this.n + extra;
    if (need <= this.at.length) return;
    const at = new Float64Array(need);
    const state = new Uint8Array(need);
    const reason = new Int32Array(need);
    at.set(this.at.subarray(0, this.n));
    state.set(this.state.subarray(0, this.n));
    reason.set(this.reason.subarray(0, this.n));
    this.at = at;
    this.state = state;
    this.reason = reason;
  }

  /** The column of every line pushed, in push order. */
  build(): StatusColumn {
    const n = this.n;
    return { service: this.service, at: this.at.subarray(0, n), state: this.state.subarray(0, n), reason: this.reason.subarray(0, n), reasons: this.reasons, atText: this.atText, uniform: this.atText === undefined };
  }

  private idOf(reason: string): number {
    if (reason === this.lastReason) return this.lastId;
    let id = this.reasonIds.get(reason);
    if (id === undefined) {
      id = this.reasons.length;
      this.reasons.push(reason);
      this.reasonIds.set(reason, id);
    }
    this.lastReason = reason;
    this.lastId = id;
    return id;
  }

  private pushSeconds(t: number, state: number, reason: number): void {
    if (this.n === this.at.length) this.reserve(this.at.length);
    this.at[this.n] = t;
    this.state[this.n] = state;
    this.reason[this.n] = reason;
    this.n++;
  }
}

/** A column's line `i` as an evidence line (the time as written, or `utc` of its seconds). */
export function columnLine(col: StatusColumn, i: number): StatusLine {
  return { type: 'status', service: col.service, at: col.atText?.[i] ?? utc(col.at[i]! * 1000), state: STATE_NAME[col.state[i]!]!, reason: col.reasons[col.reason[i]!]! };
}

/** Status lines as a column, in their given order. */
export function columnOf(service: string, lines: readonly StatusLine[]): StatusColumn {
  const b = new ColumnBuilder(service);
  for (const l of lines) b.push(l.at, l.state, l.reason);
  return b.build();
}

/** The column's lines in `order` (indexes). */
function pick(col: StatusColumn, order: ArrayLike<number>): StatusColumn {
  const n = order.length;
  const at = new Float64Array(n);
  const state = new Uint8Array(n);
  const reason = new Int32Array(n);
  const text = col.atText ? new Array<string>(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    at[k] = col.at[i]!;
    state[k] = col.state[i]!;
    reason[k] = col.reason[i]!;
    if (text) text[k] = col.atText![i]!;
  }
  return { ...col, at, state, reason, atText: text };
}

/** The column sorted by time, lines at the same second in their given order (the later one wins). */
export function sortedColumn(col: StatusColumn): StatusColumn {
  const at = col.at;
  let sorted = true;
  for (let i = 1; i < at.length && sorted; i++) if (at[i]! < at[i - 1]!) sorted = false;
  if (sorted) return col;
  return pick(col, Array.from({ length: at.length }, (_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b));
}

/**
 * One service's lines a report of `period` rests on: inside the period, the last before and the
 * first after; sorted by time (stable), exact duplicates dropped.
 */
export function selectStatusColumn(raw: StatusColumn, period: Period): StatusColumn {
  const col = sortedColumn(raw);
  const at = col.at;
  let first = 0;
  while (first < at.length && at[first]! < period.start) first++;
  let end = first;
  while (end < at.length && at[end]! < period.end) end++;
  const from = first > 0 ? first - 1 : first;
  const to = end < at.length ? end + 1 : end;
  const flags = { before: from < first, after: to > end };
  let twins = false;
  for (let i = from + 1; i < to && !twins; i++) if (at[i] === at[i - 1]) twins = true;
  if (!twins) {
    if (from === 0 && to === at.length) return { ...col, ...flags };
    return { ...col, at: at.subarray(from, to), state: col.state.subarray(from, to), reason: col.reason.subarray(from, to), atText: col.atText?.slice(from, to), ...flags };
  }
  const kept: number[] = [];
  let runStart = 0;
  for (let i = from; i < to; i++) {
    if (kept.length === 0 || at[kept[kept.length - 1]!] !== at[i]) runStart = kept.length;
    else if (hasTwin(col, kept, runStart, i)) continue;
    kept.push(i);
  }
  return { ...pick(col, kept), ...flags };
}

function hasTwin(col: StatusColumn, kept: readonly number[], from: number, i: number): boolean {
  for (let k = from; k < kept.length; k++) {
    const o = kept[k]!;
    if (col.state[o] === col.state[i] && col.reason[o] === col.reason[i] && (col.atText === undefined || col.atText[o] === col.atText[i])) return true;
  }
  return false;
}
