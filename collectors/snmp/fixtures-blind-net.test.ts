/**
 * Blind-audit regressions for network devices (issue 10): recordings in testdata/switch-router transcribed
 * from LibreNMS test data (only the OIDs the profiles read) and polled through the real collector against
 * the global snmpsimd (community test/switch-router/NAME), with auto-detection.
 *
 * Expected values are worked out by hand from the .snmprec lines quoted beside them (OID|type|value),
 * not from the code under test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEVICE, STORAGE, VENDOR } from '../../src/metrics/names.ts';
import { profileSchema } from './profile-schema.ts';
import { rawOf } from './readings.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

const TEST_TIMEOUT_MS = 60_000;
const recordings = recordingPoller({ prefix: 'test/switch-router/', timeoutMs: 30_000 });
afterAll(() => recordings.close());

const { cpuUtilisation: cpu, memoryTotal, memoryUsed, memoryUtilisation, temperature, voltage, fanSpeed, healthOk, uptime } = DEVICE;
const { psuOk } = STORAGE;

interface Row extends RecordingWant {
  name: string;
  class: string;
  /** Profiles that must be among the detected ones, and profiles that must not. */
  profiles?: string[];
  notProfiles?: string[];
}

const MiB = 1_048_576;

const ROWS: Row[] = [
  {
    // 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.30803 (shared with Netentsec NGFWs), 1.3.6.1.2.1.1.1.0|4|Vyatta VyOS 1.1.7
    name: 'vyatta-vyos-1.1',
    class: 'network',
    profiles: ['vyatta'],
    notProfiles: ['netentsec'],
  },
  {
    // 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.44641 (VyOS), 1.3.6.1.2.1.1.1.0|4|VyOS 1.2.0-beta1
    name: 'vyos-1.2',
    class: 'network',
    profiles: ['vyatta'],
  },
  {
    name: 'cisco-iosxe-c9400',
    class: 'network',
    profiles: ['cisco', 'cisco-mempool'],
    notProfiles: ['cisco-cpu-memory'],
    values: [
      // 1.3.6.1.4.1.9.9.109.1.1.1.1.8.7|66|2, …2.7|2|7051 → 1.3.6.1.2.1.47.1.1.1.1.7.7051|4|cpu R0/0
      [cpu.name, { cpu: '7', module: 'cpu R0/0' }, 0.02],
      // 1.3.6.1.4.1.9.9.221.1.1.1.1.18.2000.1|70|300827792 (HCUsed), …20.2000.1|70|1612631656 (HCFree), …3.2000.1|4|Processor
      [memoryUsed.name, { ent_physical_index: '2000', index: '1', pool: 'Processor' }, 300_827_792],
      [memoryTotal.name, { ent_physical_index: '2000', index: '1', pool: 'Processor' }, 300_827_792 + 1_612_631_656],
      [memoryUtilisation.name, { ent_physical_index: '2000', index: '1', pool: 'Processor' }, 300_827_792 / (300_827_792 + 1_612_631_656)],
      // …18.2000.2|70|88, …20.2000.2|70|102316, …3.2000.2|4|reserve Processor
      [memoryTotal.name, { ent_physical_index: '2000', index: '2', pool: 'reserve Processor' }, 88 + 102_316],
    ],
    // cpmCPUMemoryUsed …12.7|66|6664900 (KB) describes the route processor's Linux: not shown beside the pools
    absentSeries: [[memoryUsed.name, { cpu: '7' }], [memoryTotal.name, { cpu: '12' }]],
    counts: { [memoryTotal.name]: 2, [memoryUtilisation.name]: 2 },
  },
  {
    name: 'cisco-ie3200',
    class: 'network',
    profiles: ['cisco', 'cisco-memory-pool'],
    notProfiles: ['cisco-cpu-memory'],
    values: [
      // 1.3.6.1.4.1.9.9.109.1.1.1.1.8.2|66|1, …2.2|2|1141 → 1.3.6.1.2.1.47.1.1.1.1.7.1141|4|cpu R0/0
      [cpu.name, { cpu: '2', module: 'cpu R0/0' }, 0.01],
      // 1.3.6.1.4.1.9.9.48.1.1.1.5.1|66|155265440 (used), …6.1|66|279062172 (free), …2.1|4|Processor
      [memoryUsed.name, { index: '1', pool: 'Processor' }, 155_265_440],
      [memoryTotal.name, { index: '1', pool: 'Processor' }, 155_265_440 + 279_062_172],
      [memoryUtilisation.name, { index: '1', pool: 'Processor' }, 155_265_440 / (155_265_440 + 279_062_172)],
    ],
    // cpmCPUMemoryUsed …12.2|66|1028544 left out: the pools are the device's memory, once
    absentSeries: [[memoryUsed.name, { cpu: '2' }]],
    counts: { [memoryTotal.name]: 2 },
  },
  {
    // HOST-RESOURCES answers (hrStorageTable), but 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.14988.1 is MikroTik: no server
    name: 'mikrotik-crs317',
    class: 'network',
    profiles: ['mikrotik', 'mikrotik-gauges', 'host-resources'],
    notProfiles: ['mikrotik-health'],
    values: [
      // 1.3.6.1.2.1.25.3.3.1.2.1|2|16
      [cpu.name, { cpu: '1' }, 0.16],
      // hrStorageType …2.65536|6|1.3.6.1.2.1.25.2.1.2 (RAM), …3.65536|4|main memory, units …4.65536|2|1024,
      // size …5.65536|2|1048576, used …6.65536|2|48492
      [memoryTotal.name, { hr_storage_index: '65536', pool: 'main memory' }, 1_048_576 * 1024],
      [memoryUsed.name, { hr_storage_index: '65536', pool: 'main memory' }, 48_492 * 1024],
      [memoryUtilisation.name, { hr_storage_index: '65536', pool: 'main memory' }, 48_492 / 1_048_576],
      // mtxrGaugeTable: 1.3.6.1.4.1.14988.1.1.3.100.1.3.17|66|36, unit …4.17|2|1 (celsius), name …2.17|4|cpu-temperature
      [temperature.name, { index: '17', sensor: 'cpu-temperature' }, 36],
      [temperature.name, { index: '50', sensor: 'sfp-temperature' }, 45],
      // …3.7001|66|0, unit …4.7001|2|2 (rpm), fan1-speed
      [fanSpeed.name, { index: '7001', sensor: 'fan1-speed' }, 0],
      // …3.7401|66|0 and …3.7402|66|1, unit 6 (status: 0 ok, 1 fail), psu1-state / psu2-state
      [psuOk.name, { index: '7401', psu: 'psu1-state' }, 1],
      [psuOk.name, { index: '7402', psu: 'psu2-state' }, 0],
    ],
    // the older scalars (…3.11.0|2|440, …3.17.0|66|4200) give the same sensors again: left out
    counts: { [temperature.name]: 3, [fanSpeed.name]: 2, [psuOk.name]: 2, [memoryTotal.name]: 1 },
    absent: [healthOk.name],
  },
  {
    name: 'mikrotik-routeros-legacy',
    class: 'network',
    profiles: ['mikrotik', 'mikrotik-health'],
    notProfiles: ['mikrotik-gauges'],
    values: [
      // 1.3.6.1.2.1.1.3.0|67|2020400 → 20204 s
      [uptime.name, {}, 20_204],
      // 1.3.6.1.2.1.25.3.3.1.2.1|2|21
      [cpu.name, { cpu: '1' }, 0.21],
      // …5.65536|2|65536 × 1024, used …6.65536|2|27196 × 1024
      [memoryTotal.name, { hr_storage_index: '65536', pool: 'main memory' }, 64 * MiB],
      [memoryUsed.name, { hr_storage_index: '65536', pool: 'main memory' }, 27_196 * 1024],
      // 1.3.6.1.4.1.14988.1.1.3.10.0|2|330 (mtxrHlTemperature, 0.1 °C), …3.8.0|2|154 (mtxrHlVoltage, 0.1 V)
      [temperature.name, { sensor: 'temperature' }, 33],
      [voltage.name, { sensor: 'voltage' }, 15.4],
    ],
    // no mtxrHlFanSpeed1, no power supply state on this board
    absent: [fanSpeed.name, psuOk.name],
  },
  {
    // a Linux switch answering HOST-RESOURCES: 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.47196.4.1.1.1.100 (Aruba AOS-CX), no server
    name: 'aruba-cx-6300m',
    class: 'network',
    profiles: ['linux-network-memory', 'host-resources', 'entity-sensor'],
    values: [
      // 1.3.6.1.2.1.25.3.3.1.2.196608|2|16
      [cpu.name, { cpu: '196608' }, 0.16],
      // hrStorageType …2.1|6|1.3.6.1.2.1.25.2.1.2 (RAM), units …4.1|2|1024, size …5.1|2|7816596, used …6.1|2|3031132
      [memoryTotal.name, { pool: 'real' }, 7_816_596 * 1024],
      [memoryUsed.name, { pool: 'real' }, 3_031_132 * 1024],
      [memoryUtilisation.name, { pool: 'real' }, 3_031_132 / 7_816_596],
      // entPhySensorValue 1.3.6.1.2.1.99.1.1.1.4.107001|2|24500, type …1.107001|2|8 (celsius), scale …2|2|8 (milli), precision 0
      [temperature.name, { ent_physical_index: '107001' }, 24.5],
      // …4.107101|2|3969, type …1.107101|2|10 (rpm), scale …2.107101|2|9 (units)
      [fanSpeed.name, { ent_physical_index: '107101' }, 3969],
    ],
    // Virtual memory (…2.3|6|…25.2.1.3) is no memory pool
    counts: { [memoryTotal.name]: 1, [memoryUsed.name]: 1 },
  },
  {
    // Cumulus Linux (1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.40310) answers both hrStorage RAM and UCD memTotalReal: memory once
    name: 'cumulus-as4610',
    class: 'network',
    profiles: ['linux-network-memory', 'host-resources', 'ucd-snmp'],
    values: [
      // 1.3.6.1.2.1.25.2.3.1.5.1|2|1999888 × …4.1|2|1024; the same figure as 1.3.6.1.4.1.2021.4.5.0|2|1999888 (kB)
      [memoryTotal.name, { pool: 'real' }, 1_999_888 * 1024],
      // …6.1|2|763868
      [memoryUsed.name, { pool: 'real' }, 763_868 * 1024],
      [memoryUtilisation.name, { pool: 'real' }, 763_868 / 1_999_888],
      // 1.3.6.1.4.1.2021.11.11.0|2|69 (ssCpuIdle) → 1 − 0.69; 1.3.6.1.2.1.25.3.3.1.2.196608|2|32
      [cpu.name, { cpu: 'total' }, 0.31],
      [cpu.name, { cpu: '196608' }, 0.32],
      // 1.3.6.1.2.1.1.3.0|67|87052616
      [uptime.name, {}, 870_526.16],
    ],
    counts: { [memoryTotal.name]: 1, [memoryUsed.name]: 1, [memoryUtilisation.name]: 1 },
  },
  {
    name: 'huawei-ac6605',
    class: 'network',
    profiles: ['huawei'],
    values: [
      // 1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5.9|2|7 (hwEntityCpuUsage); entPhysicalName 1.3.6.1.2.1.47.1.1.1.1.7.9|4|SRU Board 0
      [cpu.name, { ent_physical_index: '9', module: 'SRU Board 0' }, 0.07],
      // …9.9|2|-1535721472 (hwEntityMemSize, an Integer32 wrapped): 2^32 − 1535721472 = 2759245824 bytes; …19.9|2|0 (no MemSizeMega)
      [memoryTotal.name, { ent_physical_index: '9', module: 'SRU Board 0' }, 2 ** 32 - 1_535_721_472],
      // × …7.9|2|36 (hwEntityMemUsage, percent)
      [memoryUsed.name, { ent_physical_index: '9', module: 'SRU Board 0' }, (2 ** 32 - 1_535_721_472) * 0.36],
      // …11.9|2|40
      [temperature.name, { ent_physical_index: '9', module: 'SRU Board 0' }, 40],
    ],
    // …11.718|2|2147483647: a port without a sensor, a sentinel
    absentSeries: [[temperature.name, { ent_physical_index: '718' }]],
    counts: { [temperature.name]: 1, [memoryTotal.name]: 1 },
  },
  {
    name: 'arista-7050tx',
    class: 'network',
    profiles: ['arista', 'entity-sensor'],
    values: [
      // 1.3.6.1.2.1.99.1.1.1.4.100006001|2|533, type …1|2|8 (celsius), scale …2|2|9, precision …3|2|1 → 53.3 °C;
      // entPhysicalName …47.1.1.1.1.7.100006001|4| (empty) → entPhysicalDescr …2.100006001|4|Cpu temp sensor
      [temperature.name, { ent_physical_index: '100006001', sensor: 'Cpu temp sensor' }, 53.3],
      // …4.100301213|2|1, type 6 (watts), scale …2|2|8 (milli), precision …3|2|4 → 1 × 10^-3 ÷ 10^4 W
      [VENDOR.entitySensorPower.name, { ent_physical_index: '100301213', sensor: 'DOM RX Power Sensor for Ethernet1' }, 1e-7],
    ],
    // …4.100302213|2|-1000000000 (no light) → −100 W: never negative, left out
    absentSeries: [[VENDOR.entitySensorPower.name, { ent_physical_index: '100302213' }]],
  },
  {
    name: 'cisco-c8500-supply',
    class: 'network',
    profiles: ['cisco', 'cisco-entity-sensor', 'entity-sensor'],
    values: [
      // 1.3.6.1.4.1.9.9.91.1.1.1.1.4.4|2|0, type …1.4|2|4 (voltsDC), scale 9, precision 0; entPhysicalName "Vin  P0/0"
      [voltage.name, { ent_physical_index: '4', sensor: 'Vin P0/0' }, 0],
    ],
    // …4.64|2|232500 with scale 9 (units): 232,500 V on a supply input is a misdeclared scale, left out
    absentSeries: [[voltage.name, { ent_physical_index: '64' }]],
  },
  {
    // Cisco Small Business (1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.9.6.1.94.24.5): RADLAN CPU, no CISCO-PROCESS-MIB
    name: 'cisco-sg350x-24p',
    class: 'network',
    profiles: ['cisco', 'cisco-sb'],
    // 1.3.6.1.4.1.9.6.1.101.1.8.0|2|53 (rlCpuUtilDuringLastMinute; no 5-minute figure recorded)
    values: [[cpu.name, { cpu: 'total' }, 0.53]],
  },
  {
    // Dell PowerConnect 8024F (FASTPATH): 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.674.10895.3024
    name: 'dell-powerconnect-8024f',
    class: 'network',
    profiles: ['dell-powerconnect'],
    // 1.3.6.1.4.1.674.10895.5000.2.6132.1.1.1.1.4.9.0|4| 5 Secs ( 35.27%) 60 Secs ( 33.01%) 300 Secs ( 32.74%)
    values: [[cpu.name, { cpu: 'total' }, 0.3274]],
    counts: { [cpu.name]: 1 },
  },
  {
    // Dell PowerConnect 5424 (RADLAN): 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.674.10895.3020
    name: 'dell-powerconnect-5424',
    class: 'network',
    profiles: ['dell-powerconnect'],
    // 1.3.6.1.4.1.89.1.7.0|2|96 (rlCpuUtilDuringLastSecond, the only figure recorded)
    values: [[cpu.name, { cpu: 'total' }, 0.96]],
  },
  {
    name: 'dlink-des3526',
    class: 'network',
    profiles: ['dlink'],
    values: [
      // no agentCPUutilizationIn5min: 1.3.6.1.4.1.171.12.1.1.6.1.0|2|24 (agentCPUutilizationIn5sec)
      [cpu.name, { cpu: 'total' }, 0.24],
      // 1.3.6.1.4.1.171.12.1.1.9.1.4.1|2|59 (agentDRAMutilization, percent)
      [memoryUtilisation.name, { unit: '1' }, 0.59],
    ],
  },
  {
    name: 'huawei-ar169',
    class: 'network',
    profiles: ['huawei'],
    values: [
      // 1.3.6.1.4.1.2011.5.25.31.1.1.1.1.19.9|2|414 (hwEntityMemSizeMega) over …9.9|2|197133632 (hwEntityMemSize, short of the board)
      [memoryTotal.name, { ent_physical_index: '9', module: 'SRU Board 0' }, 414 * MiB],
      // × …7.9|2|58 (hwEntityMemUsage, percent)
      [memoryUsed.name, { ent_physical_index: '9', module: 'SRU Board 0' }, 414 * MiB * 0.58],
      [memoryUtilisation.name, { ent_physical_index: '9', module: 'SRU Board 0' }, 0.58],
      // …5.9|2|24 (hwEntityCpuUsage)
      [cpu.name, { ent_physical_index: '9', module: 'SRU Board 0' }, 0.24],
    ],
  },
];

