import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE, STORAGE, VENDOR, VENDOR_SERVER } from '../../src/metrics/names.ts';
import { detect } from './detect.ts';
import { snmpKind } from './index.ts';
import type { DeviceClass } from './profile-schema.ts';
import { loadProfiles } from './profiles.ts';
import { Semaphore } from './semaphore.ts';
import { NetSnmpSession } from './session.ts';
import { checkRecording, expectClass, recordingPoller, sameLabels, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

/**
 * Server recordings (testdata/server, community test/server/NAME: BMCs and server operating systems)
 * polled through the real collector against snmpsimd, with auto-detection. Every expected value was
 * worked out by hand from the .snmprec line named in its comment (OIDs shortened: 25.… is
 * 1.3.6.1.2.1.25.…, 2021.… and the vendor numbers are under 1.3.6.1.4.1), never copied from the
 * code's output. Provenance of each file: testdata/server/README.md.
 */

const DIR = join(import.meta.dirname, 'testdata/server');

type Labels = Record<string, string>;
interface Want extends RecordingWant {
  cls: DeviceClass;
  /** A profile auto-detection must pick. */
  profile: string;
  /** Profiles it must not pick. */
  notProfiles?: string[];
}

const WANT: Record<string, Want> = {
  'huawei-ibmc-rh2288h-v3': {
    cls: 'server',
    profile: 'huawei-ibmc',
    values: [
      [VENDOR_SERVER.huaweiIbmcInfo.name, { model: 'RH2288H V3' }, 1], //                        2011.2.235.1.1.1.6.0|4|RH2288H V3
      [DEVICE.cpuUtilisation.name, { cpu: 'host' }, 0.2], //                                    …1.1.1.23.0|2|20 (%)
      [STORAGE.psuOk.name, { index: '1', psu: 'PS1' }, 1], //                                   …1.1.6.50.1.7.1|2|1 ok; .13.1|4|PS1
      [STORAGE.psuOk.name, { index: '2', psu: 'PS2' }, 1], //                                   …1.1.6.50.1.7.2|2|1
      [VENDOR_SERVER.huaweiIbmcPsuInput.name, { index: '1', psu: 'PS1' }, 132], //              …1.1.6.50.1.8.1|2|132 (W)
      [DEVICE.fanSpeed.name, { index: '2', fan: 'Fan1 Rear' }, 2160], //                         …1.1.8.50.1.2.2|2|2160; .7.2|4|Fan1 Rear
      [DEVICE.fanSpeed.name, { index: '5', fan: 'Fan3 Front' }, 2520], //                        …1.1.8.50.1.2.5|2|2520
      [STORAGE.fanOk.name, { index: '8', fan: 'Fan4 Rear' }, 1], //                              …1.1.8.50.1.4.8|2|1
      [DEVICE.temperature.name, { index: '1', sensor: 'Inlet' }, 19], //                         …1.1.26.50.1.3.1|2|190 (0.1 °C)
      [DEVICE.temperature.name, { index: '3', sensor: 'CPU2' }, 45], //                          …1.1.26.50.1.3.3|2|450
      [DEVICE.healthOk.name, { component: 'cpu', index: '1', part: 'CPU1' }, 1], //              …1.1.15.50.1.6.1|2|1
      [DEVICE.healthOk.name, { component: 'memory', index: '23', dimm: 'DIMM131' }, 1], //      …1.1.16.50.1.6.23|2|1
      [STORAGE.diskOk.name, { index: '2', disk: 'Disk1' }, 1], //                                …1.1.18.50.1.3.2|2|1
    ],
    // 2 CPUs + 16 DIMMs (every third slot …16.50.1.6.N|2|5 absent); 8 fans; bays 3-14 …18.50.1.3.N|2|5 absent
    counts: { [DEVICE.healthOk.name]: 18, [DEVICE.fanSpeed.name]: 8, [STORAGE.diskOk.name]: 2, [DEVICE.temperature.name]: 3 },
    // presentSystemPower and systemHealth were not recorded. The iBMC's HOST-RESOURCES and UCD answers
    // (25.3.3.1.2.196608|2|69, 2021.10.1.5.1|2|1359, 25.2.3.1.3.40|4|/opt/pme/pram …) are the BMC's own:
    // huawei-ibmc replaces those profiles, so none of it reaches the server's series
    notProfiles: ['host-resources', 'ucd-snmp'],
    absent: [DEVICE.powerDraw.name, DEVICE.storageSize.name, DEVICE.load1.name, DEVICE.memoryTotal.name, DEVICE.processes.name],
    absentSeries: [[DEVICE.healthOk.name, { component: 'system' }], [DEVICE.healthOk.name, { index: '3' }], [DEVICE.cpuUtilisation.name, { cpu: '196608' }], [DEVICE.cpuUtilisation.name, { cpu: 'total' }]],
  },
  'cisco-cimc-c220-m4s': {
    cls: 'server', // sysObjectID 9.1.2178 is under ciscoSystems, which the cisco profile classes network
    profile: 'cisco-ucs-cimc',
    values: [
      [DEVICE.uptime.name, {}, 604_756.45], //                                                  1.3.6.1.2.1.1.3.0|67|60475645
      [DEVICE.powerDraw.name, { index: '1' }, 176], //                                            9.9.719.1.9.14.1.4.1|2|176 (W)
      [DEVICE.current.name, { index: '1', sensor: 'mb_input' }, 12], //                           9.9.719.1.9.14.1.8.1|2|12
      [DEVICE.voltage.name, { index: '1', sensor: 'mb_input' }, 12], //                           9.9.719.1.9.14.1.12.1|2|12
      [DEVICE.temperature.name, { index: '1', sensor: 'ambient' }, 19], //                        9.9.719.1.9.44.1.4.1|2|19
      [DEVICE.temperature.name, { index: '1', sensor: 'front' }, 19], //                          9.9.719.1.9.44.1.8.1|2|19
      [DEVICE.temperature.name, { index: '1', sensor: 'ioh1' }, 33], //                           9.9.719.1.9.44.1.13.1|2|33
      [DEVICE.temperature.name, { index: '1', sensor: 'rear' }, 33], //                           9.9.719.1.9.44.1.21.1|2|33
      [STORAGE.fanOk.name, { index: '1', fan: 'sys/rack-unit-1/fan-module-1-1/fan-1' }, 1], //   9.9.719.1.15.12.1.10.1|2|1 operable
      [STORAGE.fanOk.name, { index: '14', fan: 'sys/rack-unit-1/fan-module-1-7/fan-2' }, 1], //  9.9.719.1.15.12.1.10.14|2|1
      [STORAGE.psuOk.name, { index: '2', psu: 'sys/rack-unit-1/psu-2' }, 1], //                  9.9.719.1.15.56.1.8.2|2|1
    ],
    counts: { [STORAGE.fanOk.name]: 14, [STORAGE.psuOk.name]: 2, [DEVICE.temperature.name]: 4 },
    absentSeries: [[DEVICE.temperature.name, { sensor: 'ioh2' }]], //                            9.9.719.1.9.44.1.17.1|2|0 (no second IO hub)
  },
  // another model (9.1.3100, a UCS C220 M6) that no list names: the compute subtree answers
  'cisco-cimc-c220-m6s': { cls: 'server', profile: 'cisco-ucs-cimc', absent: [DEVICE.powerDraw.name, DEVICE.uptime.name] },
  'hpe-proliant-ml350-gen9-ilo4': {
    cls: 'server',
    profile: 'hpe-proliant',
    values: [
      [VENDOR_SERVER.hpeServerInfo.name, { model: 'ProLiant ML350 Gen9' }, 1], //                 232.2.2.4.2.0|4|ProLiant ML350 Gen9
      [DEVICE.temperature.name, { chassis: '0', sensor: '1' }, 21], //                            232.6.2.6.8.1.4.0.1|2|21
      [DEVICE.temperature.name, { chassis: '0', sensor: '24' }, 47], //                           232.6.2.6.8.1.4.0.24|2|47
      [STORAGE.fanOk.name, { chassis: '0', fan: '2' }, 1], //                                     232.6.2.6.7.1.9.0.2|2|2 ok
      [STORAGE.psuOk.name, { chassis: '0', psu: '1' }, 1], //                                     232.6.2.9.3.1.4.0.1|2|2 ok
      [VENDOR_SERVER.hpePsuOutput.name, { chassis: '0', psu: '1' }, 45], //                       232.6.2.9.3.1.7.0.1|2|45 (W)
      [VENDOR_SERVER.hpePsuOutput.name, { chassis: '0', psu: '2' }, 42], //                       232.6.2.9.3.1.7.0.2|2|42
      [DEVICE.healthOk.name, { component: 'memory', index: '11', dimm: 'PROC 1 DIMM 12' }, 1], //  232.6.2.14.13.1.20.11|2|2; .13.11|4|PROC 1 DIMM 12
      [DEVICE.healthOk.name, { component: 'cpu', index: '0', part: 'Intel Xeon' }, 1], //         232.1.2.2.1.1.6.0|2|2 ok; .3.0|4|Intel Xeon
      [STORAGE.diskOk.name, { controller: '0', drive: '4', disk: 'Port 2I Box 6 Bay 5' }, 1], //  232.3.2.5.1.1.37.0.4|2|2; .64.0.4
      [VENDOR_SERVER.hpeDriveTemperature.name, { controller: '0', drive: '0', disk: 'Port 1I Box 6 Bay 4' }, 54], // 232.3.2.5.1.1.70.0.0|2|54
    ],
    // fans 0.1 and 0.5-0.8 are condition other(1) (not present, …6.7.1.4.0.N|2|2 absent); DIMM slots other than 0, 3, 11 are other(1)
    counts: { [DEVICE.temperature.name]: 28, [STORAGE.fanOk.name]: 3, [STORAGE.psuOk.name]: 2, [STORAGE.diskOk.name]: 5, [DEVICE.healthOk.name]: 4 },
    // cpqHePowerMeterCurrReading and cpqHeMibCondition were not recorded
    absent: [DEVICE.powerDraw.name],
    absentSeries: [[DEVICE.healthOk.name, { component: 'system' }], [STORAGE.fanOk.name, { fan: '1' }]],
  },
  'hpe-ilo4-class-only': { cls: 'server', profile: 'hpe-proliant' }, //                          sysObjectID 232.9.4.10
  'hpe-ilo5-class-only': { cls: 'server', profile: 'hpe-proliant' }, //                          sysObjectID 232.9.4.11
  'ibm-imm-class-only': { cls: 'server', profile: 'ibm-imm' }, //                                sysObjectID 2.3.51.3
  'dell-idrac6-class-only': { cls: 'server', profile: 'dell-idrac' }, //                         sysObjectID 674.10892.2
  // Windows Server (311.1.1.3.1.2) with Dell OpenManage: classes.yaml, no profile beyond system
  'windows-dell-omsa': { cls: 'server', profile: 'system', absent: [DEVICE.cpuUtilisation.name] },
  'vmware-esxi-7': {
    cls: 'server',
    profile: 'host-resources',
    values: [
      [DEVICE.uptime.name, {}, 920_959], //                                                       1.3.6.1.2.1.1.3.0|67|92095900
      [DEVICE.processes.name, {}, 95], //                                                         25.1.6.0|66|95
      [DEVICE.cpuUtilisation.name, { cpu: '7' }, 0.28], //                                        25.3.3.1.2.7|2|28
      [DEVICE.cpuUtilisation.name, { cpu: '11' }, 0.03], //                                       25.3.3.1.2.11|2|3
      [DEVICE.storageSize.name, { hr_storage_index: '9', storage: 'Real Memory' }, 201_290_968 * 1024], // 25.2.3.1.5.9|2|201290968 × .4.9|2|1024
      [DEVICE.storageUsed.name, { hr_storage_index: '9', storage: 'Real Memory' }, 98_305_080 * 1024], //  25.2.3.1.6.9|2|98305080
      [DEVICE.storageSize.name, { hr_storage_index: '7', storage: '/vmfs/volumes/7c6de8dc-33a02fdb-0000-000000000000' }, 1_098_746_656 * 32_768], // 25.2.3.1.5.7 × .4.7|2|32768 (36 TB datastore)
      [DEVICE.storageUsed.name, { hr_storage_index: '5', storage: '/vmfs/volumes/foo-vmw' }, 235_062_510 * 4096], // 25.2.3.1.6.5 × .4.5
    ],
    counts: { [DEVICE.cpuUtilisation.name]: 32, [DEVICE.storageSize.name]: 9 },
  },
  'windows-xp': {
    cls: 'server',
    profile: 'host-resources',
    values: [
      [DEVICE.uptime.name, {}, 827.95], //                                                        1.3.6.1.2.1.1.3.0|67|82795
      [DEVICE.processes.name, {}, 33], //                                                         25.1.6.0|66|33
      [DEVICE.cpuUtilisation.name, { cpu: '5' }, 0], //                                           25.3.3.1.2.5|2|0
      // 25.2.3.1.3.1|4|C:\ Label:  Serial Number 1848504c (label text: runs of spaces become one)
      [DEVICE.storageSize.name, { hr_storage_index: '1', storage: 'C:\\ Label: Serial Number 1848504c' }, 1_952_447 * 16_384], // 25.2.3.1.5.1|2|1952447 × .4.1|2|16384
      [DEVICE.storageUsed.name, { hr_storage_index: '1', storage: 'C:\\ Label: Serial Number 1848504c' }, 1_884_128 * 16_384], // 25.2.3.1.6.1|2|1884128
      [DEVICE.storageSize.name, { hr_storage_index: '5', storage: 'Physical Memory' }, 15_852 * 65_536], // 25.2.3.1.5.5|2|15852 × .4.5|2|65536
      [DEVICE.storageSize.name, { hr_storage_index: '2', storage: 'D:\\' }, 0], //                 25.2.3.1.5.2|2|0 (empty drive)
      // RAM is the hrStorageRam row (25.2.3.1.2.5|6|1.3.6.1.2.1.25.2.1.2): host-resources-ram
      [DEVICE.memoryTotal.name, { pool: 'real', hr_storage_index: '5', storage: 'Physical Memory' }, 15_852 * 65_536], // 25.2.3.1.5.5 × .4.5
      [DEVICE.memoryUsed.name, { pool: 'real', hr_storage_index: '5', storage: 'Physical Memory' }, 9_686 * 65_536], //   25.2.3.1.6.5|2|9686
    ],
    absent: [DEVICE.load1.name],
  },
  'ibm-aix-power-chrp': {
    cls: 'server',
    profile: 'host-resources',
    values: [
      [DEVICE.uptime.name, {}, 4377.27], //                                                       1.3.6.1.2.1.1.3.0|67|437727
      [DEVICE.processes.name, {}, 105], //                                                        25.1.6.0|2|105 (an Integer where the MIB says Gauge32)
      [DEVICE.cpuUtilisation.name, { cpu: '1' }, 0.03], //                                        25.3.3.1.2.1|2|3
      [DEVICE.cpuUtilisation.name, { cpu: '25' }, 0.09], //                                       25.3.3.1.2.25|2|9
      [DEVICE.storageSize.name, { hr_storage_index: '11', storage: 'System RAM' }, 8_126_464 * 4096], // 25.2.3.1.5.11|2|8126464 × 4096
      [DEVICE.storageUsed.name, { hr_storage_index: '11', storage: 'System RAM' }, 809_447 * 4096], //   25.2.3.1.6.11|2|809447
      [DEVICE.storageUsed.name, { hr_storage_index: '9', storage: '/dev/auditlv' }, 2083 * 4096], //    25.2.3.1.6.9|2|2083
    ],
    counts: { [DEVICE.cpuUtilisation.name]: 32, [DEVICE.storageSize.name]: 11 },
  },
  'linux-rhel6-sm-pmda': {
    cls: 'server',
    profile: 'host-resources',
    values: [
      [DEVICE.processes.name, {}, 172], //                                                        25.1.6.0|66|172
      // 25.3.3.1.2.196608|2:numeric|min=0,scale=-95,…: an snmpsim sine variation, 0 to 97 %
      [DEVICE.cpuUtilisation.name, { cpu: '196608' }, { min: 0, max: 0.97 }],
      [DEVICE.storageSize.name, { hr_storage_index: '1', storage: 'Physical memory' }, 16_334_056 * 1024], // 25.2.3.1.5.1|2|16334056 × 1024
      [DEVICE.storageSize.name, { hr_storage_index: '36', storage: '/boot' }, 487_652 * 1024], //          25.2.3.1.5.36|2|487652 × .4.36|2|1024
      [DEVICE.storageUsed.name, { hr_storage_index: '36', storage: '/boot' }, 41_957 * 1024], //           25.2.3.1.6.36|2|41957
    ],
    counts: { [DEVICE.cpuUtilisation.name]: 4 },
    // UCD answers only memIndex (2021.4.1.0, recorded twice); net-snmp's hrStorageRam row counts the cache as used
    absent: [DEVICE.load1.name, DEVICE.memoryTotal.name],
  },
  'linux-cos-i8560': {
    cls: 'server',
    profile: 'ucd-snmp',
    values: [
      [DEVICE.load1.name, {}, 0.27], //                                                           2021.10.1.5.1|2|27
      [DEVICE.load5.name, {}, 0.33], //                                                           2021.10.1.5.2|2|33
      [DEVICE.load15.name, {}, 0.18], //                                                          2021.10.1.5.3|2|18
      [DEVICE.memoryTotal.name, { pool: 'real' }, 8_374_784 * 1024], //                            2021.4.5.0|2|8374784 (kB)
      [VENDOR.ucdMemoryAvailable.name, { pool: 'real' }, 7_716_128 * 1024], //                     2021.4.6.0|2|7716128
      [DEVICE.cpuUtilisation.name, { cpu: 'total' }, 0.1], //                                     2021.11.11.0|2|90 (idle %)
      [DEVICE.cpuUtilisation.name, { cpu: '768' }, 0.09], //                                      25.3.3.1.2.768|2|9
      [DEVICE.storageSize.name, { hr_storage_index: '8', storage: 'Shared memory' }, 0], //        25.2.3.1.5.8|2|0
    ],
    absent: [DEVICE.processes.name], //                                                          25.1.6.0 not recorded
    absentSeries: [[DEVICE.storageUsed.name, { hr_storage_index: '8' }]], //                     25.2.3.1.6.8 not recorded
  },
  'linux-dcbc-600': {
    cls: 'server',
    profile: 'ucd-snmp',
    values: [
      [DEVICE.load1.name, {}, 0.52], //                                                           2021.10.1.5.1|2|52
      [DEVICE.load15.name, {}, 0.42], //                                                          2021.10.1.5.3|2|42
      [DEVICE.memoryTotal.name, { pool: 'real' }, 3_960_332 * 1024], //                            2021.4.5.0|2|3960332
      [VENDOR.ucdMemoryAvailable.name, { pool: 'real' }, 179_916 * 1024], //                       2021.4.6.0|2|179916
      [DEVICE.cpuUtilisation.name, { cpu: 'total' }, 0.2], //                                     2021.11.11.0|2|80
      [DEVICE.cpuUtilisation.name, { cpu: '769' }, 0.17], //                                      25.3.3.1.2.769|2|17
      [DEVICE.processes.name, {}, 109], //                                                        25.1.6.0|66|109
      [DEVICE.storageSize.name, { hr_storage_index: '32', storage: '/mnt' }, 228_910_595 * 4096], // 25.2.3.1.5.32|2|228910595 × 4096
    ],
  },
  'linux-rhel7': {
    cls: 'server',
    profile: 'ucd-snmp',
    values: [
      [DEVICE.load1.name, {}, 0], //                                                              2021.10.1.5.1|2|0
      [DEVICE.load15.name, {}, 0.05], //                                                          2021.10.1.5.3|2|5
      [DEVICE.memoryTotal.name, { pool: 'real' }, 3_882_052 * 1024], //                            2021.4.5.0|2|3882052
      // used = memTotalReal − memAvailReal (4.6.0|2|2364036) − memBuffer (4.14.0|2|1812) − memCached (4.15.0|2|1211092)
      [DEVICE.memoryUsed.name, { pool: 'real' }, (3_882_052 - 2_364_036 - 1812 - 1_211_092) * 1024],
      [DEVICE.memoryUtilisation.name, { pool: 'real' }, (3_882_052 - 2_364_036 - 1812 - 1_211_092) / 3_882_052],
      [DEVICE.cpuUtilisation.name, { cpu: 'total' }, 0.01], //                                    2021.11.11.0|2|99
      [DEVICE.cpuUtilisation.name, { cpu: '196611' }, 0.02], //                                   25.3.3.1.2.196611|2|2
      [DEVICE.processes.name, {}, 120], //                                                        25.1.6.0|66|120
      [DEVICE.storageUsed.name, { hr_storage_index: '58', storage: '/boot' }, 42_402 * 4096], //   25.2.3.1.6.58|2|42402 × .4.58|2|4096
    ],
  },
  'linux-slackware-cray': {
    cls: 'server',
    profile: 'ucd-snmp',
    values: [
      [DEVICE.load1.name, {}, 0.46], //                                                           2021.10.1.5.1|2|46
      [DEVICE.memoryTotal.name, { pool: 'real' }, 1_021_976 * 1024], //                            2021.4.5.0|2|1021976
      [VENDOR.ucdMemoryAvailable.name, { pool: 'real' }, 63_676 * 1024], //                        2021.4.6.0|2|63676
      [DEVICE.cpuUtilisation.name, { cpu: 'total' }, 0.21], //                                    2021.11.11.0|2|79
      [DEVICE.processes.name, {}, 165], //                                                        25.1.6.0|66|165
      [DEVICE.storageSize.name, { hr_storage_index: '33', storage: '/export' }, 96_144_541 * 4096], // 25.2.3.1.5.33|2|96144541
      [DEVICE.storageUsed.name, { hr_storage_index: '33', storage: '/export' }, 90_601_816 * 4096], // 25.2.3.1.6.33|2|90601816
    ],
  },
};

const recordings = recordingPoller({ prefix: 'test/server/' });
afterAll(() => recordings.close());
const { poll, collector } = recordings;

describe('server recordings through the collector', () => {
  it('the table covers every recording of testdata/server', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.snmprec')).map((f) => f.slice(0, -'.snmprec'.length));
    expect(Object.keys(WANT).sort()).toEqual(files.sort());
    expect(files.length).toBeGreaterThanOrEqual(16);
  });

  for (const [name, want] of Object.entries(WANT)) {
    it(`${name}: class ${want.cls}, profile ${want.profile}, values as recorded`, async () => {
      const polled = await poll(name);
      const info = expectClass(polled, want.cls);
      const { samples } = polled;
      expect(info.profiles!.split(',')).toContain(want.profile);
      for (const p of want.notProfiles ?? []) expect(info.profiles!.split(',')).not.toContain(p);
      checkRecording(samples, want, { exactlyOne: true });
    });
  }

  it('nothing absurd reaches the output: no negative size, temperature or power, no ratio above 1', async () => {
    for (const name of Object.keys(WANT)) {
      const { samples } = await poll(name);
      for (const s of samples) {
        const what = `${name}: ${s.name} ${JSON.stringify(s.labels)}`;
        if (/_(bytes|watts|rpm|celsius)$/.test(s.name)) expect(s.value, what).toBeGreaterThanOrEqual(0);
        if (s.name.endsWith('_celsius')) expect(s.value, what).toBeLessThan(150);
        if (s.name.endsWith('_ratio')) expect(s.value, what).toBeLessThanOrEqual(1);
      }
    }
  });
});

