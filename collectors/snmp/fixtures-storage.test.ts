import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVICE, STORAGE, VENDOR, VENDOR_STORAGE } from '../../src/metrics/names.ts';
import type { DeviceClass } from './profile-schema.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

/**
 * Storage recordings (testdata/storage, served as test/storage/NAME) polled through the real collector
 * against snmpsimd, with auto-detection. Every expected value below was worked out by hand from the
 * .snmprec line named in its comment (OIDs shortened: 6574… is 1.3.6.1.4.1.6574…), never copied from
 * the code's output. Provenance of each file: testdata/storage/README.md.
 */

const DIR = join(import.meta.dirname, 'testdata/storage');
const MIB = 1_048_576;

/** What each device is; the class auto-detection must give. */
const CLASSES: Record<string, DeviceClass> = {
  // sysObjectID only (storage-arrays profile): 3PAR 12925.1, Data Domain 19746.3.1, CLARiiON 1981.1.1
  'hpe-3par-informos': 'storage',
  'dell-emc-datadomain': 'storage',
  'emc-clariion-flare': 'storage',
  'dell-powervault-md': 'storage', //  674.10893.2.102
  'dell-equallogic-2': 'storage', //  .1.3.6.1.4.1.12740.12.1.1.0 (leading dot; equallogic profile), empty sysDescr
  // net-snmp on FreeBSD (8072.3.2.8): storage from DELL-STORAGE-SC-MIB's subtree
  'dell-compellent-sc': 'storage',
  'isilon-onefs-7.1': 'storage', //    12124.1 (isilon profile); sysDescr and sysObjectID only
  // net-snmp sysObjectID, answers DDN's 6894 subtree (classes.yaml rule)
  'ddn-ddnos': 'storage',
  // sysObjectID recorded with a leading dot: .1.3.6.1.4.1.2011.2.91
  'huawei-oceanstor-ism': 'storage',
  'infortrend-ds3016': 'storage',
  'huawei-oceanstor-s5500v3': 'storage',
  'netapp-ontap-8-2-3': 'storage',
  'nimble-nimbleos-2.3': 'storage',
  // DSM answers the net-snmp sysObjectID; these two partial walks have no system group at all
  'synology-rs2211rp': 'storage',
  'synology-rs2418': 'storage',
  // answers HOST-RESOURCES too (class server on its own): the 6574 subtree makes it storage
  'synology-dsm7-invented': 'storage',
  // net-snmp on FreeBSD (8072.3.2.8): storage from FREENAS-MIB's zpool table, not server
  'truenas-11.2': 'storage',
};

type Want = RecordingWant;

const NOTHING_BUT_CLASS: Want = { values: [], absent: [STORAGE.diskOk.name, STORAGE.volumeSize.name, DEVICE.healthOk.name, DEVICE.temperature.name] };

