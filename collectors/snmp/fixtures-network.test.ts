/**
 * The network, storage, security and server recordings of shared/fixtures/snmprec, polled through the
 * real collector against snmpsimd (test/global-setup.ts serves every recording; community = its path).
 *
 * Expected values are read by hand from the .snmprec lines quoted in the comments (OID|type|value;
 * `4x` values are hex, decoded in the comment), not from the code under test.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';
import { DEVICE, IFACE, STORAGE } from '../../src/metrics/names.ts';
import { snmpKind } from './index.ts';
import type { DeviceClass } from './profile-schema.ts';

/** The largest recording (h3c-comware, 8.6 MB) takes a few seconds in snmpsimd; leave plenty. */
const TEST_TIMEOUT_MS = 60_000;
const POLL_TIMEOUT_MS = 30_000;

const collector = snmpKind.create({ logger: undefined as never });
afterAll(() => collector.close?.());

const targetFor = (community: string) => ({
  name: `fixture:${community}`, kind: 'snmp', address: `127.0.0.1:${inject('snmpsim').port}`,
  options: snmpKind.optionsSchema.parse({ community }), intervalMs: 60_000, timeoutMs: POLL_TIMEOUT_MS, labels: {},
});

/** One poll per recording, shared by the tests below. */
const polls = new Map<string, Promise<{ samples: Sample[]; error?: CollectError }>>();
function poll(community: string): Promise<{ samples: Sample[]; error?: CollectError }> {
  let p = polls.get(community);
  if (!p) {
    p = collector.collect(targetFor(community), AbortSignal.timeout(POLL_TIMEOUT_MS)).then(
      (samples) => ({ samples }),
      (err: unknown) => {
        if (err instanceof CollectError) return { samples: [...err.samples], error: err };
        throw err;
      },
    );
    polls.set(community, p);
  }
  return p;
}