/** One poll of any community (not only testdata/server), for the profile checks below. */
async function pollCommunity(community: string, profiles?: string[]): Promise<readonly Sample[]> {
  const options = snmpKind.optionsSchema.parse(profiles ? { community, profiles } : { community });
  const target = { name: community, kind: 'snmp', address: `127.0.0.1:${inject('snmpsim').port}`, options, intervalMs: 60_000, timeoutMs: 10_000, labels: {} };
  return collector.collect(target, AbortSignal.timeout(10_000));
}
const valueOf = (samples: readonly Sample[], metric: string, labels: Labels) => samples.filter((s) => s.name === metric && sameLabels(s.labels, labels)).map((s) => s.value);

describe('dell-idrac on an invented iDRAC 9 (testdata/dell-idrac-invented: MIB layout, made-up values)', () => {
  const B = '674.10892.5';
  it(`maps ObjectStatusEnum and StatusProbeEnum, tenths of °C, and takes power only from systemWatts probes (${B})`, async () => {
    const s = await pollCommunity('test/dell-idrac-invented');
    const info = s.find((x) => x.name === DEVICE.info.name)!;
    expect(info.labels.class).toBe('server');
    expect(valueOf(s, VENDOR_SERVER.dellIdracInfo.name, { model: 'PowerEdge R640', service_tag: 'INV0001' })).toEqual([1]); // .1.3.12.0, .1.3.2.0
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'system' })).toEqual([0]); //          .2.1.0|2|4 nonCritical
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'storage' })).toEqual([1]); //         .2.3.0|2|3 ok
    expect(valueOf(s, VENDOR_SERVER.dellIdracPowerOn.name, {})).toEqual([1]); //                .2.4.0|2|4 on
    expect(valueOf(s, STORAGE.psuOk.name, { chassis: '1', index: '1', psu: 'PS1 Status' })).toEqual([1]); // .4.600.12.1.5.1.1|2|3
    expect(valueOf(s, STORAGE.psuOk.name, { chassis: '1', index: '2', psu: 'PS2 Status' })).toEqual([0]); // .4.600.12.1.5.1.2|2|5
    // .4.600.30.1.6.1.3|2|252 with .7.1.3|2|26 (systemWatts); rows 1.1 and 1.2 are type 23 (tenths of A) and stay out
    expect(s.filter((x) => x.name === DEVICE.powerDraw.name).map((x) => [x.labels.probe, x.value])).toEqual([['System Board Pwr Consumption', 252]]);
    expect(valueOf(s, DEVICE.temperature.name, { chassis: '1', index: '1', sensor: 'System Board Inlet Temp' })[0]).toBeCloseTo(21.5, 6); // .4.700.20.1.6.1.1|2|215
    expect(valueOf(s, DEVICE.fanSpeed.name, { chassis: '1', index: '1', fan: 'System Board Fan1A' })).toEqual([5880]); // .4.700.12.1.6.1.1|2|5880
    expect(valueOf(s, STORAGE.fanOk.name, { chassis: '1', index: '2', fan: 'System Board Fan1B' })).toEqual([0]); //    .4.700.12.1.5.1.2|2|10 failed
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'memory', chassis: '1', index: '1', dimm: 'DIMM.Socket.A1' })).toEqual([1]); // .4.1100.50.1.5.1.1|2|3
    expect(s.filter((x) => x.name === DEVICE.healthOk.name && x.labels.component === 'memory')).toHaveLength(1); // .5.1.2|2|2 unknown: nothing
    expect(valueOf(s, STORAGE.diskOk.name, { index: '2', disk: 'Physical Disk 0:1:1' })).toEqual([0]); //          .5.1.20.130.4.1.4.2|2|7 failed
  });
});