describe('network devices of the blind audit, through the real collector', () => {
  it.each(ROWS)('$name is $class with its values', async (row) => {
    const polled = await recordings.poll(row.name);
    const info = expectClass(polled, row.class);
    const profiles = info.profiles!.split(',');
    for (const p of row.profiles ?? []) expect(profiles).toContain(p);
    for (const p of row.notProfiles ?? []) expect(profiles).not.toContain(p);
    checkRecording(polled.samples, row, { exactlyOne: true });
  }, TEST_TIMEOUT_MS);
});

describe('unsigned: an Integer32 the agent wraps', () => {
  const metric = profileSchema.shape.metrics.unwrap().element.parse({ name: memoryTotal.name, walk: '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.9', sentinels: [0, -1], unsigned: true });
  const vb = (value: number) => ({ oid: '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.9.9', type: 2, value });
  it('reads a negative value as its unsigned twin, after the sentinels matched the value as sent', () => {
    expect(rawOf(metric, vb(-1_535_721_472))).toBe(2_759_245_824);
    expect(rawOf(metric, vb(-1))).toBe('sentinel');
    expect(rawOf(metric, vb(1_073_741_824))).toBe(1_073_741_824);
    expect(rawOf({ ...metric, unsigned: false }, vb(-1_535_721_472))).toBe(-1_535_721_472);
  });
});
