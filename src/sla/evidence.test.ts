import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';
import { bodyOf, canonicalLine, type EvidenceLine } from './evidence.ts';

describe('canonical lines', () => {
  it('the fast form equals the generic canonical JSON for every line type', () => {
    const lines: EvidenceLine[] = [
      { type: 'status', service: 's"1', at: '2026-03-02T01:00:00Z', state: 'down', reason: '原因 \\ "x"' },
      { type: 'maintenance', service: 's', start: '2026-03-02T01:00:00Z', end: '2026-03-02T02:00:00Z', ticket: 'T', approved_by: '王工', announced_at: '2026-02-27T00:00:00Z' },
      { type: 'incident', id: 'INC-1', service: 's', level: 3, opened: '2026-03-02T01:00:00Z', acknowledged: null, restored: '2026-03-02T03:00:00Z' },
      { type: 'contract', agency: 'a', version: 'v', effective: '2026-01-01', sha256: 'ab' },
    ];
    for (const l of lines) expect(canonicalLine(l)).toBe(canonicalJson(bodyOf(l)));
  });
});
