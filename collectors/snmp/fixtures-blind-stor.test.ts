import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVICE, STORAGE, VENDOR_STOR2, VENDOR_STORAGE } from '../../src/metrics/names.ts';
import { profileSchema, type DeviceClass } from './profile-schema.ts';
import { parseText } from './profiles.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

/**
 * Storage devices the profiles had not seen (issue 10's blind audit, LibreNMS test data): regression
 * recordings in testdata/storage/blind (served as test/storage/blind/NAME), polled through the real
 * collector against snmpsimd with auto-detection. Every expected value was worked out by hand from the
 * .snmprec line named in its comment. Provenance: testdata/storage/README.md.
 */

const DIR = join(import.meta.dirname, 'testdata/storage/blind');

const CLASSES: Record<string, DeviceClass> = {
  // sysObjectID of the product line (storage-arrays profile)
  'ibm-ts3500-7420': 'storage', //       14851
  'fujitsu-eternus': 'storage', //       211.1.21.1.150
  'hitachi-vsp-hm800': 'storage', //     116.3.11.4.1.1
  'magnum-224': 'storage', //            3073.2.3
  'hpe-msl-g3': 'storage', //            11.10.2.1.3.25
  'exagrid-ex40000e': 'storage', //      14941.3.1.840; its hrStorage answers would make it a server on their own
  // net-snmp's or another shared sysObjectID: the sysDescr names the product (storage-arrays, isilon)
  'buffalo-ts5410r': 'storage', //       8072.3.2.10, "BUFFALO "TeraStation" …"
  'rubrik-cdm': 'storage', //            8072.3.2.10, "Linux … 4.15.0-72-rubrik6-generic …"
  'open-e': 'storage', //                8072.3.2.10, "Open-E"
  'isilon-onefs-8.0': 'storage', //      12325.1.1.2.1.1 (FreeBSD bsnmpd), "… Isilon OneFS v8.0.1.1"
  'tegile-intelliflash': 'storage', //   43906.1 (intelliflash profile)
  // Dot Hill / Seagate controllers (dothill-fa profile)
  'dell-powervault-me4084': 'storage', // 674 (Dell's bare enterprise), "DELL EMC ME4084"
  'dell-powervault-me5-degraded-invented': 'storage', // 674, "Dell EMC ME5024"
  'seagate-exos': 'storage', //           347.2.5730
  // TrueNAS SCALE: TRUENAS-MIB zpoolTable; QuantaStor: its 39324 subtree over HOST-RESOURCES
  'truenas-scale-24.04': 'storage',
  'truenas-scale-degraded-invented': 'storage',
  'dell-equallogic-ps': 'storage', //     12740.17.1
  'dell-compellent-scv3020': 'storage', // 8072.3.2.8, DELL-STORAGE-SC-MIB subtree
  'truenas-11.2-lm-sensors': 'storage', // 8072.3.2.8, FREENAS-MIB zpoolTable
  'dell-emc-datadomain-5.5': 'storage', // 19746.3.1.38 (datadomain profile)
  'quantastor-ubuntu': 'storage', //     8072.3.2.10, hrStorage answers (server) and 39324.1.1 (storage)
};

/** `gib` GiB in bytes, give or take a byte (the agent's figure has one decimal). */
const GIB = (gib: number) => ({ min: gib * 2 ** 30 - 1, max: gib * 2 ** 30 + 1 });

const CLASS_ONLY: RecordingWant = { values: [], absent: [STORAGE.diskOk.name, STORAGE.volumeSize.name, DEVICE.healthOk.name, DEVICE.temperature.name] };

/** Sizes the TRUENAS-MIB layout does not give: its columns 4-7 are I/O counters, never sizes or health. */
const NO_TRUENAS_SIZES = [STORAGE.volumeSize.name, STORAGE.volumeUsed.name];

