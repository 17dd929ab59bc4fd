import { DateTime } from 'luxon';
import { canonicalLine, digestOfCanonical, seconds, type EvidenceLine, type IncidentLine, type StatusLine } from './evidence.ts';
import { statusDigest } from './digest.ts';
import { parseUtcSeconds } from './fast-time.ts';
import { STATE_CODE } from './timeline.ts';

const UP = STATE_CODE.up;
const DOWN = STATE_CODE.down;
import type { Period } from './period.ts';

/** One service's selected status lines, sorted by time (stable), exact duplicates dropped; `at` holds their epoch seconds. */
export interface StatusColumn {
  lines: StatusLine[];
  at: Float64Array;
  /** State codes (STATE_CODE) of the lines. */
  state: Uint8Array;
  /** Whether every time has the ledger's form `YYYY-MM-DDTHH:MM:SSZ` (its text then orders as its seconds). */
  uniform: boolean;
  /** Whether the first line is the last one before the period / the last line the first one after it. */
  before?: boolean;
  after?: boolean;
}

/** The selection as the report engine uses it: contract, maintenance and incident lines, and status lines per service. */
export interface Selection {
  other: EvidenceLine[];
  status: Map<string, StatusColumn>;
}

/**
 * The lines a report of `agency` for `period` rests on: for each of its services the last status
 * before the period, every status inside it and the first one after it (which closes a down
 * stretch running over the end); maintenance windows overlapping the period; incidents opened in
 * it; the agency's contract versions in force during it. Export and report both use this, so a
 * report from the database and one from its exported evidence rest on the same lines.
 */
export function selectEvidence(lines: readonly EvidenceLine[], agency: string, services: ReadonlySet<string>, period: Period): EvidenceLine[] {
  return selectionLines(selectColumns(lines, agency, services, period));
}

/** `selectEvidence`, and the SHA-256 of the selected lines as `evidenceDigest` computes it. */
export function selectEvidenceWithDigest(lines: readonly EvidenceLine[], agency: string, services: ReadonlySet<string>, period: Period): { lines: EvidenceLine[]; digest: string } {
  const selection = selectColumns(lines, agency, services, period);
  return { lines: selectionLines(selection), digest: selectionDigest(selection) };
}

/** The selected lines in `selectEvidence`'s order: contracts, maintenance, incidents, then each service's status lines. */
export function selectionLines(selection: Selection): EvidenceLine[] {
  const out: EvidenceLine[] = [...selection.other];
  for (const { lines, before, after } of selection.status.values()) {
    for (let i = before ? 1 : 0; i < lines.length - (after ? 1 : 0); i++) out.push(lines[i]!);
    if (before) out.push(lines[0]!);
    if (after) out.push(lines[lines.length - 1]!);
  }
  return out;
}

/** SHA-256 of the selection, equal to `evidenceDigest(selectionLines(selection))`. */
export function selectionDigest(selection: Selection): string {
  return statusDigest(selection.other.map(canonicalLine), [...selection.status.values()]) ?? digestOfCanonical(selectionLines(selection).map(canonicalLine));
}