describe('lenovo-xcc on an invented XCC (testdata/lenovo-xcc-invented: LENOVO-XCC-MIB layout, made-up values)', () => {
  it('classes it by sysObjectID and reads health, temperatures, "33 %" fan speeds and health texts (19046.11.1.1)', async () => {
    const s = await pollCommunity('test/lenovo-xcc-invented');
    expect(s.find((x) => x.name === DEVICE.info.name)!.labels.class).toBe('server');
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'system' })).toEqual([0]); //                         .4.1.0|2|4 nonCritical
    expect(valueOf(s, DEVICE.temperature.name, { index: '2', sensor: 'CPU1 Temp' })).toEqual([41]); //          .1.2.1.3.2|2|41
    expect(valueOf(s, VENDOR_SERVER.lenovoXccFanSpeed.name, { index: '1', fan: 'Fan 1 Front Tach' })[0]).toBeCloseTo(0.33, 9); // .3.2.1.3.1|4|33 %
    expect(valueOf(s, VENDOR_SERVER.lenovoXccFanSpeed.name, { index: '2', fan: 'Fan 2 Front Tach' })).toEqual([]); //  .3.2.1.3.2|4|offline
    expect(valueOf(s, STORAGE.fanOk.name, { index: '1', fan: 'Fan 1 Front Tach' })).toEqual([1]); //           .3.2.1.10.1|4|Normal
    expect(valueOf(s, STORAGE.fanOk.name, { index: '2', fan: 'Fan 2 Front Tach' })).toEqual([0]); //           .3.2.1.10.2|4|Critical
    expect(valueOf(s, STORAGE.psuOk.name, { index: '2', psu: 'Power Supply 2' })).toEqual([0]); //              .11.2.1.6.2|4|Warning
  });
});

