/**
 * Switch and router recordings of testdata/switch-router (issue 10, network devices), polled through the
 * real collector against the global snmpsimd (community test/switch-router/NAME), with auto-detection.
 *
 * Expected values are worked out by hand from the .snmprec lines quoted beside them (OID|type|value;
 * `4x` values are hex, decoded in the comment), not from the code under test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE, STORAGE, VENDOR, VENDOR_NETWORK } from '../../src/metrics/names.ts';
import { recordingPoller } from '../../test/helpers/snmp-recordings.ts';

const TEST_TIMEOUT_MS = 60_000;
const POLL_TIMEOUT_MS = 30_000;

const recordings = recordingPoller({ prefix: 'test/switch-router/', timeoutMs: POLL_TIMEOUT_MS });
afterAll(() => recordings.close());
const { poll } = recordings;

const series = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** Equal up to floating-point rounding of scale × factor. */
function expectValue(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} ≠ ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

type Series = [metric: string, labels: Record<string, string>, value: number];
type Absent = [metric: string, labels: Record<string, string>];

interface Recording {
  name: string;
  /** The vendor profiles that must be among the detected ones. */
  profiles: string[];
  /** sysUpTime in seconds (1.3.6.1.2.1.1.3.0, hundredths ÷ 100); undefined where snmpsim varies it. */
  uptime?: number;
  values: Series[];
  absent?: Absent[];
}

const { cpuUtilisation: cpu, memoryTotal, memoryUsed, memoryUtilisation, temperature, current, fanSpeed, healthOk } = DEVICE;
const { fanOk, psuOk } = STORAGE;