const WANT: Record<string, RecordingWant> = {
  'tegile-intelliflash': {
    values: [
      // 43906.1.4.2.1.8.3 = 5535 (poolSizeHigh), .7.3 = 4255463424 (poolSizeLow): 5535 × 2^32 + 4255463424
      [STORAGE.volumeSize.name, { index: '3', volume: 'pool-a' }, 23_776_899_446_784],
      // .10.3 = 1920 (poolUsedSizeHigh), .9.3 = 0: 1920 × 2^32
      [STORAGE.volumeUsed.name, { index: '3', volume: 'pool-a' }, 8_246_337_208_320],
      // .8.1 = 58, .7.1 = 272935424: 58 × 2^32 + 272935424
      [STORAGE.volumeSize.name, { index: '1', volume: 'ZebiSystem-B' }, 249_381_038_592],
      [STORAGE.volumeOk.name, { index: '3', volume: 'pool-a' }, 1], // .3.3 "ONLINE"
    ],
    counts: { [STORAGE.volumeSize.name]: 3, [STORAGE.volumeUsed.name]: 3, [STORAGE.volumeOk.name]: 3 },
  },
  'ibm-ts3500-7420': CLASS_ONLY,
  'fujitsu-eternus': CLASS_ONLY,
  'hitachi-vsp-hm800': CLASS_ONLY,
  'magnum-224': CLASS_ONLY,
  'hpe-msl-g3': CLASS_ONLY,
  'buffalo-ts5410r': CLASS_ONLY,
  'rubrik-cdm': CLASS_ONLY,
  'open-e': CLASS_ONLY,
  'isilon-onefs-8.0': CLASS_ONLY,
  'exagrid-ex40000e': {
    values: [
      [DEVICE.cpuUtilisation.name, { cpu: '196608' }, 0.01], // 25.3.3.1.2.196608 = 1 (%)
      [DEVICE.storageSize.name, { hr_storage_index: '31', storage: '/' }, 36_612_746 * 4096], // 25.2.3.1.5.31 × .4.31
      [DEVICE.storageUsed.name, { hr_storage_index: '31', storage: '/' }, 2_374_794 * 4096], //  25.2.3.1.6.31 × .4.31
    ],
    absent: [STORAGE.diskOk.name, STORAGE.volumeSize.name],
  },
  'dell-powervault-me4084': {
    values: [
      // no connUnitSensorName: the sensor label is the message's text before the reading
      [DEVICE.temperature.name, { sensor_index: '1', sensor: 'CPU Temperature-Ctlr B' }, 61], // 94.1.8.1.6.<wwn>.1 "CPU Temperature-Ctlr B: 61 C 141.80F"
      [DEVICE.temperature.name, { sensor_index: '28', sensor: 'Temperature Inlet Loc: right-PSU' }, 42], // .28 "…: 42 C 107.60F"
      [DEVICE.voltage.name, { sensor_index: '11', sensor: 'Capacitor Pack Voltage-Ctlr B' }, 8.14], // .11 "…: 8.14V"
      [DEVICE.current.name, { sensor_index: '54', sensor: 'Current 12V Rail Loc: right-PSU' }, 44.57], // .54 "…: 44.57A"
      [DEVICE.current.name, { sensor_index: '56', sensor: 'Current 12V Rail Loc: left-PSU' }, 32.5], // .56 "…: 32.50A"
      [DEVICE.healthOk.name, { component: 'system', sensor_index: '23', sensor: 'Overall Unit Status' }, 1], // .23 "Overall Unit Status: OK"
    ],
    // .21 "Capacitor Charge-Ctlr B: 98%" is no temperature, voltage or current
    counts: { [DEVICE.temperature.name]: 2, [DEVICE.voltage.name]: 1, [DEVICE.current.name]: 2, [DEVICE.healthOk.name]: 1 },
  },
  'dell-powervault-me5-degraded-invented': {
    values: [
      [DEVICE.temperature.name, { sensor_index: '1', sensor: 'CPU Temperature-Ctlr A' }, 58], // .1 "CPU Temperature-Ctlr A: 58 C 136.40F"
      [DEVICE.healthOk.name, { component: 'system', sensor_index: '3', sensor: 'Overall Unit Status' }, 0], // .3 "Overall Unit Status: Degraded"
    ],
    counts: { [DEVICE.temperature.name]: 1 }, // .2 "…: N/A" gives nothing
  },
  'seagate-exos': {
    values: [
      [DEVICE.temperature.name, { sensor_index: '1', sensor: 'CPU Temperature-Ctlr B' }, 67], // .6.<wwn>.1 "…: 67 C 152.60F", name .3.<wwn>.1
      [DEVICE.temperature.name, { sensor_index: '40', sensor: 'Front-Right Baseplane Temp Loc: Drawer' }, 23], // .40 "…Drawer: 23 C 73.40F"
      [DEVICE.voltage.name, { sensor_index: '13', sensor: 'Capacitor Pack Voltage-Ctlr B' }, 10.76], // .13 "…: 10.76V"
      [DEVICE.current.name, { sensor_index: '62', sensor: 'Current 12V Rail Loc: right-PSU' }, 33.67], // .62 "…: 33.67A"
      [DEVICE.healthOk.name, { component: 'system', sensor_index: '29', sensor: 'Overall Unit Status' }, 1], // .29 "Overall Unit Status: OK", name .3.<wwn>.29
    ],
    counts: { [DEVICE.temperature.name]: 2 },
  },
  'truenas-scale-24.04': {
    values: [
      [STORAGE.volumeOk.name, { index: '1', volume: 'boot-pool' }, 1], //  50536.1.1.1.1.3.1 "ONLINE"
      [STORAGE.volumeOk.name, { index: '2', volume: 'juandipool' }, 1], // .3.2 "ONLINE" (.7.2 zpoolWriteBytes 6723059712 is no health)
      [VENDOR_STORAGE.truenasPoolHealth.name, { index: '2', volume: 'juandipool', health: 'online' }, 1],
      [VENDOR_STORAGE.truenasPoolHealth.name, { index: '2', volume: 'juandipool', health: 'degraded' }, 0],
    ],
    absent: NO_TRUENAS_SIZES,
    counts: { [STORAGE.volumeOk.name]: 2, [VENDOR_STORAGE.truenasPoolHealth.name]: 12 },
  },
  'truenas-scale-degraded-invented': {
    values: [
      [STORAGE.volumeOk.name, { index: '1', volume: 'boot-pool' }, 1], // .3.1 "ONLINE" (.7.1 = 0 would read online in FREENAS-MIB)
      [STORAGE.volumeOk.name, { index: '2', volume: 'tank' }, 0], //      .3.2 "DEGRADED"
      [VENDOR_STORAGE.truenasPoolHealth.name, { index: '2', volume: 'tank', health: 'degraded' }, 1],
      [VENDOR_STORAGE.truenasPoolHealth.name, { index: '2', volume: 'tank', health: 'online' }, 0],
    ],
    absent: NO_TRUENAS_SIZES,
    counts: { [STORAGE.volumeOk.name]: 2 },
  },
  'dell-equallogic-ps': {
    values: [
      [DEVICE.healthOk.name, { group: '1', member: '1841966935', component: 'member' }, 1], // 12740.2.1.5.1.1.1.1841966935 = 1 (normal)
      [DEVICE.temperature.name, { group: '1', member: '1841966935', index: '4', sensor: 'Control module 0 processor' }, 73], // 12740.2.1.6.1.3.1.1841966935.4 = 73
    ],
  },
  'dell-compellent-scv3020': {
    values: [
      [DEVICE.healthOk.name, { component: 'system' }, 1], //                      674.11000.2000.500.1.2.6.0 = 3 (ok)
      [STORAGE.fanOk.name, { controller_index: '1', index: '3', part: 'controller', fan: 'Fan 3' }, 1], // …2.16.1.3.1.3 = 1 (up), name .16.1.4.1.3
      [DEVICE.fanSpeed.name, { controller_index: '1', index: '3', part: 'controller', fan: 'Fan 3' }, 6120], // …2.16.1.5.1.3 = 6120 rpm
      [DEVICE.fanSpeed.name, { controller_index: '1', index: '1', part: 'controller', fan: 'Fan 1' }, 5880], // …2.16.1.5.1.1 = 5880 rpm
      [STORAGE.psuOk.name, { controller_index: '1', index: '2', part: 'controller', psu: 'Power Supply 2' }, 1], // …2.17.1.3.1.2 = 1 (up)
    ],
    counts: { [STORAGE.fanOk.name]: 4, [DEVICE.fanSpeed.name]: 4, [STORAGE.psuOk.name]: 2 },
  },
  'truenas-11.2-lm-sensors': {
    values: [
      [DEVICE.temperature.name, { lm_index: '1', sensor: 'CPU0' }, 27.9], // 2021.13.16.2.1.3.1 = 27900 (m°C), name .2.1
      [DEVICE.temperature.name, { lm_index: '6', sensor: 'ada0' }, 31], //   2021.13.16.2.1.3.6 = 31000
      [STORAGE.volumeOk.name, { index: '2', volume: 'tank' }, 1], //          50536.1.1.1.1.7.2 = 0 (online); .3.2 = 131072 (FREENAS-MIB layout)
    ],
    counts: { [DEVICE.temperature.name]: 6, [STORAGE.volumeSize.name]: 2 },
  },
  'dell-emc-datadomain-5.5': {
    values: [
      // 19746.1.3.2.1.1.4.2 "21247.7" GiB (fileSystemSpaceSize), name .3.2 "/data: post-comp"
      [STORAGE.volumeSize.name, { index: '2', volume: '/data: post-comp' }, GIB(21247.7)],
      [STORAGE.volumeUsed.name, { index: '2', volume: '/data: post-comp' }, GIB(4836)], // .5.2 "4836.0"
      [STORAGE.volumeSize.name, { index: '1', volume: '/ddvar' }, GIB(132.9)], //          .4.1 "132.9"
    ],
    // .3.3 "/data: pre-comp" (size "0.0", used "275940.0": data before compression) is left out
    absentSeries: [[STORAGE.volumeUsed.name, { volume: '/data: pre-comp' }]],
    counts: { [STORAGE.volumeSize.name]: 3, [STORAGE.volumeUsed.name]: 3 },
  },
  'quantastor-ubuntu': {
    values: [
      [STORAGE.diskOk.name, { index: '0', disk: 'Disk (1I:1:01)' }, 1], //   39324.1.1.48.1.1.5.0 = 0 (OK), name .3.0
      [STORAGE.diskOk.name, { index: '13', disk: 'Disk (2I:1:14)' }, 1], //  .5.13 = 0
      [DEVICE.temperature.name, { index: '0', disk: 'Disk (1I:1:01)', sensor: 'disk' }, 25], // .30.0 "25 C (77.00 F)"
      [DEVICE.temperature.name, { index: '2', disk: 'Disk (1I:1:03)', sensor: 'disk' }, 34], // .30.2 "34 C (93.20 F)"
      [STORAGE.volumeOk.name, { index: '1', volume: 'ssd-r5' }, 1], //       39324.1.1.7.1.1.5.1 = 0, name .3.1
      [VENDOR_STOR2.quantastorVolumeOk.name, { index: '16', lun: 'ssd-r5-os' }, 1], // 39324.1.1.3.1.1.5.16 = 0, name .3.16
      [DEVICE.cpuUtilisation.name, { cpu: '196608' }, 0.03], //              25.3.3.1.2.196608 = 3 (%)
      [DEVICE.storageUsed.name, { hr_storage_index: '36', storage: '/' }, 1_136_760 * 4096], // 25.2.3.1.6.36 × .4.36
    ],
    absent: [STORAGE.volumeSize.name, STORAGE.volumeUsed.name], // pool sizes are not read (agents send 2^63 and more)
    counts: { [STORAGE.diskOk.name]: 4, [DEVICE.temperature.name]: 4, [STORAGE.volumeOk.name]: 2, [VENDOR_STOR2.quantastorVolumeOk.name]: 2 },
  },
};

