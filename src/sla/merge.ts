import { canonicalJson } from './canonical.ts';
import { bodyOf, seconds, utc, type EvidenceLine, type IncidentLine, type StatusLine } from './evidence.ts';
import { moreComplete, stableSortByTime } from './select.ts';
import type { ServiceState } from './timeline.ts';

/**
 * Merges the evidence of several slaguard instances watching the same services (an HA pair):
 * where two or more files have status lines for a service, it is up while any member sees it up,
 * else unknown while any member has no answer (before its first line, or unknown), else down.
 * Other lines are united; identical lines kept once; an incident in several files is kept in the
 * version that says most. One file comes back unchanged.
 */
export function mergeEvidence(files: ReadonlyArray<readonly EvidenceLine[]>): EvidenceLine[] {
  if (files.length === 1) return [...files[0]!];
  const out: EvidenceLine[] = [];
  const seen = new Set<string>();
  const incidents = new Map<string, IncidentLine>();
  const statusByService = new Map<string, StatusLine[][]>();
  files.forEach((lines, f) => {
    for (const l of lines) {
      if (l.type === 'status') {
        const members = statusByService.get(l.service) ?? [];
        (members[f] ??= []).push(l);
        statusByService.set(l.service, members);
      } else if (l.type === 'incident') {
        incidents.set(l.id, moreComplete(incidents.get(l.id), l));
      } else {
        const key = canonicalJson(bodyOf(l));
        if (!seen.has(key)) { seen.add(key); out.push(l); }
      }
    }
  });
  out.push(...incidents.values());
  for (const [service, members] of statusByService) {
    const present = members.filter((m): m is StatusLine[] => m !== undefined).map(stableSortByTime);
    out.push(...(present.length === 1 ? present[0]! : combine(service, present)));
  }
  return out;
}

function combine(service: string, members: StatusLine[][]): StatusLine[] {
  const times = [...new Set(members.flatMap((m) => m.map((l) => seconds(l.at))))].sort((a, b) => a - b);
  const index = members.map(() => -1);
  const out: StatusLine[] = [];
  for (const t of times) {
    const current = members.map((m, i) => {
      while (index[i]! + 1 < m.length && seconds(m[index[i]! + 1]!.at) <= t) index[i]!++;
      return index[i]! >= 0 ? m[index[i]!]! : undefined;
    });
    const pick = (state: ServiceState) => current.findIndex((l) => (l?.state ?? 'unknown') === state);
    const up = pick('up');
    const unknown = pick('unknown');
    const i = up >= 0 ? up : unknown >= 0 ? unknown : 0;
    const state: ServiceState = up >= 0 ? 'up' : unknown >= 0 ? 'unknown' : 'down';
    const reason = `member ${i + 1}: ${current[i]?.reason ?? 'no status yet'}`;
    if (out[out.length - 1]?.state === state) continue;
    out.push({ type: 'status', service, at: utc(t * 1000), state, reason });
  }
  return out;
}