/** Auto-detection alone (what the collector does first), for recordings whose poll cannot complete. */
const series = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** The one series of `name` whose labels include `labels`. */
function one(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample {
  const found = series(samples, name, labels);
  expect(found, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
  return found[0]!;
}

/** Equal up to floating-point rounding of scale × factor. */
function expectValue(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} ≠ ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

// ---------------------------------------------------------------------------------------------
// (1) Every recording polls, and lands in the device class of its folder.
// ---------------------------------------------------------------------------------------------

interface Recording {
  community: string;
  class: DeviceClass;
  /** The vendor (or device-class) profile that must be among the detected ones. */
  profile: string;
  /**
   * LibreNMS transcriptions without sysUpTime (1.3.6.1.2.1.1.3.0): the uptime comes from
   * hrSystemUptime (1.3.6.1.2.1.25.1.1.0) instead; this is its value in the recording, in seconds.
   */
  hrSystemUptimeSeconds?: number;
}

const RECORDINGS: Recording[] = [
  { community: 'network/arista-dcs-7150s-52-cl', class: 'network', profile: 'arista' },
  { community: 'network/cisco-c3560', class: 'network', profile: 'cisco' },
  { community: 'network/dcs-3726c', class: 'network', profile: 'dcs' },
  { community: 'network/h3c-comware-7-1-075', class: 'network', profile: 'h3c' },
  { community: 'network/h3c-e528-2', class: 'network', profile: 'h3c' },
  { community: 'network/huawei-s5720', class: 'network', profile: 'huawei' },
  { community: 'network/junos', class: 'network', profile: 'juniper' },
  { community: 'network/maipu-sm4200-16gef8ge-ac', class: 'network', profile: 'maipu' },
  { community: 'network/raisecom', class: 'network', profile: 'raisecom' },
  { community: 'network/ruijie-s5750-24gt12sfp', class: 'network', profile: 'ruijie' },
  { community: 'storage/equallogic', class: 'storage', profile: 'equallogic' },
  { community: 'storage/isilon-onefs', class: 'storage', profile: 'isilon' },
  { community: 'storage/netapp-fas3270', class: 'storage', profile: 'netapp' },
  // 1.3.6.1.2.1.25.1.1.0|67|95390646
  { community: 'storage/qnap', class: 'storage', profile: 'qnap', hrSystemUptimeSeconds: 953_906.46 },
  { community: 'security/netentsec-ngfw', class: 'firewall', profile: 'netentsec' },
  { community: 'security/nsfocus-osms', class: 'firewall', profile: 'nsfocus' },
  { community: 'security/paloalto-pa-5000', class: 'firewall', profile: 'paloalto' },
  { community: 'security/sangfor-ad1800-fp2', class: 'firewall', profile: 'sangfor' },
  { community: 'security/topsec-ngfw4000-uf', class: 'firewall', profile: 'topsec' },
  { community: 'security/venus-vsos-v0600r0705b20180507', class: 'firewall', profile: 'venus' },
  { community: 'server/hp-onboard-administrator', class: 'server', profile: 'hp-onboard-administrator' },
  { community: 'server/ibm-x3550-m3', class: 'server', profile: 'ibm-imm' },
  { community: 'server/linux-netsnmp', class: 'server', profile: 'host-resources' },
  // 1.3.6.1.2.1.25.1.1.0|67|3834774601
  { community: 'server/openwrt', class: 'server', profile: 'host-resources', hrSystemUptimeSeconds: 38_347_746.01 },
  { community: 'server/server-2003-5-2', class: 'server', profile: 'host-resources' },
];

describe('network, storage, security and server recordings through the real collector', () => {
  it.each(RECORDINGS)('$community polls without error as $class', async (r) => {
    const { samples, error } = await poll(r.community);
    expect(error).toBeUndefined();
    const info = one(samples, DEVICE.info.name);
    expect(info.labels.class).toBe(r.class);
    expect(info.labels.profiles!.split(',')).toContain(r.profile);
    if (r.hrSystemUptimeSeconds !== undefined) expect(one(samples, DEVICE.uptime.name).value).toBeCloseTo(r.hrSystemUptimeSeconds, 2);
    else expect(one(samples, DEVICE.uptime.name).value).toBeGreaterThan(0);
  }, TEST_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// (2) Normalised values of the network recordings, expected values from the .snmprec lines.
// ---------------------------------------------------------------------------------------------

interface Iface {
  if_index: string;
  if_name: string;
  /** Interface speed in bit/s as recorded (ifHighSpeed × 10⁶); exported as bytes/s (÷ 8). */
  speed: number;
  /** slaguard_interface_oper_up */
  up: 0 | 1;
  /** slaguard_interface_in_octets_total (raw counter) */
  inOctets: number;
}
type Series = [metric: string, labels: Record<string, string>, value: number];

const NETWORK: Array<{ community: string; ifaces: Iface[]; device: Series[] }> = [
  {
    community: 'network/arista-dcs-7150s-52-cl',
    ifaces: [
      // 1.3.6.1.2.1.31.1.1.1.1.2|4|Ethernet2        1.3.6.1.2.1.31.1.1.1.15.2|66|1000
      // 1.3.6.1.2.1.2.2.1.8.2|2|1                   1.3.6.1.2.1.31.1.1.1.6.2|70|2993597393618
      { if_index: '2', if_name: 'Ethernet2', speed: 1e9, up: 1, inOctets: 2993597393618 },
      // ifHighSpeed wins over a saturated ifSpeed:
      // 1.3.6.1.2.1.31.1.1.1.1.5|4|Ethernet5        1.3.6.1.2.1.31.1.1.1.15.5|66|10000
      // 1.3.6.1.2.1.2.2.1.5.5|66|4294967295          1.3.6.1.2.1.2.2.1.8.5|2|1
      // 1.3.6.1.2.1.31.1.1.1.6.5|70|5325394728
      { if_index: '5', if_name: 'Ethernet5', speed: 1e10, up: 1, inOctets: 5325394728 },
      // notPresent(6) is not up:
      // 1.3.6.1.2.1.31.1.1.1.1.1|4|Ethernet1        1.3.6.1.2.1.31.1.1.1.15.1|66|10000
      // 1.3.6.1.2.1.2.2.1.8.1|2|6                   1.3.6.1.2.1.31.1.1.1.6.1|70|0
      { if_index: '1', if_name: 'Ethernet1', speed: 1e10, up: 0, inOctets: 0 },
    ],
    device: [
      // HOST-RESOURCES: 1.3.6.1.2.1.25.3.3.1.2.1|2|13   1.3.6.1.2.1.25.3.3.1.2.2|2|12
      [DEVICE.cpuUtilisation.name, { cpu: '1' }, 0.13],
      [DEVICE.cpuUtilisation.name, { cpu: '2' }, 0.12],
      // ARISTA-IF-MIB: 1.3.6.1.4.1.30065.3.15.1.1.1.8.2|65|8 (aristaIfOperStatusChanges, Ethernet2)
      ['slaguard_arista_interface_oper_status_changes_total', { if_index: '2', if_name: 'Ethernet2' }, 8],
      // ENTITY-SENSOR with precision: 1.3.6.1.2.1.99.1.1.1.4.100006001|2|282, type …1.1.…|2|8 (celsius),
      // scale …2.…|2|9 (units), precision …3.…|2|1; entPhysicalName empty, entPhysicalDescr
      // 1.3.6.1.2.1.47.1.1.1.1.2.100006001|4x|4370752074656d702073656e736f72 (Cpu temp sensor)
      [DEVICE.temperature.name, { ent_physical_index: '100006001', sensor: 'Cpu temp sensor' }, 28.2],
      // milli and precision 2: 1.3.6.1.2.1.99.1.1.1.4.100305211|2|509, type …|2|5 (amperes), scale …|2|8 (milli),
      // precision …|2|2 → 5.09 mA; 1.3.6.1.2.1.47.1.1.1.1.2.100305211|4x|…(DOM TX Bias Sensor for Ethernet5)
      [DEVICE.current.name, { ent_physical_index: '100305211', sensor: 'DOM TX Bias Sensor for Ethernet5' }, 0.00509],
    ],
  },
  {
    community: 'network/cisco-c3560',
    ifaces: [
      // 1.3.6.1.2.1.31.1.1.1.1.10149|4x|4769302f3439 (Gi0/49)   1.3.6.1.2.1.31.1.1.1.15.10149|66|1000
      // 1.3.6.1.2.1.2.2.1.8.10149|2|1            1.3.6.1.2.1.31.1.1.1.6.10149|70|1050166720685
      { if_index: '10149', if_name: 'Gi0/49', speed: 1e9, up: 1, inOctets: 1050166720685 },
      // 1.3.6.1.2.1.31.1.1.1.1.10101|4x|4769302f31 (Gi0/1)      1.3.6.1.2.1.31.1.1.1.15.10101|66|10
      // 1.3.6.1.2.1.2.2.1.8.10101|2|2            1.3.6.1.2.1.31.1.1.1.6.10101|70|0
      { if_index: '10101', if_name: 'Gi0/1', speed: 1e7, up: 0, inOctets: 0 },
      // no ifHCInOctets row for Null0: the 32-bit column is used
      // 1.3.6.1.2.1.31.1.1.1.1.10501|4|Nu0      1.3.6.1.2.1.31.1.1.1.15.10501|66|10000
      // 1.3.6.1.2.1.2.2.1.8.10501|2|1            1.3.6.1.2.1.2.2.1.10.10501|65|0
      { if_index: '10501', if_name: 'Nu0', speed: 1e10, up: 1, inOctets: 0 },
    ],
    device: [
      // 1.3.6.1.4.1.9.9.109.1.1.1.1.8.1|66|28 (cpmCPUTotal5minRev)
      [DEVICE.cpuUtilisation.name, { cpu: '1' }, 0.28],
      // 1.3.6.1.4.1.9.9.48.1.1.1.2.1|4|Processor   1.3.6.1.4.1.9.9.48.1.1.1.5.1|66|22188980 (ciscoMemoryPoolUsed)
      [DEVICE.memoryUsed.name, { pool: 'Processor' }, 22188980],
      // total = used + free: …48.1.1.1.6.1|66|53499780 (ciscoMemoryPoolFree) → 22188980 + 53499780
      [DEVICE.memoryTotal.name, { pool: 'Processor' }, 75_688_760],
      [DEVICE.memoryUtilisation.name, { pool: 'Processor' }, 22_188_980 / 75_688_760],
      // …48.1.1.1.2.2|4x|492f4f (I/O)   …5.2|66|3640984   …6.2|66|4747624 → 8388608 bytes, 0.434…
      [DEVICE.memoryTotal.name, { pool: 'I/O' }, 8_388_608],
      [DEVICE.memoryUtilisation.name, { pool: 'I/O' }, 3_640_984 / 8_388_608],
      // 1.3.6.1.4.1.9.9.13.1.3.1.3.1005|66|61 (ciscoEnvMonTemperatureStatusValue)
      [DEVICE.temperature.name, { index: '1005' }, 61],
      // 1.3.6.1.4.1.9.9.13.1.4.1.3.1004|2|1 (ciscoEnvMonFanState normal)
      [STORAGE.fanOk.name, { index: '1004' }, 1],
    ],
  },
  {
    community: 'network/dcs-3726c',
    ifaces: [
      // 1.3.6.1.2.1.31.1.1.1.1.1|4|Port1   1.3.6.1.2.1.31.1.1.1.15.1|66|100
      // 1.3.6.1.2.1.2.2.1.8.1|2|1          1.3.6.1.2.1.31.1.1.1.6.1|70|11337975755
      { if_index: '1', if_name: 'Port1', speed: 1e8, up: 1, inOctets: 11337975755 },
    ],
    device: [],
  },
  {
    community: 'network/h3c-comware-7-1-075',
    ifaces: [
      // 1.3.6.1.2.1.31.1.1.1.1.3|4x|…31 2f 30 2f 30 2f 33 (Ten-GigabitEthernet1/0/0/3)   1.3.6.1.2.1.31.1.1.1.15.3|66|10000
      // 1.3.6.1.2.1.2.2.1.8.3|2|1          1.3.6.1.2.1.31.1.1.1.6.3|70|742363066765779
      { if_index: '3', if_name: 'Ten-GigabitEthernet1/0/0/3', speed: 1e10, up: 1, inOctets: 742363066765779 },
      // 1.3.6.1.2.1.31.1.1.1.1.7|4x|…2f 37 (Ten-GigabitEthernet1/0/0/7)   1.3.6.1.2.1.31.1.1.1.15.7|66|10000
      // 1.3.6.1.2.1.2.2.1.8.7|2|2          1.3.6.1.2.1.31.1.1.1.6.7|70|0
      { if_index: '7', if_name: 'Ten-GigabitEthernet1/0/0/7', speed: 1e10, up: 0, inOctets: 0 },
    ],
    device: [
      // 1.3.6.1.2.1.47.1.1.1.1.7.1432|4x|426f6172642030 (Board 0)
      // 1.3.6.1.4.1.25506.2.6.1.1.1.1.6.1432|2|24 (hh3cEntityExtCpuUsage)
      [DEVICE.cpuUtilisation.name, { ent_physical_index: '1432', module: 'Board 0' }, 0.24],
      // 1.3.6.1.4.1.25506.2.6.1.1.1.1.8.1432|2|55 (hh3cEntityExtMemUsage)
      [DEVICE.memoryUtilisation.name, { ent_physical_index: '1432' }, 0.55],
      // 1.3.6.1.4.1.25506.2.6.1.1.1.1.32.1432|70|1007939584 (hh3cEntityExtMemSizeRev)
      [DEVICE.memoryTotal.name, { ent_physical_index: '1432' }, 1007939584],
      // 1007939584 × 55 %
      [DEVICE.memoryUsed.name, { ent_physical_index: '1432' }, 554366771.2],
      // the 32-bit size saturates, the 64-bit one is used:
      // 1.3.6.1.2.1.47.1.1.1.1.7.1436|4x|4d617374657220426f6172642034 (Master Board 4)
      // 1.3.6.1.4.1.25506.2.6.1.1.1.1.10.1436|66|4294967295   1.3.6.1.4.1.25506.2.6.1.1.1.1.32.1436|70|8345186304
      [DEVICE.memoryTotal.name, { ent_physical_index: '1436', module: 'Master Board 4' }, 8345186304],
      // 1.3.6.1.4.1.25506.2.6.1.1.1.1.8.1436|2|15 → 8345186304 × 15 %
      [DEVICE.memoryUsed.name, { ent_physical_index: '1436' }, 1251777945.6],
      // 1.3.6.1.4.1.25506.2.6.1.1.1.1.12.1432|2|37 (hh3cEntityExtTemperature)
      [DEVICE.temperature.name, { ent_physical_index: '1432' }, 37],
    ],
  },
  {
    community: 'network/h3c-e528-2',
    ifaces: [
      // 1.3.6.1.2.1.31.1.1.1.1.24|4x|…2f 32 34 (GigabitEthernet1/0/24)   1.3.6.1.2.1.31.1.1.1.15.24|66|1000
      // 1.3.6.1.2.1.2.2.1.8.24|2|1         1.3.6.1.2.1.31.1.1.1.6.24|70|3522160880
      { if_index: '24', if_name: 'GigabitEthernet1/0/24', speed: 1e9, up: 1, inOctets: 3522160880 },
      // a down port reports ifHighSpeed 0 (ifSpeed 1000000000 is not used when ifHighSpeed answers):
      // 1.3.6.1.2.1.31.1.1.1.1.1|4x|…2f 31 (GigabitEthernet1/0/1)   1.3.6.1.2.1.31.1.1.1.15.1|66|0
      // 1.3.6.1.2.1.2.2.1.8.1|2|2          1.3.6.1.2.1.31.1.1.1.6.1|70|32837438
      { if_index: '1', if_name: 'GigabitEthernet1/0/1', speed: 0, up: 0, inOctets: 32837438 },
    ],
    device: [
      // (CPU of entity 30 is a snmpsim "numeric" variation, checked for range below)
      // 1.3.6.1.4.1.25506.2.6.1.1.1.1.8.30|2|55
      [DEVICE.memoryUtilisation.name, { ent_physical_index: '30' }, 0.55],
      // no hh3cEntityExtMemSizeRev here: 1.3.6.1.4.1.25506.2.6.1.1.1.1.10.30|2|68492960
      [DEVICE.memoryTotal.name, { ent_physical_index: '30' }, 68492960],
      [DEVICE.memoryUsed.name, { ent_physical_index: '30' }, 37671128],
      // 1.3.6.1.4.1.25506.2.6.1.1.1.1.12.30|2|40
      [DEVICE.temperature.name, { ent_physical_index: '30' }, 40],
    ],
  },
  {
    community: 'network/huawei-s5720',
    ifaces: [
      // 1.3.6.1.2.1.31.1.1.1.1.6|4x|…30 2f 30 2f 31 (GigabitEthernet0/0/1)   1.3.6.1.2.1.31.1.1.1.15.6|66|1000
      // 1.3.6.1.2.1.2.2.1.8.6|2|1          1.3.6.1.2.1.31.1.1.1.6.6|70|1203112422915
      { if_index: '6', if_name: 'GigabitEthernet0/0/1', speed: 1e9, up: 1, inOctets: 1203112422915 },
      // 1.3.6.1.2.1.31.1.1.1.1.10|4x|…2f 35 (GigabitEthernet0/0/5)   1.3.6.1.2.1.31.1.1.1.15.10|66|100
      // 1.3.6.1.2.1.2.2.1.8.10|2|1         1.3.6.1.2.1.31.1.1.1.6.10|70|5674678856228
      { if_index: '10', if_name: 'GigabitEthernet0/0/5', speed: 1e8, up: 1, inOctets: 5674678856228 },
    ],
    device: [
      // 1.3.6.1.2.1.47.1.1.1.1.7.67108873|4x|4d505520426f6172642030 (MPU Board 0)
      // 1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5.67108873|2|38 (hwEntityCpuUsage)
      [DEVICE.cpuUtilisation.name, { ent_physical_index: '67108873', module: 'MPU Board 0' }, 0.38],
      // 1.3.6.1.4.1.2011.5.25.31.1.1.1.1.7.67108873|2|7 (hwEntityMemUsage)
      [DEVICE.memoryUtilisation.name, { ent_physical_index: '67108873' }, 0.07],
      // 1.3.6.1.4.1.2011.5.25.31.1.1.1.1.9.67108873|2|1626341376 (hwEntityMemSize)
      [DEVICE.memoryTotal.name, { ent_physical_index: '67108873' }, 1626341376],
      [DEVICE.memoryUsed.name, { ent_physical_index: '67108873' }, 113843896.32],
      // 1.3.6.1.4.1.2011.5.25.31.1.1.1.1.11.67108873|2|42 (hwEntityTemperature)
      [DEVICE.temperature.name, { ent_physical_index: '67108873' }, 42],
      // 1.3.6.1.4.1.2011.5.25.31.1.1.10.1.7.0.7|2|1 (hwEntityFanState normal)
      [STORAGE.fanOk.name, { slot: '0', fan: '7' }, 1],
    ],
  },
  {
    community: 'network/junos',
    ifaces: [], // the transcription has only ifDescr (1.3.6.1.2.1.2.2.1.2.*)
    device: [
      // 1.3.6.1.4.1.2636.3.1.13.1.5.9.1.0.0|4|Routing Engine 0
      // 1.3.6.1.4.1.2636.3.1.13.1.8.9.1.0.0|66|2 (jnxOperatingCPU)
      [DEVICE.cpuUtilisation.name, { index: '9.1.0.0', module: 'Routing Engine 0' }, 0.02],
      // 1.3.6.1.4.1.2636.3.1.13.1.8.7.2.0.0|66|4
      [DEVICE.cpuUtilisation.name, { index: '7.2.0.0', module: 'FPC: EX4200-24T, 8 POE @ 1/*/*' }, 0.04],
      // 1.3.6.1.4.1.2636.3.1.13.1.11.9.1.0.0|66|51 (jnxOperatingBuffer)
      [DEVICE.memoryUtilisation.name, { index: '9.1.0.0' }, 0.51],
      // 1.3.6.1.4.1.2636.3.1.13.1.15.9.1.0.0|2|1024 (jnxOperatingMemory, MB)
      [DEVICE.memoryTotal.name, { index: '9.1.0.0' }, 1073741824],
      [DEVICE.memoryUsed.name, { index: '9.1.0.0' }, 547608330.24],
      // 1.3.6.1.4.1.2636.3.1.13.1.7.9.1.0.0|66|32 (jnxOperatingTemp)
      [DEVICE.temperature.name, { index: '9.1.0.0' }, 32],
    ],
  },
  {
    community: 'network/maipu-sm4200-16gef8ge-ac',
    ifaces: [
      // 1.3.6.1.2.1.31.1.1.1.1.1|4x|45746865726e6574312f31 (Ethernet1/1)   1.3.6.1.2.1.31.1.1.1.15.1|66|1000
      // 1.3.6.1.2.1.2.2.1.8.1|2|1          1.3.6.1.2.1.31.1.1.1.6.1|70|87994350118
      { if_index: '1', if_name: 'Ethernet1/1', speed: 1e9, up: 1, inOctets: 87994350118 },
      // 1.3.6.1.2.1.31.1.1.1.1.2|4x|45746865726e6574312f32 (Ethernet1/2)   1.3.6.1.2.1.31.1.1.1.15.2|66|0
      // 1.3.6.1.2.1.2.2.1.8.2|2|2          1.3.6.1.2.1.31.1.1.1.6.2|70|0
      { if_index: '2', if_name: 'Ethernet1/2', speed: 0, up: 0, inOctets: 0 },
    ],
    device: [],
  },
  {
    community: 'network/raisecom',
    ifaces: [], // no IF-MIB in the transcription
    device: [
      // 1.3.6.1.4.1.8886.1.1.1.3.1.2.1.2.3|2|6 (raisecomTotalCPUUtilization.oneMin)
      [DEVICE.cpuUtilisation.name, { cpu: 'total' }, 0.06],
      // 1.3.6.1.4.1.8886.1.1.4.2.1.0|2|33 (raisecomTemperatureValue)
      [DEVICE.temperature.name, { sensor: 'device' }, 33],
      // 1.3.6.1.4.1.8886.1.1.4.3.1.1.3.1|2|3266 (raisecomVoltValue, mV)
      [DEVICE.voltage.name, { sensor: '1' }, 3.266],
      // 1.3.6.1.4.1.8886.1.1.5.2.2.1.2.1|66|7440 (raisecomFanSpeedValue)
      [DEVICE.fanSpeed.name, { fan: '1' }, 7440],
    ],
  },
  {
    community: 'network/ruijie-s5750-24gt12sfp',
    ifaces: [
      // 1.3.6.1.2.1.31.1.1.1.1.1|4x|4769302f31 (Gi0/1)   1.3.6.1.2.1.31.1.1.1.15.1|66|1000
      // 1.3.6.1.2.1.2.2.1.8.1|2|1          1.3.6.1.2.1.31.1.1.1.6.1|70|4568779854116
      { if_index: '1', if_name: 'Gi0/1', speed: 1e9, up: 1, inOctets: 4568779854116 },
      // 1.3.6.1.2.1.31.1.1.1.1.3|4x|4769302f33 (Gi0/3)   1.3.6.1.2.1.31.1.1.1.15.3|66|1000
      // 1.3.6.1.2.1.2.2.1.8.3|2|2          1.3.6.1.2.1.31.1.1.1.6.3|70|55007087903
      { if_index: '3', if_name: 'Gi0/3', speed: 1e9, up: 0, inOctets: 55007087903 },
    ],
    device: [
      // 1.3.6.1.4.1.4881.1.1.10.2.36.1.2.1.2.1|4x|6e756d6265722031 (number 1)
      // 1.3.6.1.4.1.4881.1.1.10.2.36.1.2.1.5.1|2|37 (ruijieNodeCPUTotal5min)
      [DEVICE.cpuUtilisation.name, { cpu: '1', module: 'number 1' }, 0.37],
      // 1.3.6.1.4.1.4881.1.1.10.2.35.1.1.1.2.1|4|memory   …35.1.1.1.3.1|2|50 (ruijieMemoryPoolCurrentUtilization)
      [DEVICE.memoryUtilisation.name, { pool: 'memory' }, 0.5],
      // 1.3.6.1.4.1.4881.1.1.10.2.35.1.1.1.6.1|2|262144 (ruijieMemoryPoolSize, KB)
      [DEVICE.memoryTotal.name, { pool: 'memory' }, 268435456],
      // 1.3.6.1.4.1.4881.1.1.10.2.35.1.1.1.7.1|2|130012 (ruijieMemoryPoolUsed, KB)
      [DEVICE.memoryUsed.name, { pool: 'memory' }, 133132288],
    ],
  },
];

describe('normalised values of the network recordings', () => {
  it.each(NETWORK)('$community', async ({ community, ifaces, device }) => {
    const { samples, error } = await poll(community);
    expect(error).toBeUndefined();
    for (const i of ifaces) {
      const at = { if_index: i.if_index };
      const speed = one(samples, IFACE.speed.name, at);
      expect(speed.labels.if_name).toBe(i.if_name);
      expect(speed.value).toBe(i.speed / 8);
      expect(one(samples, IFACE.operUp.name, at)).toMatchObject({ value: i.up, labels: { if_name: i.if_name } });
      expect(one(samples, IFACE.inOctets.name, at)).toMatchObject({ value: i.inOctets, kind: 'counter', labels: { if_name: i.if_name } });
    }
    for (const [metric, labels, value] of device) expectValue(one(samples, metric, labels).value, value, `${metric} ${JSON.stringify(labels)}`);
  }, TEST_TIMEOUT_MS);

  it('h3c-e528-2: the CPU of a snmpsim "numeric" variation is a ratio', async () => {
    // 1.3.6.1.4.1.25506.2.6.1.1.1.1.6.30|2:numeric|max=100,wrap=1,scale=0,offset=50,deviation=50
    // the variation reads 0 now and then, and a 0 is how a non-board entity answers (no series): fresh polls
    // (not the poll the other tests share) until one reads above 0
    let cpu: Sample[] = [];
    for (let i = 0; i < 5 && cpu.length === 0; i++) {
      const samples = await collector.collect(targetFor('network/h3c-e528-2'), AbortSignal.timeout(POLL_TIMEOUT_MS));
      cpu = series(samples, DEVICE.cpuUtilisation.name, { ent_physical_index: '30' });
    }
    expect(cpu).toHaveLength(1);
    expect(cpu[0]!.value).toBeGreaterThan(0);
    expect(cpu[0]!.value).toBeLessThanOrEqual(1);
  }, TEST_TIMEOUT_MS);

  it('entities that are not boards (CPU, memory and temperature 0) give no series', async () => {
    // 1.3.6.1.4.1.25506.2.6.1.1.1.1.6.3745|2|0 (a sub-slot container of h3c-comware)
    const { samples } = await poll('network/h3c-comware-7-1-075');
    expect(series(samples, DEVICE.cpuUtilisation.name, { ent_physical_index: '3745' })).toEqual([]);
    // huawei-s5720: one board of 63 entities answers with non-zero values
    const huawei = (await poll('network/huawei-s5720')).samples;
    expect(series(huawei, DEVICE.cpuUtilisation.name)).toHaveLength(1);
  }, TEST_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// A few vendor values of the storage, security and server recordings.
// ---------------------------------------------------------------------------------------------

const VENDOR: Array<{ community: string; series: Series[] }> = [
  {
    community: 'storage/netapp-fas3270',
    series: [
      // 1.3.6.1.4.1.789.1.2.1.3.0|2|22 (cpuBusyTimePerCent)
      [DEVICE.cpuUtilisation.name, { cpu: 'total' }, 0.22],
      // 1.3.6.1.4.1.789.1.5.4.1.2.1|4|aggr1sas   1.3.6.1.4.1.789.1.5.4.1.29.1|70|16949235920 (df64TotalKBytes)
      [STORAGE.volumeSize.name, { volume: 'aggr1sas', index: '1' }, 16949235920 * 1024],
      // 1.3.6.1.4.1.789.1.5.4.1.30.1|70|10464239496 (df64UsedKBytes)
      [STORAGE.volumeUsed.name, { index: '1' }, 10464239496 * 1024],
      // 1.3.6.1.4.1.789.1.5.4.1.20.1|2|2 (dfStatus mounted)
      [STORAGE.volumeOk.name, { index: '1' }, 1],
      // 1.3.6.1.4.1.789.1.6.2.1.2.1.1.1|4x|…(data disk 3b.02.22)   1.3.6.1.4.1.789.1.6.2.1.3.1.1.1|2|1 (raidVStatus active)
      [STORAGE.diskOk.name, { index: '1.1.1', disk: 'data disk 3b.02.22' }, 1],
      // 1.3.6.1.4.1.789.1.2.4.2.0|2|0 (envFailedFanCount)
      [STORAGE.fanOk.name, { fan: 'all' }, 1],
    ],
  },
  {
    community: 'storage/isilon-onefs',
    series: [
      // 1.3.6.1.4.1.12124.1.3.1.0|70|107084322865152 (ifsTotalBytes)
      [STORAGE.volumeSize.name, { volume: 'ifs' }, 107084322865152],
      // 1.3.6.1.4.1.12124.1.3.2.0|70|46280908808192 (ifsUsedBytes)
      [STORAGE.volumeUsed.name, { volume: 'ifs' }, 46280908808192],
      // 1.3.6.1.4.1.12124.2.52.1.4.1|4|da1   1.3.6.1.4.1.12124.2.52.1.5.1|4|HEALTHY
      ['slaguard_isilon_disk_status', { bay: '1', disk: 'da1', status: 'HEALTHY' }, 1],
      // 1.3.6.1.4.1.12124.2.54.1.3.4|4x|…(IPMI Sensor #32: BB EDGE Temp)   1.3.6.1.4.1.12124.2.54.1.4.4|4x|…(26.000000)
      [DEVICE.temperature.name, { index: '4', sensor: 'IPMI Sensor #32: BB EDGE Temp' }, 26],
      // 1.3.6.1.4.1.12124.1.1.2.0|2|0 (clusterHealth ok)
      ['slaguard_isilon_cluster_health', { status: 'ok' }, 1],
    ],
  },
  {
    community: 'storage/equallogic',
    series: [
      // a spare is a healthy disk: 1.3.6.1.4.1.12740.3.1.1.1.8.1.1841966935.20|2|2 (eqlDiskStatus spare)
      [STORAGE.diskOk.name, { group: '1', member: '1841966935', disk: '20' }, 1],
      // 1.3.6.1.4.1.12740.2.1.6.1.2.1.1841966935.4|4|Control module 0 processor   …6.1.3.1.1841966935.4|2|73
      [DEVICE.temperature.name, { index: '4', sensor: 'Control module 0 processor' }, 73],
    ],
  },
  {
    community: 'security/paloalto-pa-5000',
    series: [
      // 1.3.6.1.4.1.25461.2.1.2.3.3.0|2|81258 (panSessionActive)
      [DEVICE.sessions.name, {}, 81258],
      // ENTITY-SENSOR: 1.3.6.1.2.1.99.1.1.1.4.12|2|23, type …1.1.12|2|8 (celsius), scale …2.12|2|9 (units),
      // precision …3.12|2|0, status …5.12|2|1; 1.3.6.1.2.1.47.1.1.1.1.7.12|4x|…(Temperature @ 10G Phys [U171])
      [DEVICE.temperature.name, { ent_physical_index: '12', sensor: 'Temperature @ 10G Phys [U171]' }, 23],
    ],
  },
  {
    community: 'security/topsec-ngfw4000-uf',
    series: [
      // 1.3.6.1.4.1.14331.5.5.1.4.5.0|66|3
      [DEVICE.cpuUtilisation.name, { cpu: 'total' }, 0.03],
      // 1.3.6.1.4.1.14331.5.5.1.4.6.0|66|33
      [DEVICE.memoryUtilisation.name, { pool: 'total' }, 0.33],
    ],
  },
  {
    community: 'security/nsfocus-osms',
    series: [
      // sysObjectID 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.19849; 1.3.6.1.4.1.19849.6.2.3.0|2|33
      [DEVICE.memoryUtilisation.name, { pool: 'total' }, 0.33],
      // 1.3.6.1.4.1.19849.6.2.2.0|2|9
      ['slaguard_nsfocus_cpu_utilisation_ratio', {}, 0.09],
    ],
  },
  {
    community: 'server/hp-onboard-administrator',
    series: [
      // 1.3.6.1.4.1.232.22.2.3.1.2.1.5.1|4|Chassis   1.3.6.1.4.1.232.22.2.3.1.2.1.6.1|2|23
      [DEVICE.temperature.name, { index: '1', sensor: 'Chassis' }, 23],
      // 1.3.6.1.4.1.232.22.2.5.1.1.1.17.1|2|2 (cpqRackPowerSupplyCondition ok)
      [STORAGE.psuOk.name, { psu: '1' }, 1],
    ],
  },
  {
    community: 'server/ibm-x3550-m3',
    series: [
      // 1.3.6.1.4.1.2.3.51.3.1.1.2.1.2.1|4|Ambient Temp   1.3.6.1.4.1.2.3.51.3.1.1.2.1.3.1|2|20
      [DEVICE.temperature.name, { index: '1', sensor: 'Ambient Temp' }, 20],
      // 1.3.6.1.4.1.2.3.51.3.1.2.2.1.2.1|4|Planar 3.3V   1.3.6.1.4.1.2.3.51.3.1.2.2.1.3.1|2|3290 (mV)
      [DEVICE.voltage.name, { index: '1', rail: 'Planar 3.3V' }, 3.29],
      // 1.3.6.1.4.1.2.3.51.3.1.4.1.0|2|255 (systemHealthStat normal)
      ['slaguard_ibm_imm_system_health', { status: 'normal' }, 1],
    ],
  },
  {
    community: 'storage/qnap',
    series: [
      // 1.3.6.1.4.1.24681.1.4.1.1.1.1.5.2.1.5.1|2|0 (diskSmartInfo good)
      [STORAGE.diskOk.name, { disk: '1' }, 1],
      // 1.3.6.1.4.1.24681.1.4.1.1.1.1.5.2.1.6.14|2|50 (diskTemperture)
      [DEVICE.temperature.name, { disk: '14', sensor: 'disk' }, 50],
      // 1.3.6.1.4.1.24681.1.4.1.1.1.1.2.2.1.5.4|2|6480 (systemFanSpeed)
      [DEVICE.fanSpeed.name, { fan: '4' }, 6480],
    ],
  },
];

describe('vendor values of the storage, security and server recordings', () => {
  it.each(VENDOR)('$community', async ({ community, series: expected }) => {
    const { samples } = await poll(community);
    for (const [metric, labels, value] of expected) expectValue(one(samples, metric, labels).value, value, `${metric} ${JSON.stringify(labels)}`);
  }, TEST_TIMEOUT_MS);
});