const RECORDINGS: Recording[] = [
  {
    name: 'cisco-c3750',
    profiles: ['cisco', 'cisco-entity-sensor'],
    uptime: 38_969_789.21,
    values: [
      // 1.3.6.1.4.1.9.9.109.1.1.1.1.8.1|66|29 (cpmCPUTotal5minRev); …1.2.1|2|0 (no entPhysical entry: no module label)
      [cpu.name, { cpu: '1' }, 0.29],
      // 1.3.6.1.4.1.9.9.48.1.1.1.2.1|4|Processor  …5.1|66|33385580 (used)  …6.1|66|46331200 (free)
      [memoryUsed.name, { pool: 'Processor' }, 33_385_580],
      [memoryTotal.name, { pool: 'Processor' }, 33_385_580 + 46_331_200],
      [memoryUtilisation.name, { pool: 'Processor' }, 33_385_580 / (33_385_580 + 46_331_200)],
      // 1.3.6.1.4.1.9.9.13.1.4.1.3.1004|2|1 (fan normal); …5.1.3.1003|2|1 (supply normal)
      [fanOk.name, { index: '1004', fan: 'Switch#1, Fan#1' }, 1],
      [psuOk.name, { index: '1003' }, 1],
      // CISCO-ENTITY-SENSOR: 1.3.6.1.4.1.9.9.91.1.1.1.1.4.1019|2|419, type …1.1019|2|8 (celsius), scale …2.1019|2|9,
      // precision …3.1019|2|1, status …5.1019|2|1; entPhysicalName …47.1.1.1.1.7.1019 (Gi1/0/1 Module Temperature Sensor)
      [temperature.name, { ent_physical_index: '1019', sensor: 'Gi1/0/1 Module Temperature Sensor' }, 41.9],
      // …4.1022|2|-60, type …1.1022|2|14 (dBm), scale 9, precision 1 → -6.0 dBm (Gi1/0/1 Transmit Power Sensor)
      [VENDOR_NETWORK.ciscoSensorDbm.name, { ent_physical_index: '1022', sensor: 'Gi1/0/1 Transmit Power Sensor' }, -6],
    ],
    // no ciscoEnvMonTemperatureStatusTable on this switch (only ciscoEnvMonPresent)
    absent: [[temperature.name, { index: '1005' }]],
  },
  {
    name: 'cisco-n5000',
    profiles: ['cisco', 'cisco-entity-sensor', 'cisco-fru'],
    uptime: 22_274_554.43,
    values: [
      // 1.3.6.1.4.1.9.9.109.1.1.1.1.8.1|66|16
      [cpu.name, { cpu: '1' }, 0.16],
      // NX-OS memory: …109.1.1.1.1.12.1|66|2429964 (cpmCPUMemoryUsed, KB)  …13.1|66|5823892 (cpmCPUMemoryFree, KB)
      [memoryUsed.name, { cpu: '1' }, 2_429_964 * 1024],
      [memoryTotal.name, { cpu: '1' }, (2_429_964 + 5_823_892) * 1024],
      [memoryUtilisation.name, { cpu: '1' }, 2_429_964 / (2_429_964 + 5_823_892)],
      // 1.3.6.1.4.1.9.9.117.1.1.2.1.2.470|2|2 (cefcFRUPowerOperStatus on); 1.3.6.1.2.1.47.1.1.1.1.5.470|2|6 (powerSupply);
      // …47.1.1.1.1.7.470|4x|506f776572537570706c792d31 (PowerSupply-1)
      [psuOk.name, { ent_physical_index: '470', psu: 'PowerSupply-1' }, 1],
      // 1.3.6.1.4.1.9.9.117.1.4.1.1.1.534|2|2 (cefcFanTrayOperStatus up); …7.534 (FanModule-1)
      [fanOk.name, { ent_physical_index: '534', fan: 'FanModule-1' }, 1],
      // 1.3.6.1.4.1.9.9.91.1.1.1.1.4.25818|2|6692, type …1.25818|2|5 (amperes), scale …2.25818|2|8 (milli),
      // precision …3.25818|2|0, status …5.25818|2|1 → 6692 × 10^(3·(8−9)) = 6.692 A
      [current.name, { ent_physical_index: '25818' }, 6.692],
    ],
    // a line card's FRU power row is not a power supply: 1.3.6.1.2.1.47.1.1.1.1.5.22|2|9 (module)
    absent: [[psuOk.name, { ent_physical_index: '22' }]],
  },
  {
    name: 'cisco-2600',
    profiles: ['cisco'],
    uptime: 2_504_204.47,
    values: [
      // no cpmCPUTotal5minRev: the deprecated 1.3.6.1.4.1.9.9.109.1.1.1.1.5.1|66|3 (cpmCPUTotal5min)
      [cpu.name, { cpu: '1' }, 0.03],
      // 1.3.6.1.4.1.9.9.48.1.1.1.5.1|66|8335368   …6.1|66|51069488
      [memoryTotal.name, { pool: 'Processor' }, 8_335_368 + 51_069_488],
      [VENDOR.ciscoMemoryPoolFree.name, { pool: 'Processor' }, 51_069_488],
    ],
  },
  {
    name: 'huawei-s12704',
    profiles: ['huawei'],
    uptime: 1_147_548.97,
    values: [
      // the case: 1.3.6.1.4.1.2011.5.25.31.1.1.1.1.9.68419593|2|-1 (hwEntityMemSize overflowed),
      // …19.68419593|2|2164 (hwEntityMemSizeMega, MiB); entPhysicalName …7.68419593|4x|…(MPU Board 5)
      [memoryTotal.name, { ent_physical_index: '68419593', module: 'MPU Board 5' }, 2164 * 1_048_576],
      // …7.68419593|2|14 (hwEntityMemUsage) → 2164 MiB × 14 %
      [memoryUsed.name, { ent_physical_index: '68419593' }, 2164 * 1_048_576 * 0.14],
      // …5.68419593|2|41   …11.68419593|2|34
      [cpu.name, { ent_physical_index: '68419593' }, 0.41],
      [temperature.name, { ent_physical_index: '68419593' }, 34],
    ],
  },
  {
    name: 'juniper-mx960-12',
    profiles: ['juniper'],
    values: [
      // 1.3.6.1.4.1.2636.3.1.13.1.5.9.1.0.0|4x|…(Routing Engine 0)  …8.9.1.0.0|66|29  …7.9.1.0.0|66|24
      [cpu.name, { index: '9.1.0.0', module: 'Routing Engine 0' }, 0.29],
      [temperature.name, { index: '9.1.0.0' }, 24],
      // …15.9.1.0.0|2|16351 (jnxOperatingMemory, MB)  …11.9.1.0.0|66|8 (jnxOperatingBuffer, %)
      [memoryTotal.name, { index: '9.1.0.0' }, 16_351 * 1_048_576],
      [memoryUsed.name, { index: '9.1.0.0' }, 16_351 * 1_048_576 * 0.08],
    ],
  },
  {
    name: 'juniper-mx960-16',
    profiles: ['juniper'],
    values: [
      // 1.3.6.1.4.1.2636.3.1.13.1.5.7.4.0.0|4x|…(FPC: MPC Type 2 3D @ 3/*/*)  …8.7.4.0.0|66|26  …11|66|14  …15|2|2048
      [cpu.name, { index: '7.4.0.0', module: 'FPC: MPC Type 2 3D @ 3/*/*' }, 0.26],
      [memoryUtilisation.name, { index: '7.4.0.0' }, 0.14],
      [memoryTotal.name, { index: '7.4.0.0' }, 2048 * 1_048_576],
    ],
  },
  {
    name: 'ruijie-n18010',
    profiles: ['ruijie'],
    uptime: 3_903_152.76,
    values: [
      // 1.3.6.1.4.1.4881.1.1.10.2.36.1.2.1.2.3|4x|…(Slot 1/3: M18000-44SFP4XS-ED, Cpu 0)  …5.3|2|56
      [cpu.name, { cpu: '3', module: 'Slot 1/3: M18000-44SFP4XS-ED, Cpu 0' }, 0.56],
      // 1.3.6.1.4.1.4881.1.1.10.2.35.1.1.1.6.1|2|16777216 (KB)  …7.1|2|6064652 (KB)  …3.1|2|36
      [memoryTotal.name, { pool: 'memory' }, 16_777_216 * 1024],
      [memoryUsed.name, { pool: 'memory' }, 6_064_652 * 1024],
      [memoryUtilisation.name, { pool: 'memory' }, 0.36],
    ],
  },
  {
    name: 'zte-zxr10-5250',
    profiles: ['zte'],
    uptime: 7_954_259.5,
    values: [
      // 1.3.6.1.4.1.3902.15.2.30.1.3.0|4x|31302e31 ("10.1")   …30.1.5.0|4x|38322e35 ("82.5")
      [cpu.name, { cpu: 'total' }, 0.101],
      [memoryUtilisation.name, { pool: 'total' }, 0.825],
    ],
  },
  {
    // 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.3902.3.600.3.1.601 (a ZXR10 9908): class from the ZTE sysObjectID
    name: 'zte-zxr10-9908',
    profiles: ['zte'],
    uptime: 4_007_885,
    values: [],
    absent: [[cpu.name, {}]],
  },
  {
    name: 'h3c-wx6103',
    profiles: ['h3c', 'h3c-legacy'],
    uptime: 21_381_949.23,
    values: [
      // old tree: 1.3.6.1.4.1.2011.10.2.6.1.1.1.1.6.97|2|12  …8.97|2|23  …10.97|66|667795760  …12.97|2|26
      // entPhysicalName 1.3.6.1.2.1.47.1.1.1.1.7.97|4x|…(Level 1 Module #2)
      [cpu.name, { ent_physical_index: '97', module: 'Level 1 Module #2' }, 0.12],
      [memoryTotal.name, { ent_physical_index: '97' }, 667_795_760],
      [memoryUsed.name, { ent_physical_index: '97' }, 667_795_760 * 0.23],
      [temperature.name, { ent_physical_index: '97' }, 26],
    ],
    // 1.3.6.1.4.1.2011.10.2.6.1.1.1.1.12.1|2|65535 (no reading)
    absent: [[temperature.name, { ent_physical_index: '1' }]],
  },
  {
    name: 'h3c-e528-1',
    profiles: ['h3c', 'h3c-legacy'],
    values: [
      // 1.3.6.1.4.1.2011.10.2.6.1.1.1.1.6.30|2|49  …8.30|2|53  …10.30|2|68492960  …12.30|2|40
      [cpu.name, { ent_physical_index: '30' }, 0.49],
      [memoryUsed.name, { ent_physical_index: '30' }, 68_492_960 * 0.53],
      [temperature.name, { ent_physical_index: '30' }, 40],
    ],
  },
  {
    name: 'hpe-procurve-6120xg',
    profiles: ['procurve'],
    uptime: 31_106_978.28,
    values: [
      // 1.3.6.1.4.1.11.2.14.11.5.1.9.6.1.0|2|97 (hpSwitchCpuStat)
      [cpu.name, { cpu: 'total' }, 0.97],
      // 1.3.6.1.4.1.11.2.14.11.5.1.1.2.1.1.1.5.1|2|268435456 (total)  …7.1|2|22247344 (allocated)
      [memoryTotal.name, { slot: '1' }, 268_435_456],
      [memoryUsed.name, { slot: '1' }, 22_247_344],
      [memoryUtilisation.name, { slot: '1' }, 22_247_344 / 268_435_456],
      // 1.3.6.1.4.1.11.2.14.11.1.2.6.1.4.4|2|4 (good)  …7.4|4x|…(Over-temperature Sensor)
      [healthOk.name, { index: '4', component: 'Over-temperature Sensor' }, 1],
    ],
  },
  {
    name: 'brocade-icx6430-24',
    profiles: ['brocade-fastiron'],
    uptime: 0, // 1.3.6.1.2.1.1.3.0|67|0 as recorded
    values: [
      // 1.3.6.1.4.1.1991.1.1.2.1.52.0|66|1 (snAgGblCpuUtil1MinAvg)
      [cpu.name, { cpu: 'total' }, 0.01],
      // …2.1.54.0|66|192286720 (total)  …55.0|66|76951552 (free)  …53.0|66|59 (util)
      [memoryTotal.name, { pool: 'dynamic' }, 192_286_720],
      [memoryUsed.name, { pool: 'dynamic' }, 192_286_720 - 76_951_552],
      [memoryUtilisation.name, { pool: 'dynamic' }, 0.59],
      // 1.3.6.1.4.1.1991.1.1.2.13.1.1.4.1.1|2|98 (0.5 °C units)  …3.1.1|4x|…(Management module: CPU temperature)
      [temperature.name, { slot: '1', index: '1', sensor: 'Management module: CPU temperature' }, 49],
      // 1.3.6.1.4.1.1991.1.1.1.2.1.1.3.1|2|2 (normal)
      [psuOk.name, { index: '1' }, 1],
    ],
  },
  {
    name: 'brocade-ds-5100b',
    profiles: ['brocade-fc'],
    uptime: 17_065_686.08,
    values: [
      // swSensorTable: 1.3.6.1.4.1.1588.2.1.1.1.1.22.1.2.1|2|1 (temperature) …3.1|2|4 (nominal) …4.1|2|32 …5.1 (SLOT #0: TEMP #1)
      [temperature.name, { index: '1', sensor: 'SLOT #0: TEMP #1' }, 32],
      // …2.5|2|2 (fan) …3.5|2|4 …4.5|2|14673 …5.5|4x|2046414e202331 (" FAN #1", trimmed)
      [fanSpeed.name, { index: '5', sensor: 'FAN #1' }, 14_673],
      [fanOk.name, { index: '5' }, 1],
      // …2.7|2|3 (power-supply) …3.7|2|4 (nominal)
      [psuOk.name, { index: '7', psu: 'Power Supply #1' }, 1],
    ],
    // a power supply's "value" (…4.7|2|1) is not a temperature or a speed
    absent: [[temperature.name, { index: '7' }], [fanSpeed.name, { index: '7' }]],
  },
  {
    name: 'brocade-fc-switch',
    profiles: ['brocade-fc'],
    uptime: 30_566_521, // 1.3.6.1.2.1.1.3.0|67|3056652100
    values: [
      // 1.3.6.1.4.1.1588.2.1.1.1.1.22.1.2.1|2|1 (temperature) …3.1|2|4 (nominal) …4.1|2|42 …5.1 (SLOT #0: TEMP #1)
      [temperature.name, { index: '1', sensor: 'SLOT #0: TEMP #1' }, 42],
      // …2.2|2|2 (fan) …3.2|2|4 …4.2|2|9246 …5.2|4x|2046414e202331 (" FAN #1", trimmed)
      [fanSpeed.name, { index: '2', sensor: 'FAN #1' }, 9246],
      // …2.4|2|3 (power-supply) …3.4|2|4 (nominal)
      [psuOk.name, { index: '4' }, 1],
    ],
  },
  {
    name: 'dlink-des3200',
    profiles: ['dlink'],
    values: [
      // 1.3.6.1.4.1.171.12.1.1.6.3.0|2|28 (agentCPUutilizationIn5min)
      [cpu.name, { cpu: 'total' }, 0.28],
      // 1.3.6.1.4.1.171.12.1.1.9.1.2.0|2|131072 (KB)  …3.0|2|115908 (KB)  …4.0|2|88
      [memoryTotal.name, { unit: '0' }, 131_072 * 1024],
      [memoryUsed.name, { unit: '0' }, 115_908 * 1024],
      [memoryUtilisation.name, { unit: '0' }, 0.88],
    ],
  },
  {
    name: 'dlink-des3038',
    profiles: ['dlink'],
    uptime: 2_333_949.04,
    values: [
      // 1.3.6.1.4.1.171.12.1.1.6.3.0|2|6
      [cpu.name, { cpu: 'total' }, 0.06],
    ],
    // no agentDRAMutilizationTable on this model
    absent: [[memoryTotal.name, {}]],
  },
  {
    name: 'bdcom-s5612',
    profiles: ['bdcom'],
    uptime: 18_652_253.45,
    values: [
      // 1.3.6.1.4.1.3320.9.109.1.1.1.1.5.1|66|18 (nmspmCPUTotal5min)
      [cpu.name, { cpu: '1' }, 0.18],
      // 1.3.6.1.4.1.3320.3.6.10.1.12.1|2|15 (nmscardMEMUtilization)
      [memoryUtilisation.name, { card: '1' }, 0.15],
    ],
    // 1.3.6.1.4.1.3320.3.6.10.1.13.1|2|0: no sensor on the card
    absent: [[temperature.name, { card: '1' }]],
  },
  {
    name: 'dcrs-5980-28t-dc',
    profiles: ['dcs'],
    uptime: 4_418_788,
    values: [
      // 1.3.6.1.4.1.6339.100.1.11.10.0|2|19 (switchCpuUsage)
      [cpu.name, { cpu: 'total' }, 0.19],
      // …11.6.0|2|536870912 (switchMemorySize)  …11.7.0|2|168411136 (switchMemoryBusy)
      [memoryTotal.name, { pool: 'total' }, 536_870_912],
      [memoryUsed.name, { pool: 'total' }, 168_411_136],
      [memoryUtilisation.name, { pool: 'total' }, 168_411_136 / 536_870_912],
    ],
  },
  {
    // 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.31648.1.12029: class from classes.yaml (DPtech), interfaces only
    name: 'dptech-dpx800-a5',
    profiles: [],
    uptime: 2_757_086,
    values: [],
  },
  {
    // invented (README): ENHANCED-MEMPOOL 64-bit columns, a pool without them, a CPU pointing at its module
    name: 'cisco-mempool-hc',
    profiles: ['cisco', 'cisco-mempool', 'cisco-mempool-32'],
    uptime: 1234.56,
    values: [
      // 32-bit …221.1.1.1.1.7.1000.1|66|4294967295 saturated; …18.1000.1|70|5368709120 (HCUsed) …20.1000.1|70|3221225472 (HCFree)
      [memoryUsed.name, { ent_physical_index: '1000', index: '1', pool: 'Processor' }, 5_368_709_120],
      [memoryTotal.name, { ent_physical_index: '1000', index: '1' }, 5_368_709_120 + 3_221_225_472],
      [memoryUtilisation.name, { ent_physical_index: '1000', index: '1' }, 5_368_709_120 / 8_589_934_592],
      // no HC rows for pool 2: …7.1000.2|66|41943040 …8.1000.2|66|25165824
      [memoryTotal.name, { ent_physical_index: '1000', index: '2', pool: 'reserve Processor' }, 41_943_040 + 25_165_824],
      // cpmCPUTotalPhysicalIndex …109.1.1.1.1.2.2|2|2000 → entPhysicalName …47.1.1.1.1.7.2000 (Switch 2); …8.2|66|7
      [cpu.name, { cpu: '2', module: 'Switch 2' }, 0.07],
      // …13.1.3.1.3.1|66|31, state …6.1|2|1 (normal)
      [temperature.name, { index: '1', sensor: 'inlet' }, 31],
    ],
    // …13.1.3.1.6.2|2|5 (notPresent) with value 0: no temperature
    absent: [[temperature.name, { index: '2' }]],
  },
];

