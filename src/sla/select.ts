import { DateTime } from 'luxon';
import { canonicalLine, seconds, type EvidenceLine, type IncidentLine, type StatusLine } from './evidence.ts';
import { manifestDigest, type StoredChunk } from './digest.ts';
import type { Period } from './period.ts';
import { ColumnBuilder, columnLine, selectStatusColumn } from './status-column.ts';

/**
 * One service's selected status lines as columns, sorted by time (stable), exact duplicates dropped:
 * `at` epoch seconds, `state` STATE_CODE, `reason` an index into `reasons`.
 */
export interface StatusColumn {
  service: string;
  at: Float64Array;
  state: Uint8Array;
  reason: Int32Array;
  /** The distinct reasons, each once. */
  reasons: readonly string[];
  /** Each line's time as written; only when some time is not in the ledger's form (then `uniform` is false). */
  atText?: readonly string[] | undefined;
  /** Whether every time has the ledger's form `YYYY-MM-DDTHH:MM:SSZ` (its text then orders as its seconds, and is `utc` of them). */
  uniform: boolean;
  /** Whether the first line is the last one before the period / the last line the first one after it. */
  before?: boolean;
  after?: boolean;
}

/** The selection as the report engine uses it: contract, maintenance and incident lines, and status lines per service. */
export interface Selection {
  other: EvidenceLine[];
  status: Map<string, StatusColumn>;
  /** Chunk hashes stored with the day summaries the status lines came from: per service, by local day start. */
  chunks?: Map<string, Map<number, StoredChunk>>;
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

/** `selectEvidence`, and the evidence digest of the selected lines (local days of the period's zone). */
export function selectEvidenceWithDigest(lines: readonly EvidenceLine[], agency: string, services: ReadonlySet<string>, period: Period): { lines: EvidenceLine[]; digest: string } {
  const selection = selectColumns(lines, agency, services, period);
  return { lines: selectionLines(selection), digest: selectionDigest(selection, period.zone) };
}

/** The selected lines in `selectEvidence`'s order: contracts, maintenance, incidents, then each service's status lines. */
export function selectionLines(selection: Selection): EvidenceLine[] {
  const out: EvidenceLine[] = [...selection.other];
  for (const col of selection.status.values()) {
    const { before, after } = col;
    const n = col.at.length;
    for (let i = before ? 1 : 0; i < n - (after ? 1 : 0); i++) out.push(columnLine(col, i));
    if (before) out.push(columnLine(col, 0));
    if (after) out.push(columnLine(col, n - 1));
  }
  return out;
}

/** The evidence digest of the selection (`manifestDigest`, status lines chunked by local day in `zone`), using its stored chunk hashes. */
export function selectionDigest(selection: Selection, zone: string): string {
  return manifestDigest(selection.other.map(canonicalLine), [...selection.status.values()], zone, selection.chunks);
}

/** `selectEvidence` as columns: each service's status lines sorted once, their times parsed once. */
export function selectColumns(lines: readonly EvidenceLine[], agency: string, services: ReadonlySet<string>, period: Period): Selection {
  const byService = new Map<string, ColumnBuilder>();
  let last: ColumnBuilder | undefined;
  let lastService = '';
  const rest: EvidenceLine[] = [];
  for (const l of lines) {
    if (l.type !== 'status') {
      rest.push(l);
      continue;
    }
    if (last === undefined || l.service !== lastService) {
      if (!services.has(l.service)) continue;
      last = byService.get(l.service);
      if (last === undefined) byService.set(l.service, (last = new ColumnBuilder(l.service)));
      lastService = l.service;
    }
    last.push(l.at, l.state, l.reason);
  }
  const status = new Map<string, StatusColumn>();
  for (const [service, b] of byService) status.set(service, selectStatusColumn(b.build(), period));
  return { other: selectOther(rest, agency, services, period), status };
}

/**
 * The contract, maintenance and incident lines of a selection: the agency's contract versions in
 * force during the period, windows overlapping it, incidents opened in it (the version that says
 * most), each distinct line once. Status lines among `lines` are ignored.
 */
export function selectOther(lines: readonly EvidenceLine[], agency: string, services: ReadonlySet<string>, period: Period): EvidenceLine[] {
  const out: EvidenceLine[] = [];
  const firstDay = `${period.month}-01`;
  const lastDay = DateTime.fromSeconds(period.end - 1, { zone: period.zone }).toFormat('yyyy-MM-dd');
  const contracts = lines.filter((l) => l.type === 'contract' && l.agency === agency).sort((a, b) => (a.type === 'contract' && b.type === 'contract' ? a.effective.localeCompare(b.effective) : 0));
  const inForce = contracts.filter((c) => c.type === 'contract' && c.effective <= firstDay).map((c) => c.type === 'contract' ? c.effective : '').pop();
  for (const c of contracts) if (c.type === 'contract' && c.effective <= lastDay && (inForce === undefined || c.effective >= inForce)) out.push(c);
  const incidents = new Map<string, IncidentLine>();
  for (const l of lines) {
    if (l.type === 'status' || l.type === 'contract' || !services.has(l.service)) continue;
    if (l.type === 'maintenance') {
      if (seconds(l.start) < period.end && seconds(l.end) > period.start) out.push(l);
    } else {
      const opened = seconds(l.opened);
      if (opened >= period.start && opened < period.end) incidents.set(l.id, moreComplete(incidents.get(l.id), l));
    }
  }
  out.push(...incidents.values());
  const seen = new Set<string>();
  return out.filter((l) => {
    const key = canonicalLine(l);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Status lines by time; lines at the same second keep their order (the later one wins). */
export function stableSortByTime(list: readonly StatusLine[]): StatusLine[] {
  const at = list.map((l) => seconds(l.at));
  return Array.from(list.keys()).sort((a, b) => at[a]! - at[b]! || a - b).map((i) => list[i]!);
}

/** Of two versions of one incident, the one that says more (acknowledged, restored), else the first. */
export function moreComplete(a: IncidentLine | undefined, b: IncidentLine): IncidentLine {
  if (a === undefined) return b;
  const score = (l: IncidentLine) => (l.acknowledged ? 1 : 0) + (l.restored ? 1 : 0);
  return score(b) > score(a) ? b : a;
}