const WANT: Record<string, Want> = {
  'hpe-3par-informos': NOTHING_BUT_CLASS,
  'dell-emc-datadomain': NOTHING_BUT_CLASS,
  'emc-clariion-flare': NOTHING_BUT_CLASS,
  'dell-powervault-md': NOTHING_BUT_CLASS,
  'dell-equallogic-2': NOTHING_BUT_CLASS,
  'isilon-onefs-7.1': NOTHING_BUT_CLASS,
  'dell-compellent-sc': {
    values: [
      [DEVICE.healthOk.name, { component: 'system' }, 1], //                            674.11000.2000.500.1.2.6.0 = 3 (ok)
      [STORAGE.diskOk.name, { index: '5', disk: '01-07' }, 1], //                      …2.14.1.3.5 = 1 (up), position .14.1.4.5 "01-07"
      [DEVICE.healthOk.name, { component: 'enclosure', index: '1', enclosure: 'Enclosure - 1' }, 1], // …2.15.1.3.1 = 1
      [DEVICE.temperature.name, { controller_index: '1', index: '1', sensor: 'CPU One' }, 51], // …2.19.1.5.1.1 = 51 °C
      [DEVICE.temperature.name, { controller_index: '2', index: '7', sensor: 'BBU' }, 31], //    …2.19.1.5.2.7 = 31 °C
      [DEVICE.temperature.name, { enclosure_index: '1', index: '8', location: 'Canister Ambient in IOModule - Back Bottom', sensor: 'enclosure' }, 51], // …2.23.1.5.1.8
      [STORAGE.fanOk.name, { enclosure_index: '1', index: '3', fan: 'In Power Supply - Back Right' }, 1], // …2.20.1.3.1.3 = 1
      [STORAGE.psuOk.name, { enclosure_index: '1', index: '2', psu: '2' }, 1], //        …2.21.1.3.1.2 = 1
      [DEVICE.healthOk.name, { component: 'io_module', enclosure_index: '1', index: '1', io_module: '1' }, 1], // …2.22.1.3.1.1 = 1
      [STORAGE.volumeOk.name, { index: '2', volume: 'Vol2' }, 1], //                     …2.26.1.3.2 = 1
      [DEVICE.healthOk.name, { component: 'cache', index: '2', cache: 'Controller 228525 cache card' }, 1], // …2.28.1.3.2 = 1
    ],
    // 24 disks; 14 controller + 8 enclosure temperatures; 4 enclosure fans; health: system, 1 enclosure, 2 IO modules, 2 caches
    counts: { [STORAGE.diskOk.name]: 24, [DEVICE.temperature.name]: 22, [STORAGE.fanOk.name]: 4, [DEVICE.healthOk.name]: 6 },
  },
  'ddn-ddnos': NOTHING_BUT_CLASS,
  'huawei-oceanstor-ism': NOTHING_BUT_CLASS,
  'infortrend-ds3016': {
    values: [
      [DEVICE.temperature.name, { index: '1', sensor: 'CPU Temperature' }, 62.2], //       1714.1.1.9.1.9.1 = 622 (0.1 °C), type .6.1 = 3
      [DEVICE.temperature.name, { index: '16', sensor: 'Backplane Temperature' }, 62], //  .9.16 = 620, type .6.16 = 3
      [DEVICE.voltage.name, { index: '6', sensor: '+12V Value' }, 11.9], //               .9.6 = 11900 (mV), type .6.6 = 5
      [STORAGE.psuOk.name, { index: '10', psu: 'PSU0' }, 1], //                            .13.10 = 0, type .6.10 = 1
      [STORAGE.fanOk.name, { index: '13', fan: 'Cooling Fan1' }, 1], //                    .13.13 = 0, type .6.13 = 2
      [STORAGE.diskOk.name, { disk: '1', serial: 'Z1Z8A6XA0000C532', model: 'SEAGATE ST4000NM0023' }, 1], // 1714.1.1.6.1.11.1 = 1 (on-line)
      [STORAGE.diskOk.name, { disk: '2', serial: 'Z1Z8A7DY0000C532', model: 'SEAGATE ST4000NM0023' }, 1], // .11.2 = 9 (global spare)
    ],
    // 16 drives; row 17 is the SAS expander (hddStatus 141); 5 temperature rows (type 3), 2 voltage (type 5), 2 PSUs, 4 fans
    counts: { [STORAGE.diskOk.name]: 16, [DEVICE.temperature.name]: 5, [DEVICE.voltage.name]: 2, [STORAGE.psuOk.name]: 2, [STORAGE.fanOk.name]: 4 },
  },
  'huawei-oceanstor-s5500v3': {
    values: [
      [DEVICE.healthOk.name, { component: 'system' }, 1], //                                 34774.4.1.1.3.0 = 1 (normal)
      [VENDOR_STORAGE.oceanstorCapacity.name, {}, 221_205_464 * MIB], //                      34774.4.1.1.5.0 = 221205464 MB
      [VENDOR_STORAGE.oceanstorUsedCapacity.name, {}, 2_215_168 * MIB], //                    34774.4.1.1.4.0 = 2215168 MB
      [STORAGE.volumeSize.name, { id: '1.48', volume: 'poolCaiwu', volume_kind: 'pool' }, 6_291_456 * MIB], // 23.4.2.1.7.1.48
      [STORAGE.volumeUsed.name, { id: '1.48', volume: 'poolCaiwu', volume_kind: 'pool' }, (6_291_456 - 4_236_608) * MIB], // .7 − .9 (free)
      [STORAGE.volumeUsed.name, { id: '1.50', volume: 'mailData01', volume_kind: 'pool' }, (101_711_872 - 101_708_224) * MIB], // .7.1.50 − .9.1.50
      [STORAGE.volumeOk.name, { id: '1.49', volume: 'FS01', volume_kind: 'pool' }, 1], //    23.4.2.1.5.1.49 = 1 (normal)
      [STORAGE.diskOk.name, { id: '1.48', disk: 'CTE0.0' }, 1], //                          23.5.1.1.2.1.48 = 1, location .4 "CTE0.0"
      [DEVICE.temperature.name, { id: '1.48', disk: 'CTE0.0', sensor: 'disk' }, 34], //     23.5.1.1.11.1.48 = 34
      [VENDOR_STORAGE.oceanstorDiskHealthMark.name, { id: '1.48', disk: 'CTE0.0' }, 0.9], // 23.5.1.1.25.1.48 = 90 %
      [VENDOR_STORAGE.oceanstorLunOk.name, { id: '1.52', lun: 'caiwudata0000' }, 1], //     23.4.8.1.9.1.52 = 1, name .2.1.52
      [DEVICE.healthOk.name, { component: 'controller', id: '2.48.65', controller: 'CTE0.A' }, 1], // 23.5.2.1.2.2.48.65 = 1
      [DEVICE.cpuUtilisation.name, { id: '2.48.65', controller: 'CTE0.A' }, 0.04], //       23.5.2.1.8.2.48.65 = 4 %
      [DEVICE.cpuUtilisation.name, { id: '2.48.66', controller: 'CTE0.B' }, 0.01], //       23.5.2.1.8.2.48.66 = 1 %
      [DEVICE.memoryUtilisation.name, { id: '2.48.66', controller: 'CTE0.B' }, 0.71], //    23.5.2.1.9.2.48.66 = 71 %
      [DEVICE.temperature.name, { id: '1.48', enclosure: 'CTE0', sensor: 'enclosure' }, 26], //  23.5.6.1.8.1.48 = 26
      [DEVICE.temperature.name, { id: '1.50', enclosure: 'DAE011', sensor: 'enclosure' }, 25], // 23.5.6.1.8.1.50 = 25
      [STORAGE.psuOk.name, { id: '6.48.46.48.66.46.48', psu: 'CTE0.PSU 0' }, 1], //         23.5.3.1.3.6.48.46.48.66.46.48 = 1
      [STORAGE.fanOk.name, { id: '6.50.46.48.66.46.48', fan: 'DAE011.FAN 0' }, 1], //       23.5.4.1.3.6.50.46.48.66.46.48 = 1
      [DEVICE.healthOk.name, { component: 'bbu', id: '6.48.46.48.66.46.49', bbu: 'CTE0.PSU 1' }, 1], // 23.5.5.1.3…49 = 1
    ],
    // 98 disks (23.5.1.1.2.*), 3 pools, 8 power supplies, 12 fans; health: system + 2 controllers + 4 enclosures + 2 BBUs
    counts: { [VENDOR_STORAGE.oceanstorLunOk.name]: 10, [VENDOR_STORAGE.oceanstorDiskHealthMark.name]: 98, [STORAGE.diskOk.name]: 98, [STORAGE.volumeSize.name]: 3, [STORAGE.psuOk.name]: 8, [STORAGE.fanOk.name]: 12, [DEVICE.healthOk.name]: 9, [DEVICE.temperature.name]: 102 },
  },
  'netapp-ontap-8-2-3': {
    values: [
      [DEVICE.cpuUtilisation.name, { cpu: 'total' }, 0.18], //                               789.1.2.1.3.0 = 18 %
      [STORAGE.volumeSize.name, { index: '1', volume: 'aggsata203' }, 12_500_186_112 * 1024], // 789.1.5.4.1.29.1 (KB)
      [STORAGE.volumeUsed.name, { index: '1', volume: 'aggsata203' }, 12_019_400_552 * 1024], // 789.1.5.4.1.30.1
      [STORAGE.volumeSize.name, { index: '13', volume: '/vol/mail_sata202/' }, 21_474_836_480 * 1024], // .29.13, name .2.13 (hex)
      [STORAGE.volumeUsed.name, { index: '13', volume: '/vol/mail_sata202/' }, 17_062_610_452 * 1024], // .30.13
      [STORAGE.volumeOk.name, { index: '1', volume: 'aggsata203' }, 1], //                   789.1.5.4.1.20.1 = 2 (mounted)
      [STORAGE.diskOk.name, { index: '1.1.1', disk: 'data disk 0b.20.13', role: 'raid' }, 1], // 789.1.6.2.1.3.1.1.1 = 1 (active)
      [VENDOR.netappSpareDiskOk.name, { index: '1', spare_disk: 'spare disk 3d.15.14' }, 1], // 789.1.6.3.1.3.1 = 1 (spare)
      [STORAGE.fanOk.name, { fan: 'all' }, 1], //                                            789.1.2.4.2.0 = 0 failed fans
      [STORAGE.psuOk.name, { psu: 'all' }, 1], //                                            789.1.2.4.4.0 = 0 failed PSUs
      [VENDOR.netappOverTemperature.name, {}, 0], //                                         789.1.2.4.1.0 = 1 (no)
      [VENDOR.netappNvramBatteryOk.name, {}, 1], //                                          789.1.2.5.1.0 = 1 (ok)
      [VENDOR.netappGlobalStatus.name, { status: 'ok' }, 1], //                              789.1.2.2.4.0 = 3 (ok)
      [VENDOR.netappDisksFailed.name, {}, 0], //                                             789.1.6.4.7.0 = 0
    ],
    // 150 raidVTable rows all 1 (active), 66 dfTable rows, 8 spares
    counts: { [STORAGE.diskOk.name]: 150, [STORAGE.volumeOk.name]: 66, [VENDOR.netappSpareDiskOk.name]: 8 },
  },
  'nimble-nimbleos-2.3': {
    values: [
      [STORAGE.volumeSize.name, { index: '0', volume: 'Arx-BCK' }, 104_448 * MIB], //       37447.1.2.1.4.0 = 104448 MiB (High .5.0 = 0)
      [STORAGE.volumeUsed.name, { index: '0', volume: 'Arx-BCK' }, 76_018 * MIB], //        37447.1.2.1.6.0 = 76018 MiB
      [STORAGE.volumeSize.name, { index: '12', volume: 'VMVMVMVM2' }, 15_728_640 * MIB], // .4.12 = 15 TiB
      [STORAGE.volumeUsed.name, { index: '12', volume: 'VMVMVMVM2' }, 11_573_232 * MIB], // .6.12
      [STORAGE.volumeOk.name, { index: '3', volume: 'DQuorum' }, 1], //                     37447.1.2.1.10.3 = 1 (online)
      [VENDOR_STORAGE.nimbleVolumeConnections.name, { index: '4', volume: 'DBDBDB1' }, 8], // 37447.1.2.1.11.4 = 8
    ],
    counts: { [STORAGE.volumeSize.name]: 13, [STORAGE.volumeOk.name]: 13 },
  },
  'synology-rs2211rp': {
    values: [
      [DEVICE.healthOk.name, { component: 'system' }, 1], //          6574.1.1.0 = 1 (Normal)
      [DEVICE.temperature.name, { sensor: 'system' }, 49], //         6574.1.2.0 = 49 °C
      [STORAGE.psuOk.name, { psu: 'system' }, 1], //                  6574.1.3.0 = 1
      [STORAGE.fanOk.name, { fan: 'system' }, 1], //                  6574.1.4.1.0 = 1
      [STORAGE.fanOk.name, { fan: 'cpu' }, 1], //                     6574.1.4.2.0 = 1
      [VENDOR_STORAGE.synologyInfo.name, { model: 'RS2211RP+', serial: 'BCJ8N00056', version: 'DSM 6.1-15254' }, 1], // 6574.1.5.1-3.0
      [VENDOR_STORAGE.synologyUpgradeAvailable.name, {}, 1], //       6574.1.5.4.0 = 1 (Available)
    ],
    // the walk has diskID only (6574.2.1.1.2.*), no status or temperature
    absent: [STORAGE.diskOk.name, STORAGE.volumeSize.name],
  },
  'synology-rs2418': {
    values: [
      [VENDOR_STORAGE.synologyDiskHealthOk.name, { index: '0', disk: 'Drive 1' }, 1], // 6574.2.1.1.13.0 = 1, diskName .12.0 "Drive 1"
      [VENDOR_STORAGE.synologyDiskHealthOk.name, { index: '6', disk: 'Drive 7' }, 1], // 6574.2.1.1.13.6 = 1
    ],
    counts: { [VENDOR_STORAGE.synologyDiskHealthOk.name]: 7 },
    absent: [DEVICE.healthOk.name, DEVICE.temperature.name],
  },
  'synology-dsm7-invented': {
    values: [
      [DEVICE.storageSize.name, { hr_storage_index: '31', storage: '/volume1' }, 1_875_441_732 * 4096], // 25.2.3.1.5.31 × .4.31
      [DEVICE.healthOk.name, { component: 'system' }, 0], //          6574.1.1.0 = 2 (Failed)
      [DEVICE.temperature.name, { sensor: 'system' }, 41], //         6574.1.2.0 = 41
      [STORAGE.fanOk.name, { fan: 'cpu' }, 0], //                     6574.1.4.2.0 = 2 (Failed)
      [VENDOR_STORAGE.synologyUpgradeAvailable.name, {}, 0], //       6574.1.5.4.0 = 2 (Unavailable)
      [STORAGE.diskOk.name, { index: '0', disk: 'Disk 1', model: 'ST4000VN008-2DR166' }, 1], // 6574.2.1.1.5.0 = 1 (Normal)
      [STORAGE.diskOk.name, { index: '1', disk: 'Disk 2', model: 'ST4000VN008-2DR166' }, 1], // .5.1 = 3 (NotInitialized: healthy, unused)
      [STORAGE.diskOk.name, { index: '2', disk: 'Disk 3', model: 'WD40EFRX-68N32N0' }, 0], //   .5.2 = 5 (Crashed)
      [VENDOR_STORAGE.synologyDiskStatus.name, { index: '2', disk: 'Disk 3', status: 'crashed' }, 1],
      [VENDOR_STORAGE.synologyDiskHealthOk.name, { index: '2', disk: 'Disk 3' }, 0], // 6574.2.1.1.13.2 = 4 (Failing)
      [VENDOR_STORAGE.synologyDiskBadSectors.name, { index: '2', disk: 'Disk 3' }, 152], // 6574.2.1.1.9.2 = 152
      [DEVICE.temperature.name, { index: '2', disk: 'Disk 3', sensor: 'disk' }, 47], // 6574.2.1.1.6.2 = 47
      [STORAGE.volumeSize.name, { index: '1', volume: 'Volume 1' }, 7_681_809_334_272], // 6574.3.1.1.5.1 (bytes)
      [STORAGE.volumeUsed.name, { index: '1', volume: 'Volume 1' }, 7_681_809_334_272 - 1_920_452_333_568], // .5.1 − .4.1 (free)
      [STORAGE.volumeOk.name, { index: '0', volume: 'Storage Pool 1' }, 1], // 6574.3.1.1.3.0 = 1 (Normal)
      [STORAGE.volumeOk.name, { index: '1', volume: 'Volume 1' }, 0], //       .3.1 = 11 (Degrade)
      [STORAGE.volumeOk.name, { index: '2', volume: 'Volume 2' }, 1], //       .3.2 = 13 (DataScrubbing)
      [VENDOR_STORAGE.synologyRaidStatus.name, { index: '1', volume: 'Volume 1', status: 'degrade' }, 1],
    ],
  },
  'truenas-11.2': {
    values: [
      [STORAGE.volumeSize.name, { index: '2', volume: 'tank' }, 1_459_617_792 * 131_072], // 50536.1.1.1.1.4.2 × .3.2 (units)
      [STORAGE.volumeUsed.name, { index: '2', volume: 'tank' }, 331_145_071 * 131_072], //   50536.1.1.1.1.5.2 × .3.2
      [STORAGE.volumeSize.name, { index: '1', volume: 'freenas-boot' }, 3_604_480 * 4096], // .4.1 × .3.1
      [STORAGE.volumeOk.name, { index: '2', volume: 'tank' }, 1], //                         50536.1.1.1.1.7.2 = 0 (online)
      [VENDOR_STORAGE.truenasPoolHealth.name, { index: '1', volume: 'freenas-boot', health: 'online' }, 1], // .7.1 = 0
      [VENDOR_STORAGE.truenasPoolHealth.name, { index: '1', volume: 'freenas-boot', health: 'degraded' }, 0],
    ],
  },
};

