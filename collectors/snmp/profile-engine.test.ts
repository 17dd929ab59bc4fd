import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE, STORAGE, UPS, VENDOR } from '../../src/metrics/names.ts';
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

describe('numbers inside text, text maps', () => {
  it('security/venus-…: CPU, memory and sessions read out of their text', async () => {
    const s = await poll('security/venus-vsos-v0600r0705b20180507');
    // 1.3.6.1.4.1.15227.1.3.1.1.1.0|4x|6370752d75736167653a20312e35323238343325 ("cpu-usage: 1.522843%")
    expect(values(s, DEVICE.cpuUtilisation.name, { cpu: 'total' })[0]).toBeCloseTo(0.01522843, 10);
    // …1.1.2.0|4x|6d656d6f72792d75736167653a2031382e3825 ("memory-usage: 18.8%")
    expect(values(s, DEVICE.memoryUtilisation.name)[0]).toBeCloseTo(0.188, 10);
    // …1.1.3.0|4x|73657373696f6e2d6e756d3a203435 ("session-num: 45")
    expect(values(s, DEVICE.sessions.name)).toEqual([45]);
  });

  it('storage/qnap: "28 C/82 F" is 28 °C', async () => {
    const s = await poll('storage/qnap');
    // 1.3.6.1.4.1.24681.1.2.11.1.2.1|4|HDD1   …11.1.3.1|4|28 C/82 F;   …2.5|4|HDD5   …3.5|4|27 C/80 F
    expect(values(s, VENDOR.qnapHdTemperature.name, { index: '1', hd: 'HDD1' })).toEqual([28]);
    expect(values(s, VENDOR.qnapHdTemperature.name, { index: '5', hd: 'HDD5' })).toEqual([27]);
    expect(values(s, VENDOR.qnapHdTemperature.name)).toHaveLength(8); // hdIndex 1..8
  });

  it('Isilon diskStatus text mapped to disk health; text outside the map gives nothing', async () => {
    const s = await poll('test/isilon-disks');
    // 12124.2.52.1.5.N: HEALTHY, SMARTFAIL, DEAD, EMPTY (4.N: da1..da4)
    expect(values(s, STORAGE.diskOk.name, { bay: '1', disk: 'da1' })).toEqual([1]);
    expect(values(s, STORAGE.diskOk.name, { bay: '2', disk: 'da2' })).toEqual([0]);
    expect(values(s, STORAGE.diskOk.name, { bay: '3', disk: 'da3' })).toEqual([0]);
    expect(values(s, STORAGE.diskOk.name, { bay: '4' })).toEqual([]);
  });
});

describe('unit chosen by another object', () => {
  it('Geist temperatureUnits = fahrenheit(0): readings converted to °C', async () => {
    const s = await poll('test/geist-fahrenheit');
    // 21239.5.1.1.7.0|2|0 (fahrenheit);   …2.1.5.1|2|770 → 77.0 °F = 25 °C;   …4.1.5.2|2|500 → 50.0 °F = 10 °C
    expect(values(s, DEVICE.temperature.name, { index: '1', sensor: 'Watchdog Rack 07' })[0]).toBeCloseTo(25, 10);
    expect(values(s, DEVICE.temperature.name, { index: '2', sensor: 'Cold aisle 07' })[0]).toBeCloseTo(10, 10);
  });

  it('APC memSensorsStatusSysTempUnits = fahrenheit(2): readings converted to °C', async () => {
    const s = await poll('test/apc-emu-fahrenheit');
    // 318.1.1.10.4.2.1.0|2|2;   …3.1.5.0.1|2|68 → 20 °C;   …3.1.5.0.2|2|95 → 35 °C
    expect(values(s, DEVICE.temperature.name, { module: '0', index: '1' })[0]).toBeCloseTo(20, 10);
    expect(values(s, DEVICE.temperature.name, { module: '0', index: '2' })[0]).toBeCloseTo(35, 10);
    expect(values(s, DEVICE.humidity.name, { module: '0', index: '1' })).toEqual([0.4]); // …6.0.1|2|40 %, not converted
  });

  it('Sentry4 st4TempSensorScale = fahrenheit(1): readings converted; the absent probe (-410) stays out', async () => {
    const s = await poll('test/sentry4-fahrenheit');
    // 1718.4.1.9.1.10.0|2|1;   …9.3.1.1.1.1|2|770 → 77.0 °F = 25 °C (name …9.2.1.3.1.1 "Inlet A1");   …1.1.1.2|2|-410
    expect(values(s, DEVICE.temperature.name, { unit: '1', index: '1', sensor: 'Inlet A1' })[0]).toBeCloseTo(25, 10);
    expect(values(s, DEVICE.temperature.name)).toHaveLength(1);
  });
});

describe('classification and the APC Smart-UPS profile', () => {
  const cls = (s: Sample[]) => s.find((x) => x.name === DEVICE.info.name)?.labels.class;

  it('an APC card answering IF-MIB and the PowerNet UPS subtree only is a UPS, with its readings', async () => {
    const s = await poll('test/apc-smartups');
    expect(cls(s)).toBe('ups');
    expect(s.find((x) => x.name === DEVICE.info.name)?.labels.profiles?.split(',')).toContain('apc-smartups');
    expect(values(s, UPS.info.name, { manufacturer: 'APC', model: 'Smart-UPS 3000 RM' })).toEqual([1]); // 318.1.1.1.1.1.1.0
    expect(values(s, UPS.onBattery.name)).toEqual([1]); //            318.1.1.1.4.1.1.0|2|3 (onBattery)
    expect(values(s, UPS.lowBattery.name)).toEqual([0]); //           318.1.1.1.2.1.1.0|2|2 (batteryNormal)
    expect(values(s, UPS.replaceBattery.name)).toEqual([1]); //       318.1.1.1.2.2.4.0|2|2 (batteryNeedsReplacing)
    expect(values(s, UPS.charge.name)).toEqual([0.87]); //            318.1.1.1.2.2.1.0|66|87 %
    expect(values(s, UPS.runtime.name)[0]).toBeCloseTo(2_520, 9); // 318.1.1.1.2.2.3.0|67|252000 (TimeTicks) = 42 min
    expect(values(s, UPS.batteryTemperature.name)).toEqual([29]); //  318.1.1.1.2.2.2.0|66|29
    expect(values(s, UPS.batteryVoltage.name)).toEqual([54]); //      318.1.1.1.2.2.8.0|2|54
    expect(values(s, UPS.inputVoltage.name, { line: '1' })).toEqual([0]); // 318.1.1.1.3.2.1.0|66|0 (mains lost)
    expect(values(s, UPS.outputVoltage.name, { line: '1' })).toEqual([230]); // 318.1.1.1.4.2.1.0|66|230
    expect(values(s, UPS.outputLoad.name, { line: '1' })).toEqual([0.34]); // 318.1.1.1.4.2.3.0|66|34 %
    expect(values(s, UPS.outputCurrent.name, { line: '1' })).toEqual([5]); // 318.1.1.1.4.2.4.0|66|5
  });

  it('an agent answering IF-MIB alone is generic, not network', async () => {
    const s = await poll('test/interfaces-only');
    expect(cls(s)).toBe('generic');
    expect(s.some((x) => x.name === 'slaguard_interface_oper_up')).toBe(true);
  });
});
