import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.ts';
import { applyShard, shardOf } from './shard.ts';

/** Three agencies over six probes: a and b share probe-3; c stands alone; probe-x and probe-y are in no service. */
const text = (shard: string) => `storage: { path: ":memory:" }
shard: "${shard}"
targets:
${['probe-1', 'probe-2', 'probe-3', 'probe-4', 'probe-5', 'probe-6', 'probe-x', 'probe-y'].map((n) => `  - { name: ${n}, kind: http, address: "http://127.0.0.1:1/${n}" }`).join('\n')}
sla:
  agencies:
    - id: zz-water
      name: { zh-CN: 水务局, en: Water }
      contract: { version: "1", effective: "2026-01-01" }
      services:
        - { id: w1, category: application, health: { checks: [ { target: probe-1 }, { target: probe-3 } ] }, availability: 99.9 }
    - id: aa-tax
      name: { zh-CN: 税务局, en: Tax }
      contract: { version: "1", effective: "2026-01-01" }
      services:
        - { id: t1, category: application, health: { checks: [ { target: probe-2 } ] }, availability: 99.9 }
        - { id: t2, category: application, health: { checks: [ { target: probe-3 }, { rule: some-rule } ] }, availability: 99.9 }
    - id: mm-health
      name: { zh-CN: 卫健委, en: Health }
      contract: { version: "1", effective: "2026-01-01" }
      services:
        - { id: h1, category: application, health: { checks: [ { target: probe-4 }, { target: probe-5 }, { target: probe-6 } ] }, availability: 99.9 }
`;

const shardConfig = (i: number, n: number) => applyShard(parseConfigText(text(`${i}/${n}`), { file: 'c.yaml', baseDir: '/tmp' }));

describe('shards keep each agency and every target its services check together', () => {
  for (const n of [2, 3, 5]) {
    it(`over ${n} shards: every target and every agency on exactly one shard, with its targets`, () => {
      const shards = Array.from({ length: n }, (_, k) => shardConfig(k + 1, n));
      const targetsOf = shards.map((c) => c.targets.map((t) => t.name));
      const agenciesOf = shards.map((c) => c.sla.agencies.map((a) => a.id));
      expect(targetsOf.flat().sort()).toEqual(['probe-1', 'probe-2', 'probe-3', 'probe-4', 'probe-5', 'probe-6', 'probe-x', 'probe-y']);
      expect(agenciesOf.flat().sort()).toEqual(['aa-tax', 'mm-health', 'zz-water']);
      const shardOfTarget = (name: string) => targetsOf.findIndex((ts) => ts.includes(name)) + 1;
      const shardOfAgency = (id: string) => agenciesOf.findIndex((as) => as.includes(id)) + 1;
      // tax and water share probe-3: one group, keyed by the id that sorts first (aa-tax)
      expect(shardOfAgency('zz-water')).toBe(shardOf('aa-tax', n));
      expect(shardOfAgency('aa-tax')).toBe(shardOf('aa-tax', n));
      for (const t of ['probe-1', 'probe-2', 'probe-3']) expect(shardOfTarget(t)).toBe(shardOf('aa-tax', n));
      for (const t of ['probe-4', 'probe-5', 'probe-6']) expect(shardOfTarget(t)).toBe(shardOf('mm-health', n));
      // targets outside every SLA service go by their own name, as without SLA services
      expect(shardOfTarget('probe-x')).toBe(shardOf('probe-x', n));
      expect(shardOfTarget('probe-y')).toBe(shardOf('probe-y', n));
      for (const c of shards) expect(c.targets.every((t) => t.labels.shard === `${c.shard!.index}/${n}`)).toBe(true);
    });
  }

  it('without sharding, every target and agency stays', () => {
    const c = applyShard(parseConfigText(text('1/1').replace(/^shard:.*$/m, ''), { file: 'c.yaml', baseDir: '/tmp' }));
    expect(c.targets).toHaveLength(8);
    expect(c.sla.agencies).toHaveLength(3);
    expect(c.targets[0]!.labels.shard).toBeUndefined();
  });
});