describe('fujitsu-irmc on an invented iRMC (testdata/fujitsu-irmc-invented: FSC-SERVERCONTROL2-MIB layout, made-up values)', () => {
  it('leaves out sensors that are not available and PSUs that are not present (231.2.10.2.2.10)', async () => {
    const s = await pollCommunity('test/fujitsu-irmc-invented');
    expect(s.find((x) => x.name === DEVICE.info.name)!.labels.class).toBe('server');
    expect(valueOf(s, DEVICE.temperature.name, { unit: '1', index: '2', sensor: 'CPU1' })).toEqual([33]); //   .5.1.1.6.1.2|2|33, status .5.1.1.5.1.2|2|8
    expect(s.filter((x) => x.name === DEVICE.temperature.name).map((x) => x.labels.sensor)).toEqual(['Ambient', 'CPU1']); // CPU2 .5.1.1.5.1.3|2|2
    expect(valueOf(s, DEVICE.fanSpeed.name, { unit: '1', index: '1', fan: 'FAN1 SYS' })).toEqual([4680]); //   .5.2.1.6.1.1|2|4680
    expect(valueOf(s, STORAGE.psuOk.name, { unit: '1', index: '1', psu: 'PSU1' })).toEqual([1]); //             .6.2.1.5.1.1|2|3 ok
    expect(valueOf(s, STORAGE.psuOk.name, { unit: '1', index: '2', psu: 'PSU2' })).toEqual([0]); //             .6.2.1.5.1.2|2|5 ac-fail
    expect(s.filter((x) => x.name === STORAGE.psuOk.name)).toHaveLength(2); //                                  PSU3 .6.2.1.5.1.3|2|2 not present
  });
});