/** `selectEvidence` as columns: each service's status lines sorted once, their times parsed once. */
export function selectColumns(lines: readonly EvidenceLine[], agency: string, services: ReadonlySet<string>, period: Period): Selection {
  const out: EvidenceLine[] = [];
  const byService = new Map<string, StatusLine[]>();
  const firstDay = `${period.month}-01`;
  const lastDay = DateTime.fromSeconds(period.end - 1, { zone: period.zone }).toFormat('yyyy-MM-dd');
  const contracts = lines.filter((l) => l.type === 'contract' && l.agency === agency).sort((a, b) => (a.type === 'contract' && b.type === 'contract' ? a.effective.localeCompare(b.effective) : 0));
  const inForce = contracts.filter((c) => c.type === 'contract' && c.effective <= firstDay).map((c) => c.type === 'contract' ? c.effective : '').pop();
  for (const c of contracts) if (c.type === 'contract' && c.effective <= lastDay && (inForce === undefined || c.effective >= inForce)) out.push(c);
  const incidents = new Map<string, IncidentLine>();
  let last: StatusLine[] | undefined;
  let lastService = '';
  for (const l of lines) {
    if (l.type === 'status') {
      if (last === undefined || l.service !== lastService) {
        if (!services.has(l.service)) continue;
        last = byService.get(l.service);
        if (last === undefined) byService.set(l.service, (last = []));
        lastService = l.service;
      }
      last.push(l);
    } else if (l.type === 'contract' || !services.has(l.service)) {
      continue;
    } else if (l.type === 'maintenance') {
      if (seconds(l.start) < period.end && seconds(l.end) > period.start) out.push(l);
    } else {
      const opened = seconds(l.opened);
      if (opened >= period.start && opened < period.end) incidents.set(l.id, moreComplete(incidents.get(l.id), l));
    }
  }
  out.push(...incidents.values());
  const seen = new Set<string>();
  const other = out.filter((l) => {
    const key = canonicalLine(l);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const status = new Map<string, StatusColumn>();
  for (const [service, list] of byService) status.set(service, selectStatus(list, period));
  return { other, status };
}

/** One service's lines: inside the period, the last before and the first after; sorted, duplicates dropped. */
function selectStatus(list: StatusLine[], period: Period): StatusColumn {
  const { lines: sorted, at, uniform } = sortColumn(list);
  let first = 0;
  while (first < sorted.length && at[first]! < period.start) first++;
  let end = first;
  while (end < sorted.length && at[end]! < period.end) end++;
  const from = first > 0 ? first - 1 : first;
  const to = end < sorted.length ? end + 1 : end;
  let twins = false;
  for (let i = from + 1; i < to && !twins; i++) if (at[i] === at[i - 1]) twins = true;
  let lines: StatusLine[];
  let times: Float64Array;
  if (!twins) {
    lines = from === 0 && to === sorted.length ? sorted : sorted.slice(from, to);
    times = at.subarray(from, to);
  } else {
    lines = [];
    const kept: number[] = [];
    let runStart = 0;
    for (let i = from; i < to; i++) {
      const l = sorted[i]!;
      if (kept.length === 0 || kept[kept.length - 1] !== at[i]) runStart = lines.length;
      else if (hasTwin(lines, runStart, l)) continue;
      lines.push(l);
      kept.push(at[i]!);
    }
    times = Float64Array.from(kept);
  }
  const state = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const st = lines[i]!.state;
    state[i] = st === 'up' ? UP : st === 'down' ? DOWN : STATE_CODE[st];
  }
  return { lines, at: times, state, uniform, before: from < first, after: to > end };
}

function hasTwin(lines: readonly StatusLine[], from: number, l: StatusLine): boolean {
  for (let k = from; k < lines.length; k++) {
    const o = lines[k]!;
    if (o.at === l.at && o.state === l.state && o.reason === l.reason && o.service === l.service) return true;
  }
  return false;
}

/** Status lines by time, lines at the same second in their given order; the times parsed once. */
function sortColumn(list: StatusLine[]): { lines: StatusLine[]; at: Float64Array; uniform: boolean } {
  const at = new Float64Array(list.length);
  let sorted = true;
  let uniform = true;
  for (let i = 0; i < list.length; i++) {
    const text = list[i]!.at;
    let t = parseUtcSeconds(text);
    if (t !== t) {
      uniform = false;
      t = seconds(text);
    }
    at[i] = t;
    if (i > 0 && t < at[i - 1]!) sorted = false;
  }
  if (sorted) return { lines: list, at, uniform };
  const order = Array.from({ length: list.length }, (_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
  return { lines: order.map((i) => list[i]!), at: Float64Array.from(order, (i) => at[i]!), uniform };
}

/** Status lines by time; lines at the same second keep their order (the later one wins). */
export function stableSortByTime(list: readonly StatusLine[]): StatusLine[] {
  return sortColumn([...list]).lines;
}

/** Of two versions of one incident, the one that says more (acknowledged, restored), else the first. */
export function moreComplete(a: IncidentLine | undefined, b: IncidentLine): IncidentLine {
  if (a === undefined) return b;
  const score = (l: IncidentLine) => (l.acknowledged ? 1 : 0) + (l.restored ? 1 : 0);
  return score(b) > score(a) ? b : a;
}
