import { describe, expect, it } from 'vitest';
import { profileSchema } from './profile-schema.ts';
import { parseText } from './profiles.ts';
import { computeRaw } from './readings.ts';
import type { SnmpVarbind } from './session.ts';

/**
 * The profile-engine additions the firewall profiles need (profile-schema.ts): `product` and
 * `used_ratio` arithmetic, text `where` filters, `map` before `states`, `detect.class_by_subtree`.
 * What they give on real devices is asserted in fixtures-firewall.test.ts; here, their arithmetic and
 * the located errors of a profile that misuses them.
 */

const gauge = (value: number): SnmpVarbind => ({ oid: '1.3.6.1.4.1.99999.1.0', type: 66, value });

function metric(compute: string) {
  const text = ['name: t', 'description: t', 'metrics:', '  - name: slaguard_device_memory_used_bytes', `    compute: ${compute}`, ''].join('\n');
  const problems: string[] = [];
  const profile = parseText(text, 'profiles/t.yaml', profileSchema, problems);
  expect(problems).toEqual([]);
  return profile!.metrics[0]!;
}

describe('compute: product and used_ratio', () => {
  it('product multiplies its operands (FortiGate capacity KB × percent used)', () => {
    const m = metric('{ op: product, scalars: [1.3.6.1.4.1.12356.101.4.1.5, 1.3.6.1.4.1.12356.101.4.1.4] }');
    expect(computeRaw(m, [gauge(66_016_264), gauge(19)])).toBe(66_016_264 * 19);
  });

  it('used_ratio is (total − free parts) ÷ total, and nothing for a zero total', () => {
    const m = metric('{ op: used_ratio, scalars: [1.3.6.1.4.1.2021.4.5, 1.3.6.1.4.1.2021.4.6, 1.3.6.1.4.1.2021.4.14] }');
    expect(computeRaw(m, [gauge(1000), gauge(600), gauge(150)])).toBe(0.25);
    expect(computeRaw(m, [gauge(0), gauge(0), gauge(0)])).toBeUndefined();
    expect(computeRaw(m, [gauge(1000), undefined, gauge(150)])).toBeUndefined();
  });
});

describe('located errors of the new fields', () => {
  const broken = [
    'name: broken', //                                                                    1
    'description: test', //                                                               2
    'detect: { subtree: 1.3.6.1.4.1.9.9.147.1.2, class_by_subtree: yes-please }', //       3
    'metrics:', //                                                                        4
    '  - name: slaguard_device_ha_role', //                                               5
    '    walk: 1.3.6.1.4.1.9.9.147.1.2.1.1.1.3', //                                       6
    '    where: [{ column: 1.3.6.1.4.1.9.9.147.1.2.1.1.1.2, pattern: "(this device" }]', // 7
    '  - name: slaguard_device_sessions', //                                              8
    '    walk: 1.3.6.1.4.1.9.9.147.1.2.1.1.1.3', //                                       9
    '    where: [{ column: 1.3.6.1.4.1.9.9.147.1.2.1.1.1.2, in: [1], pattern: "x" }]', //  10
    '  - name: slaguard_device_memory_used_bytes', //                                     11
    '    compute: { op: product, scalars: [1.3.6.1.4.1.12356.101.4.1.5] }', //            12
    '',
  ].join('\n');

  it('a bad pattern, a where with both tests, a one-operand product and a non-boolean flag are each reported at their line', () => {
    const problems: string[] = [];
    expect(parseText(broken, 'profiles/broken.yaml', profileSchema, problems)).toBeUndefined();
    expect(problems).toContain('profiles/broken.yaml:3:63: detect.class_by_subtree: Invalid input: expected boolean, received string');
    expect(problems).toContain('profiles/broken.yaml:7:65: metrics.0.where.0.pattern: not a regular expression: Invalid regular expression: /(this device/: Unterminated group');
    expect(problems).toContain('profiles/broken.yaml:10:13: metrics.1.where.0: give exactly one of "in" or "pattern"');
    expect(problems).toContain('profiles/broken.yaml:12:14: metrics.2.compute: "product" needs at least two operands');
    expect(problems).toHaveLength(4);
  });
});