describe('inspur-bmc on an invented Inspur BMC (testdata/inspur-bmc-invented: Inspur MIB layout, made-up values)', () => {
  it('maps Normal(1), Warning(2), Critical(3) and leaves N/A(0) out (37945.2.1)', async () => {
    const s = await pollCommunity('test/inspur-bmc-invented');
    expect(s.find((x) => x.name === DEVICE.info.name)!.labels.class).toBe('server');
    expect(valueOf(s, STORAGE.psuOk.name, { psu: '1' })).toEqual([1]); //                                   .1.6.1.1.9.1|2|1
    expect(valueOf(s, STORAGE.psuOk.name, { psu: '2' })).toEqual([0]); //                                   .1.6.1.1.9.2|2|3
    expect(valueOf(s, STORAGE.fanOk.name, { fan: '2' })).toEqual([1]); //                                   .2.3.1.1.3.2|2|1
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'voltage', sensor: '1' })).toEqual([0]); //        .2.2.1.1.3.1|2|2
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'temperature', sensor: '1' })).toEqual([1]); //    .2.1.1.1.3.1|2|1
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'temperature', sensor: '2' })).toEqual([]); //     .2.1.1.1.3.2|2|0 N/A
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'memory', dimm: '2' })).toEqual([]); //            .2.5.1.1.3.2|2|0 N/A
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'processor', cpu: '1' })).toEqual([1]); //        .2.4.1.1.3.1|2|1
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'processor', cpu: '2' })).toEqual([]); //         .2.4.1.1.3.2|2|0 N/A
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'disk', disk: '2' })).toEqual([0]); //            .2.6.1.1.3.2|2|3 Critical
  });

  it('reads temperature and fan readings sent as text, with their sensor names (37945.2.1.2.N.1.1.2 and .4)', async () => {
    const s = await pollCommunity('test/inspur-bmc-invented');
    expect(valueOf(s, DEVICE.temperature.name, { sensor: '1', sensor_name: 'Inlet_Temp' })).toEqual([24]); //   .2.1.1.1.4.1|4|24
    expect(valueOf(s, DEVICE.temperature.name, { sensor: '3', sensor_name: 'CPU2_Temp' })).toEqual([41.5]); //  .2.1.1.1.4.3|4|41.5 degrees C
    expect(s.filter((x) => x.name === DEVICE.temperature.name)).toHaveLength(2); //                                .2.1.1.1.4.2|4|N/A gives nothing
    expect(valueOf(s, DEVICE.fanSpeed.name, { fan: '1', fan_name: 'FAN0_F_Speed' })).toEqual([5880]); //        .2.3.1.1.4.1|4|5880
    expect(valueOf(s, DEVICE.fanSpeed.name, { fan: '2', fan_name: 'FAN0_R_Speed' })).toEqual([5460]); //        .2.3.1.1.4.2|4|5460 RPM
  });
});

