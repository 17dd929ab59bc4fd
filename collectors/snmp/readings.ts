import type { ProfileMetric } from './profile-schema.ts';
import type { SnmpVarbind } from './session.ts';
import { toNumber } from './values.ts';

/** Why a value read from an agent was not exported (slaguard_snmp_values_discarded_total's `reason`). */
export type DiscardReason = 'sentinel' | 'implausible';

/** A raw number, or why there is none: `undefined` when the agent gave nothing usable. */
export type Raw = number | DiscardReason | undefined;

/** The same bits read the other way round: signed ↔ unsigned at `bits` width (-1 ↔ 4294967295); else the value itself. */
export function twin(raw: number, bits: 16 | 32): number {
  const span = 2 ** bits;
  if (raw < 0 && raw >= -span / 2) return raw + span;
  if (raw >= span / 2 && raw < span) return raw - span;
  return raw;
}

/** Whether `raw` is one of `m.sentinels`, as sent or as its signed/unsigned twin. */
export function isSentinel(m: ProfileMetric, raw: number): boolean {
  if (m.sentinels.length === 0) return false;
  const other = twin(raw, m.bits);
  return m.sentinels.some((s) => s === raw || s === other);
}

/** A text value read by `m.text` (pattern, then map or decimal number); undefined if it does not fit. */
function fromText(m: ProfileMetric, text: string): number | undefined {
  const t = m.text!;
  let part = text.trim();
  if (t.pattern) {
    const match = t.pattern.exec(part);
    if (!match || match[1] === undefined) return undefined;
    part = match[1].trim();
  }
  if (t.map) return t.map[part];
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(part) ? Number(part) : undefined;
}

/** One varbind as a raw number (text read by `m.text`), with the metric's sentinels and `unsigned` applied. */
export function rawOf(m: ProfileMetric, vb: SnmpVarbind | undefined): Raw {
  const raw = m.text && vb && Buffer.isBuffer(vb.value) ? fromText(m, vb.value.toString('utf8')) : toNumber(vb);
  if (raw === undefined) return undefined;
  if (isSentinel(m, raw)) return 'sentinel';
  return m.unsigned && raw < 0 ? twin(raw, m.bits) : raw;
}

/** `m.compute` over its operands' varbinds (in `compute.columns` / `compute.scalars` order). */
export function computeRaw(m: ProfileMetric, operands: Array<SnmpVarbind | undefined>): Raw {
  const c = m.compute!;
  const nums: number[] = [];
  for (const vb of operands) {
    const raw = rawOf(m, vb);
    if (typeof raw !== 'number') return raw;
    nums.push(raw);
  }
  const [first = 0, ...rest] = nums;
  const restSum = rest.reduce((a, b) => a + b, 0);
  switch (c.op) {
    case 'sum':
      return first + restSum;
    case 'difference':
      return first - restSum;
    case 'ratio':
      return restSum === 0 ? undefined : first / restSum;
    case 'subtract_from':
      return c.constant! - first - restSum;
    case 'product':
      return rest.reduce((a, b) => a * b, first);
    case 'used_ratio':
      return first === 0 ? undefined : (first - restSum) / first;
    case 'high_low':
      return first * 2 ** 32 + restSum;
  }
}

/** Whether an exported value lies within the metric's `min`/`max`. */
export const plausible = (m: ProfileMetric, value: number): boolean => !(m.min !== undefined && value < m.min) && !(m.max !== undefined && value > m.max);

/**
 * Row indexes `phantom_zero_rows` drops: rows past the first line (by first index component) when all
 * of them read 0 in `column` and the first line does not; none otherwise.
 */
export function phantomRows(column: ReadonlyMap<string, SnmpVarbind> | undefined): Set<string> {
  if (column === undefined || column.size < 2) return new Set();
  const line = (index: string) => Number(index.split('.')[0]);
  const lowest = Math.min(...[...column.keys()].map(line));
  const first = [...column].filter(([i]) => line(i) === lowest).map(([, vb]) => toNumber(vb));
  const rest = [...column].filter(([i]) => line(i) !== lowest);
  if (first.every((v) => v === 0 || v === undefined) || !rest.every(([, vb]) => toNumber(vb) === 0)) return new Set();
  return new Set(rest.map(([i]) => i));
}
