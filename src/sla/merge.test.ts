import { describe, expect, it } from 'vitest';
import type { EvidenceLine, StatusLine } from './evidence.ts';
import { mergeEvidence } from './merge.ts';

const st = (at: string, state: StatusLine['state'], reason: string = state): StatusLine => ({ type: 'status', service: 'portal', at: `2026-03-02T${at}:00+08:00`, state, reason });

describe('merging the evidence of an HA pair', () => {
  it('a service seen up by either member is up; unknown when no member sees it up and one has no answer', () => {
    const a: EvidenceLine[] = [st('00:00', 'up'), st('10:00', 'down', 'a: timeout'), st('11:00', 'up'), st('12:30', 'down', 'a: 502'), st('12:40', 'up')];
    const b: EvidenceLine[] = [st('00:00', 'up'), st('10:30', 'down', 'b: timeout'), st('10:45', 'up'), st('12:00', 'unknown', 'b: stopped'), st('13:00', 'up')];
    const merged = mergeEvidence([a, b]).map((l) => (l.type === 'status' ? [new Date(l.at).toISOString().slice(11, 16), l.state, l.reason] : l));
    expect(merged).toEqual([
      ['16:00', 'up', 'member 1: up'],
      ['02:30', 'down', 'member 1: a: timeout'],
      ['02:45', 'up', 'member 2: up'],
      ['04:30', 'unknown', 'member 2: b: stopped'],
      ['04:40', 'up', 'member 1: up'],
    ]);
  });

  it('maintenance and contract lines once, incidents in their most complete version, one file unchanged', () => {
    const m: EvidenceLine = { type: 'maintenance', service: 'portal', start: '2026-03-02T01:00:00Z', end: '2026-03-02T02:00:00Z', ticket: 'CHG-1', approved_by: 'x', announced_at: '2026-02-27T00:00:00Z' };
    const open: EvidenceLine = { type: 'incident', id: 'INC-1', service: 'portal', level: 2, opened: '2026-03-02T01:00:00Z', acknowledged: null, restored: null };
    const acked: EvidenceLine = { ...open, acknowledged: '2026-03-02T01:10:00Z' };
    expect(mergeEvidence([[m, open], [m, acked]])).toEqual([m, acked]);
    expect(mergeEvidence([[m, open, m]])).toEqual([m, open, m]);
  });
});