describe('xfusion-ibmc on an invented xFusion iBMC (testdata/xfusion-ibmc-invented: iBMC MIB under 58132, made-up values)', () => {
  it('health, host CPU, power draw, tenths of °C and the 65535 "no reading" (58132.2.235.1.1)', async () => {
    const s = await pollCommunity('test/xfusion-ibmc-invented');
    expect(s.find((x) => x.name === DEVICE.info.name)!.labels.class).toBe('server');
    expect(valueOf(s, VENDOR_SERVER.xfusionIbmcInfo.name, { model: '2288H V6' })).toEqual([1]); //            .1.6.0
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'system' })).toEqual([0]); //                      .1.1.0|2|3 major
    expect(valueOf(s, DEVICE.powerDraw.name, {})).toEqual([318]); //                                        .1.13.0|2|318 (W)
    expect(valueOf(s, DEVICE.cpuUtilisation.name, { cpu: 'host' })).toEqual([0.07]); //                     .1.23.0|2|7
    expect(valueOf(s, DEVICE.temperature.name, { index: '1', sensor: 'Inlet Temp' })).toEqual([23.5]); //   .26.50.1.3.1|2|235
    expect(valueOf(s, DEVICE.temperature.name, { index: '2', sensor: 'CPU2 Core Rem' })).toEqual([]); //     .26.50.1.3.2|2|65535
  });
});