const recordings = recordingPoller({ prefix: 'test/storage/blind/' });
afterAll(() => recordings.close());
const { poll } = recordings;

describe('storage devices of the blind audit: class', () => {
  it('the class and value tables cover every recording of testdata/storage/blind', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.snmprec')).map((f) => f.slice(0, -'.snmprec'.length));
    expect(Object.keys(CLASSES).sort()).toEqual(files.sort());
    expect(Object.keys(WANT).sort()).toEqual(files.sort());
  });

  for (const [community, cls] of Object.entries(CLASSES)) {
    it(`${community}: class ${cls}`, async () => {
      expectClass(await poll(community), cls);
    });
  }
});

describe('storage devices of the blind audit: values equal the recordings', () => {
  for (const [community, want] of Object.entries(WANT)) {
    it(community, async () => {
      const { samples } = await poll(community);
      checkRecording(samples, want, { exactlyOne: true });
    });
  }
});

describe('profile fields added by the storage audit', () => {
  const parse = (yaml: string) => {
    const problems: string[] = [];
    return { profile: parseText(yaml, 'test.yaml', profileSchema, problems), problems };
  };

  it('high_low takes exactly [high, low]; sys_descr and fallback_pattern must be regular expressions; each error is located', () => {
    const { problems } = parse(
      [
        'name: t',
        'description: t',
        'detect:',
        '  sys_descr: ["(unclosed"]',
        'lookups:',
        '  - { label: sensor, oid: 1.3.6.1.4.1.1.3, fallback: 1.3.6.1.4.1.1.6, fallback_pattern: "([a-z" }',
        'metrics:',
        '  - name: slaguard_storage_volume_size_bytes',
        '    compute: { op: high_low, columns: [1.3.6.1.4.1.1.1, 1.3.6.1.4.1.1.2, 1.3.6.1.4.1.1.3] }',
      ].join('\n'),
    );
    expect(problems.join('\n')).toMatch(/test\.yaml:4:\d+: .*not a regular expression/);
    expect(problems.join('\n')).toMatch(/test\.yaml:6:\d+: .*not a regular expression/);
    expect(problems.join('\n')).toMatch(/test\.yaml:9:\d+: .*"high_low" takes two operands/);
  });
});