const recordings = recordingPoller({ prefix: 'test/storage/' });
afterAll(() => recordings.close());
const { poll } = recordings;

describe('storage recordings through the collector', () => {
  it('the class and value tables cover every recording of testdata/storage', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.snmprec')).map((f) => f.slice(0, -'.snmprec'.length));
    expect(Object.keys(CLASSES).sort()).toEqual(files.sort());
    expect(Object.keys(WANT).sort()).toEqual(files.sort());
  });

  for (const [community, cls] of Object.entries(CLASSES)) {
    it(`${community}: polls without error, class ${cls}`, async () => {
      expectClass(await poll(community), cls);
    });
  }
});

describe('storage metrics equal the recordings', () => {
  for (const [community, want] of Object.entries(WANT)) {
    it(community, async () => {
      const { samples } = await poll(community);
      checkRecording(samples, want, { exactlyOne: true });
    });
  }

  it('no size or used space is negative on any recording', async () => {
    const sizes = new Set<string>([STORAGE.volumeSize.name, STORAGE.volumeUsed.name]);
    for (const community of Object.keys(WANT)) {
      const { samples } = await poll(community);
      const bad = samples.filter((s) => sizes.has(s.name) && s.value < 0);
      expect(bad, community).toEqual([]);
    }
  });
});