describe('ibm-imm additions, on the shared recording server/ibm-x3550-m3', () => {
  it('system health as health_ok and fan speeds read from "35 %" text', async () => {
    const s = await pollCommunity('server/ibm-x3550-m3');
    expect(valueOf(s, DEVICE.healthOk.name, { component: 'system' })).toEqual([1]); //                    2.3.51.3.1.4.1.0|2|255 normal
    expect(valueOf(s, VENDOR_SERVER.ibmImmFanSpeed.name, { index: '1', fan: 'Fan 1 Tach' })[0]).toBeCloseTo(0.35, 9); // 2.3.51.3.1.3.2.1.3.1|4|35 %
    expect(valueOf(s, VENDOR_SERVER.ibmImmFanSpeed.name, { index: '3', fan: 'Fan 3 Tach' })[0]).toBeCloseTo(0.36, 9); // 2.3.51.3.1.3.2.1.3.3|4|36 %
    expect(s.filter((x) => x.name === VENDOR_SERVER.ibmImmFanSpeed.name)).toHaveLength(5); //              fanSpeed .1 to .5
  });
});

describe('detect.replaces', () => {
  it('names profiles that exist', () => {
    const all = loadProfiles();
    for (const p of all.values()) for (const name of p.detect.replaces) expect(all.has(name), `${p.name} replaces ${name}`).toBe(true);
  });

  it('profiles named in the target options are kept: the iBMC\'s own load and storage, when asked for', async () => {
    const s = await pollCommunity('test/server/huawei-ibmc-rh2288h-v3', ['huawei-ibmc', 'host-resources', 'ucd-snmp']);
    expect(valueOf(s, DEVICE.load1.name, {})[0]).toBeCloseTo(13.59, 6); //                                  2021.10.1.5.1|2|1359
    expect(valueOf(s, DEVICE.storageSize.name, { hr_storage_index: '40', storage: '/opt/pme/pram' })).toEqual([7927 * 1024]); // 25.2.3.1.5.40 × .4.40
    expect(valueOf(s, DEVICE.cpuUtilisation.name, { cpu: 'host' })).toEqual([0.2]); //                       2011.2.235.1.1.1.23.0|2|20
  });
});