describe('switch and router recordings through the real collector', () => {
  it.each(RECORDINGS)('$name', async (r) => {
    const { samples, error } = await poll(r.name);
    expect(error).toBeUndefined();
    const info = series(samples, DEVICE.info.name);
    expect(info).toHaveLength(1);
    expect(info[0]!.labels.class).toBe('network');
    for (const p of r.profiles) expect(info[0]!.labels.profiles!.split(',')).toContain(p);
    if (r.uptime !== undefined) expectValue(series(samples, DEVICE.uptime.name)[0]!.value, r.uptime, 'uptime');
    for (const [metric, labels, value] of r.values) {
      const found = series(samples, metric, labels);
      expect(found, `${metric} ${JSON.stringify(labels)}`).toHaveLength(1);
      expectValue(found[0]!.value, value, `${metric} ${JSON.stringify(labels)}`);
    }
    for (const [metric, labels] of r.absent ?? []) expect(series(samples, metric, labels), `${metric} ${JSON.stringify(labels)}`).toEqual([]);
    // nothing absurd reaches /metrics: no negative size, no ratio above 1
    for (const s of samples) {
      if (s.name.endsWith('_bytes')) expect(s.value, `${s.name} ${JSON.stringify(s.labels)}`).toBeGreaterThanOrEqual(0);
      if (s.name.endsWith('_ratio')) expect(s.value, `${s.name} ${JSON.stringify(s.labels)}`).toBeLessThanOrEqual(1);
    }
  }, TEST_TIMEOUT_MS);
});

describe('lookups through a pointer column (cpmCPUTotalPhysicalIndex → entPhysicalName)', () => {
  it('a processor whose pointer is 0 gets no module label; the others get their entity name', async () => {
    const { samples } = await poll('cisco-mempool-hc');
    // 1.3.6.1.4.1.9.9.109.1.1.1.1.2.3|2|0 and …8.3|66|5
    const [third] = series(samples, cpu.name, { cpu: '3' });
    expect(third?.labels.module).toBeUndefined();
    expectValue(third!.value, 0.05, 'cpu 3');
    // …2.1|2|1000 → 1.3.6.1.2.1.47.1.1.1.1.7.1000|4|Switch 1
    expect(series(samples, cpu.name, { cpu: '1' })[0]?.labels.module).toBe('Switch 1');
  }, TEST_TIMEOUT_MS);
});
