import { DateTime } from 'luxon';
import { canonicalLine, digestOfCanonical, seconds, type EvidenceLine, type IncidentLine, type StatusLine } from './evidence.ts';
import type { Period } from './period.ts';

/**
 * The lines a report of `agency` for `period` rests on: for each of its services the last status
 * before the period, every status inside it and the first one after it (which closes a down
 * stretch running over the end); maintenance windows overlapping the period; incidents opened in
 * it; the agency's contract versions in force during it. Export and report both use this, so a
 * report from the database and one from its exported evidence rest on the same lines.
 */
export function selectEvidence(lines: readonly EvidenceLine[], agency: string, services: ReadonlySet<string>, period: Period): EvidenceLine[] {
  return selectEvidenceWithDigest(lines, agency, services, period).lines;
}

/** `selectEvidence`, and the SHA-256 of the selected lines as `evidenceDigest` computes it (each canonicalised once). */
export function selectEvidenceWithDigest(lines: readonly EvidenceLine[], agency: string, services: ReadonlySet<string>, period: Period): { lines: EvidenceLine[]; digest: string } {
  const out: EvidenceLine[] = [];
  const byService = new Map<string, StatusLine[]>();
  const firstDay = `${period.month}-01`;
  const lastDay = DateTime.fromSeconds(period.end - 1, { zone: period.zone }).toFormat('yyyy-MM-dd');
  const contracts = lines.filter((l) => l.type === 'contract' && l.agency === agency).sort((a, b) => (a.type === 'contract' && b.type === 'contract' ? a.effective.localeCompare(b.effective) : 0));
  const inForce = contracts.filter((c) => c.type === 'contract' && c.effective <= firstDay).map((c) => c.type === 'contract' ? c.effective : '').pop();
  for (const c of contracts) if (c.type === 'contract' && c.effective <= lastDay && (inForce === undefined || c.effective >= inForce)) out.push(c);
  const incidents = new Map<string, IncidentLine>();
  for (const l of lines) {
    if (l.type === 'contract' || !services.has(l.service)) continue;
    if (l.type === 'status') {
      const list = byService.get(l.service) ?? [];
      list.push(l);
      byService.set(l.service, list);
    } else if (l.type === 'maintenance') {
      if (seconds(l.start) < period.end && seconds(l.end) > period.start) out.push(l);
    } else {
      const opened = seconds(l.opened);
      if (opened >= period.start && opened < period.end) incidents.set(l.id, moreComplete(incidents.get(l.id), l));
    }
  }
  out.push(...incidents.values());
  for (const list of byService.values()) {
    const sorted = stableSortByTime(list);
    let before: StatusLine | undefined;
    let after: StatusLine | undefined;
    for (const l of sorted) {
      const at = seconds(l.at);
      if (at < period.start) before = l;
      else if (at < period.end) out.push(l);
      else { after ??= l; }
    }
    if (before) out.push(before);
    if (after) out.push(after);
  }
  const seen = new Set<string>();
  const kept: EvidenceLine[] = [];
  out.forEach((l) => {
    const key = canonicalLine(l);
    if (seen.has(key)) return;
    seen.add(key);
    kept.push(l);
  });
  return { lines: kept, digest: digestOfCanonical([...seen]) };
}

/** Status lines by time; lines at the same second keep their order (the later one wins). */
export function stableSortByTime(list: readonly StatusLine[]): StatusLine[] {
  return list.map((l, i) => ({ l, i, at: seconds(l.at) })).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.l);
}

/** Of two versions of one incident, the one that says more (acknowledged, restored), else the first. */
export function moreComplete(a: IncidentLine | undefined, b: IncidentLine): IncidentLine {
  if (a === undefined) return b;
  const score = (l: IncidentLine) => (l.acknowledged ? 1 : 0) + (l.restored ? 1 : 0);
  return score(b) > score(a) ? b : a;
}