describe('detect.class_by_subtree', () => {
  const profiles = [...loadProfiles().values()];
  const cimc = profiles.find((p) => p.name === 'cisco-ucs-cimc')!;
  const session = new NetSnmpSession(
    { host: '127.0.0.1', port: inject('snmpsim').port, version: 2, community: 'test/server/cisco-cimc-c220-m6s', timeoutMs: 2000, retries: 1, maxRepetitions: 10, maxInFlight: 2 },
    new Semaphore(4),
  );
  afterAll(() => session.close());

  it('the answering compute subtree classes a CIMC server although the cisco profile claims its sysObjectID as network', async () => {
    const found = await detect(session, profiles, AbortSignal.timeout(10_000));
    expect(found.sysObjectId).toBe('1.3.6.1.4.1.9.1.3100');
    expect(found.profiles.map((p) => p.name)).toEqual(expect.arrayContaining(['cisco', 'cisco-ucs-cimc']));
    expect(found.deviceClass).toBe('server');
  });

  it('without it, the sysObjectID match decides: the same agent would be network', async () => {
    const without = profiles.map((p) => (p === cimc ? { ...cimc, detect: { ...cimc.detect, class_by_subtree: false } } : p));
    expect((await detect(session, without, AbortSignal.timeout(10_000))).deviceClass).toBe('network');
  });
});
