import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE, UPS } from '../../src/metrics/names.ts';
import { snmpKind } from './index.ts';
import { twin } from './readings.ts';

/**
 * Profile engine features (profile-schema.ts) on recordings served by snmpsimd: the shared fixtures and
 * the hand-written ones in testdata/ (community test/NAME). Expected values are worked out by hand from
 * the .snmprec line in each comment.
 */

const collector = snmpKind.create({ logger: undefined as never });
afterAll(() => collector.close?.());

function poll(community: string, profiles?: string[]): Promise<Sample[]> {
  const options = snmpKind.optionsSchema.parse(profiles ? { community, profiles } : { community });
  return collector.collect({ name: community, kind: 'snmp', address: `127.0.0.1:${inject('snmpsim').port}`, options, intervalMs: 60_000, timeoutMs: 10_000, labels: {} }, AbortSignal.timeout(10_000));
}
const values = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).map((s) => s.value);
const discarded = (samples: Sample[]) => Object.fromEntries(samples.filter((s) => s.name === DEVICE.valuesDiscarded.name).map((s) => [s.labels.reason, s.value]));

describe('sentinels and plausibility bounds', () => {
  it('a sentinel matches its signed/unsigned twin at the declared width', () => {
    expect(twin(4_294_967_295, 32)).toBe(-1);
    expect(twin(-1, 32)).toBe(4_294_967_295);
    expect(twin(65_535, 16)).toBe(-1);
    expect(twin(-2, 16)).toBe(65_534);
    expect(twin(65_535, 32)).toBe(65_535);
  });

  it('Gauge32 4294967295 is -1, not a runtime of 8,000 years; a charge of 255 % is dropped and counted', async () => {
    const s = await poll('test/ups-sentinels');
    expect(values(s, UPS.runtime.name)).toEqual([]); //            33.1.2.3.0|66|4294967295
    expect(values(s, UPS.batteryTemperature.name)).toEqual([]); // 33.1.2.7.0|66|4294967295
    expect(values(s, UPS.charge.name)).toEqual([]); //             33.1.2.4.0|2|255 (MIB range 0..100)
    expect(values(s, UPS.batteryVoltage.name)).toEqual([216]); //  33.1.2.5.0|2|2160 (0.1 V)
    expect(discarded(s)).toEqual({ sentinel: 2, implausible: 1 });
    // counted per poll, as a counter
    expect(discarded(await poll('test/ups-sentinels'))).toEqual({ sentinel: 4, implausible: 2 });
  });

  it('ups/huawei-gse200m: the -1s of its UPS-MIB give way to the vendor table; nothing absurd exported', async () => {
    const s = await poll('ups/huawei-gse200m');
    expect(values(s, UPS.runtime.name)).toEqual([28_080]); // 2011.6.174.1.6.100.1.4.1|66|28080 s (33.1.2.3.0|2|-1)
    expect(values(s, UPS.charge.name)).toEqual([1]); //       2011.6.174.1.6.100.1.3.1|66|100 % (33.1.2.4.0|2|-1)
    expect(values(s, UPS.batteryTemperature.name)).toEqual([]); // 33.1.2.7.0|2|-1
    expect(discarded(s).sentinel).toBeGreaterThanOrEqual(1);
    for (const x of s) if (x.name.startsWith('slaguard_ups_')) expect(x.value, `${x.name} ${JSON.stringify(x.labels)}`).toBeGreaterThanOrEqual(0);
  });
});

describe('alternatives', () => {
  it('hwEntityMemSizeMega stands in where hwEntityMemSize overflowed to -1', async () => {
    const s = await poll('test/huawei-mem-overflow');
    // …31.1.1.1.1.9.16842753|2|-1   …19.16842753|2|2048 (MiB)   …7.16842753|2|40 (%)
    expect(values(s, DEVICE.memoryTotal.name, { ent_physical_index: '16842753', module: 'MPU Board 9' })).toEqual([2048 * 1_048_576]);
    expect(values(s, DEVICE.memoryUsed.name, { ent_physical_index: '16842753' })[0]).toBeCloseTo(2048 * 1_048_576 * 0.4, 3);
    // …9.16842754|2|536870912 (bytes, valid: taken as sent)   …7.16842754|2|25
    expect(values(s, DEVICE.memoryTotal.name, { ent_physical_index: '16842754' })).toEqual([536_870_912]);
    expect(values(s, DEVICE.memoryUsed.name, { ent_physical_index: '16842754' })[0]).toBeCloseTo(536_870_912 * 0.25, 3);
    expect(values(s, DEVICE.memoryTotal.name).every((v) => v > 0)).toBe(true);
    expect(discarded(s)).toEqual({});
  });
});

describe('arithmetic', () => {
  it('server/linux-netsnmp: CPU = 100 − ssCpuIdle', async () => {
    const s = await poll('server/linux-netsnmp');
    expect(values(s, DEVICE.cpuUtilisation.name, { cpu: 'total' })).toEqual([0.02]); // 1.3.6.1.4.1.2021.11.11.0|2|98
  });
  // Cisco memory pools (sum and ratio of columns) are checked in fixtures-network.test.ts
});
