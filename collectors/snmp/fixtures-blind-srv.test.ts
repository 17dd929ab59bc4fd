import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVICE, STORAGE, VENDOR_SERVER } from '../../src/metrics/names.ts';
import type { DeviceClass } from './profile-schema.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

/**
 * Blind-audit regressions for servers and BMCs (issue 10): devices the profiles had not seen, from
 * LibreNMS's test recordings, transcribed into testdata/server/blind (only the OIDs slaguard reads plus
 * sysDescr/sysObjectID/sysUpTime/sysName; provenance in testdata/server/README.md) and polled through
 * the real collector with auto-detection against snmpsimd (community test/server/blind/NAME). Every
 * expected value was worked out by hand from the .snmprec line named beside it (OIDs shortened:
 * 25.… is 1.3.6.1.2.1.25.…, 2021.… and the vendor numbers are under 1.3.6.1.4.1).
 */

const DIR = join(import.meta.dirname, 'testdata/server/blind');

interface Want extends RecordingWant {
  cls: DeviceClass;
  /** A profile auto-detection must pick. */
  profile: string;
  /** Profiles it must not pick (a BMC's own HOST-RESOURCES/UCD, a CIMC profile on a switch). */
  notProfiles?: string[];
}

/** What a BMC's embedded Linux answers in HOST-RESOURCES and UCD: none of it is the server's. */
const BMC_OWN = ['host-resources', 'host-resources-ram', 'ucd-snmp'];
const BMC_OWN_ABSENT = [DEVICE.load1.name, DEVICE.cpuUtilisation.name, DEVICE.memoryTotal.name, DEVICE.storageSize.name, DEVICE.processes.name];

const WANT: Record<string, Want> = {
  'lenovo-xcc-sr665-v3': {
    cls: 'server',
    profile: 'lenovo-xcc',
    notProfiles: BMC_OWN,
    values: [
      [DEVICE.healthOk.name, { component: 'system' }, 1], //                                       19046.11.1.1.4.1.0|2|255 normal
      [DEVICE.powerDraw.name, {}, 231], //                                                          19046.11.1.1.10.1.10.0|2|231 (W)
      [DEVICE.temperature.name, { index: '1', sensor: 'Ambient Temp' }, 22], //                    …1.1.1.2.1.3.1|4|22
      [DEVICE.temperature.name, { index: '3', sensor: 'CPU 1 Temp' }, 39], //                      …1.1.1.2.1.3.3|4|39
      [DEVICE.temperature.name, { index: '6', sensor: 'DIMM 2 Temp' }, 27], //                     …1.1.1.2.1.3.6|4|27
      [VENDOR_SERVER.lenovoXccFanSpeed.name, { index: '8', fan: 'Fan 2 Rear Tach' }, 0.39], //     …1.1.3.2.1.3.8|4| 39% of maximum
      [VENDOR_SERVER.lenovoXccFanSpeed.name, { index: '1', fan: 'Fan 1 Front Tach' }, 0.38], //    …1.1.3.2.1.3.1|4| 38% of maximum
      [STORAGE.fanOk.name, { index: '12', fan: 'Fan 6 Rear Tach' }, 1], //                         …1.1.3.2.1.10.12|4|Normal
    ],
    // Exhaust Temp …1.1.1.2.1.3.2|4|0 with its thresholds N/A: not readable, left out
    absentSeries: [[DEVICE.temperature.name, { index: '2' }]],
    counts: { [DEVICE.temperature.name]: 5, [STORAGE.fanOk.name]: 12 },
    // the XCC's own 25.3.3.1.2.196608|2|34, 2021.10.1.5.1|2|212, 25.2.3.1.5.1 "Physical memory" are its ARM Linux
    absent: BMC_OWN_ABSENT,
  },
  'lenovo-xcc-sr250': {
    cls: 'server',
    profile: 'lenovo-xcc',
    notProfiles: BMC_OWN,
    values: [
      [DEVICE.healthOk.name, { component: 'system' }, 1], //                                       19046.11.1.1.4.1.0|2|255
      [DEVICE.temperature.name, { index: '1', sensor: 'CPU Temp' }, 35], //                        …1.1.1.2.1.3.1|4|35
      [DEVICE.temperature.name, { index: '4', sensor: 'Exhaust Temp' }, 35], //                    …1.1.1.2.1.3.4|4|35
      [VENDOR_SERVER.lenovoXccFanSpeed.name, { index: '3', fan: 'Fan 3 Tach' }, 0.27], //          …1.1.3.2.1.3.3|4| 27% of maximum
    ],
    // CPU DTS …1.1.1.2.1.3.2|4|-51.0 is a margin below the CPU's limit, not a temperature (below the -40 bound)
    absentSeries: [[DEVICE.temperature.name, { index: '2' }]],
    counts: { [DEVICE.temperature.name]: 3, [STORAGE.fanOk.name]: 4 },
    absent: [...BMC_OWN_ABSENT, DEVICE.powerDraw.name], //                                          no fuel gauge recorded
  },
  'fujitsu-irmc-rx300-s8': {
    cls: 'server',
    profile: 'fujitsu-irmc',
    values: [
      [DEVICE.healthOk.name, { component: 'system' }, 1], //                                       231.2.10.2.2.10.8.1.0|2|1 ok
      [DEVICE.temperature.name, { unit: '1', index: '1', sensor: 'Ambient' }, 23], //              …10.5.1.1.6.1.1|66|23
      [DEVICE.temperature.name, { unit: '1', index: '19', sensor: 'RAID Controller' }, 72], //     …10.5.1.1.6.1.19|66|72
      [DEVICE.fanSpeed.name, { unit: '1', index: '1', fan: 'FAN1 SYS' }, 5280], //                 …10.5.2.1.6.1.1|66|5280
      [STORAGE.fanOk.name, { unit: '1', index: '7', fan: 'FAN PSU2' }, 1], //                      …10.5.2.1.5.1.7|2|3 ok
      [DEVICE.powerDraw.name, { unit: '1', index: '1', psu: 'PSU1' }, 116], //                     …10.6.2.1.6.1.1|2|116 (W)
      [DEVICE.powerDraw.name, { unit: '1', index: '2', psu: 'PSU2' }, 96], //                      …10.6.2.1.6.1.2|2|96
      [STORAGE.psuOk.name, { unit: '1', index: '2', psu: 'PSU2' }, 1], //                          …10.6.2.1.5.1.2|2|3 ok
    ],
    counts: { [DEVICE.temperature.name]: 19, [STORAGE.fanOk.name]: 7, [DEVICE.powerDraw.name]: 2 },
  },
  'supermicro-x11-bmc-sys-1019p': {
    cls: 'server',
    profile: 'supermicro-bmc',
    notProfiles: BMC_OWN,
    values: [
      [DEVICE.temperature.name, { index: '1', sensor: 'CPU Temp' }, 32], //                        21317.1.3.1.2.1|4|32.000; .13.1|4|CPU Temp
      [DEVICE.temperature.name, { index: '5', sensor: 'MB_10G Temp' }, 67], //                     21317.1.3.1.2.5|4|67.000
      [DEVICE.fanSpeed.name, { index: '10', fan: 'FAN1' }, 8100], //                               21317.1.3.1.2.10|4|8100.000
      [DEVICE.fanSpeed.name, { index: '16', fan: 'FAN7' }, 8500], //                               21317.1.3.1.2.16|4|8500.000
      [STORAGE.psuOk.name, { psu: '1' }, 1], //                                                    21317.1.14.2.1.2.1|2|1
      [DEVICE.powerDraw.name, { psu: '1' }, 67], //                                                21317.1.14.2.1.5.1|2|67 (W)
      [DEVICE.powerDraw.name, { psu: '2' }, 44], //                                                21317.1.14.2.1.5.2|2|44
    ],
    // M2NVMeSSD Temp (.2.9|4|0.000, lcThreshold .6.9|4|0.000), FAN3 (.12) and FAN6 (.15): not fitted
    absentSeries: [[DEVICE.temperature.name, { index: '9' }], [DEVICE.fanSpeed.name, { index: '12' }], [DEVICE.fanSpeed.name, { index: '15' }]],
    counts: { [DEVICE.temperature.name]: 8, [DEVICE.fanSpeed.name]: 5, [STORAGE.psuOk.name]: 2 },
    absent: BMC_OWN_ABSENT,
  },
  // an older BMC with net-snmp's sysObjectID (8072.3.2.10) whose sensor table has readings but no names:
  // the sensor table makes it a Supermicro server; nothing can tell a temperature from a fan, so nothing is read
  'supermicro-x10-bmc': {
    cls: 'server',
    profile: 'supermicro-bmc',
    notProfiles: BMC_OWN,
    absent: [...BMC_OWN_ABSENT, DEVICE.temperature.name, DEVICE.fanSpeed.name],
  },
  'ibm-imm2-x3550-m3': {
    cls: 'server',
    profile: 'ibm-imm',
    notProfiles: BMC_OWN,
    values: [
      [DEVICE.temperature.name, { index: '1', sensor: 'Ambient Temp' }, 25], //                    2.3.51.3.1.1.2.1.3.1|2|25
      [DEVICE.healthOk.name, { component: 'system' }, 0], //                                       2.3.51.3.1.4.1.0|2|2 critical
    ],
    absent: BMC_OWN_ABSENT, //                                                                       the IMM's 25.3.3.1.2.768, 2021.10.1.5.1 …
  },
  'windows-server-2019': {
    cls: 'server', //                                                                               sysObjectID 311.1.1.3.1.2, classes.yaml
    profile: 'host-resources-ram',
    values: [
      [DEVICE.memoryTotal.name, { pool: 'real', hr_storage_index: '4', storage: 'Physical Memory' }, 262_127 * 65_536], // 25.2.3.1.5.4|2|262127 × .4.4|2|65536
      [DEVICE.memoryUsed.name, { pool: 'real', hr_storage_index: '4', storage: 'Physical Memory' }, 59_527 * 65_536], //   25.2.3.1.6.4|2|59527
      [DEVICE.memoryUtilisation.name, { pool: 'real', hr_storage_index: '4', storage: 'Physical Memory' }, 59_527 / 262_127],
      [DEVICE.cpuUtilisation.name, { cpu: '7' }, 0.04], //                                            25.3.3.1.2.7|2|4
    ],
    // Virtual Memory (.2.3|6|…25.2.1.3) and the disks are not RAM
    counts: { [DEVICE.memoryTotal.name]: 1 },
  },
  'aix-7-hrstorage': {
    cls: 'server',
    profile: 'host-resources-ram',
    values: [
      [DEVICE.memoryTotal.name, { pool: 'real', hr_storage_index: '22', storage: 'System RAM' }, 1_966_080 * 4096], // 25.2.3.1.5.22 × .4.22|2|4096
      [DEVICE.memoryUsed.name, { pool: 'real', hr_storage_index: '22', storage: 'System RAM' }, 1_673_587 * 4096], //  25.2.3.1.6.22|2|1673587
      [DEVICE.memoryUtilisation.name, { pool: 'real', hr_storage_index: '22', storage: 'System RAM' }, 1_673_587 / 1_966_080],
    ],
    counts: { [DEVICE.memoryTotal.name]: 1 },
  },
  // AIX with net-snmp: UCD memory wins over HOST-RESOURCES; the /aha row is -1 × 512
  'aix-net-snmp': {
    cls: 'server',
    profile: 'ucd-snmp',
    notProfiles: ['host-resources-ram'],
    values: [
      [DEVICE.memoryTotal.name, { pool: 'real' }, 8_388_608 * 1024], //                              2021.4.5.0|2|8388608 (kB)
      [DEVICE.storageSize.name, { hr_storage_index: '31', storage: '/' }, 262_144 * 4096], //         25.2.3.1.5.31|2|262144 × .4.31|2|4096
    ],
    absentSeries: [[DEVICE.storageSize.name, { hr_storage_index: '42' }], [DEVICE.storageUsed.name, { hr_storage_index: '42' }]], // 25.2.3.1.5.42|2|-1
    counts: { [DEVICE.memoryTotal.name]: 1 },
  },
  'vmware-esxi-7-dl380p-gen8': {
    cls: 'server',
    profile: 'host-resources-ram',
    values: [
      [DEVICE.memoryTotal.name, { pool: 'real', hr_storage_index: '9', storage: 'Real Memory' }, 201_290_968 * 1024], // 25.2.3.1.5.9 × .4.9|2|1024
      [DEVICE.memoryUsed.name, { pool: 'real', hr_storage_index: '9', storage: 'Real Memory' }, 98_305_080 * 1024], //   25.2.3.1.6.9|2|98305080
    ],
    counts: { [DEVICE.memoryTotal.name]: 1 },
  },
  'dell-idrac9-r640': {
    cls: 'server',
    profile: 'dell-idrac',
    values: [
      [VENDOR_SERVER.dellIdracInfo.name, { model: 'PowerEdge R640' }, 1], //                       674.10892.5.1.3.12.0|4|PowerEdge R640
      [DEVICE.healthOk.name, { component: 'system' }, 1], //                                       674.10892.2.2.1.0|2|3 ok (globalSystemStatus not recorded)
      [DEVICE.temperature.name, { chassis: '1', index: '1', sensor: 'CPU1 Temp' }, 55], //          …5.4.700.20.1.6.1.1|2|550 (tenths)
      [DEVICE.temperature.name, { chassis: '1', index: '4', sensor: 'System Board Exhaust Temp' }, 57], // …700.20.1.6.1.4|2|570
      [DEVICE.fanSpeed.name, { chassis: '1', index: '1', fan: 'System Board Fan1A' }, 4080], //   …700.12.1.6.1.1|2|4080
      [DEVICE.powerDraw.name, { chassis: '1', index: '3', probe: 'System Board Pwr Consumption' }, 144], // …600.30.1.6.1.3|2|144, type .7.1.3|2|26
      [DEVICE.healthOk.name, { component: 'memory', chassis: '1', index: '1', dimm: 'DIMM.Socket.B2' }, 1], // …1100.50.1.5.1.1|2|3
      [STORAGE.diskOk.name, { index: '1', disk: 'NonRAID Solid State Disk 0:1:1' }, 1], //           …5.5.1.20.130.4.1.4.1|2|3 online
    ],
    // probes 1 and 2 are PSU currents (type .7.1.1|2|23), not watts; powerSupplyStatus (600.12.1.5) not recorded
    counts: { [DEVICE.temperature.name]: 4, [DEVICE.fanSpeed.name]: 14, [DEVICE.powerDraw.name]: 1, [STORAGE.diskOk.name]: 4 },
    absent: [STORAGE.psuOk.name],
  },
  'dell-idrac9-c6525': {
    cls: 'server',
    profile: 'dell-idrac',
    values: [
      [DEVICE.temperature.name, { chassis: '1', index: '1', sensor: 'Inlet Temp' }, 17], //        …5.4.700.20.1.6.1.1|2|170
      [DEVICE.temperature.name, { chassis: '1', index: '3', sensor: 'CPU2 Temp' }, 39], //         …700.20.1.6.1.3|2|390
      [DEVICE.fanSpeed.name, { chassis: '1', index: '8', fan: 'FAN4B' }, 9288], //                 …700.12.1.6.1.8|2|9288
      [STORAGE.fanOk.name, { chassis: '1', index: '8', fan: 'FAN4B' }, 1], //                      …700.12.1.5.1.8|2|3 ok
      [STORAGE.psuOk.name, { chassis: '1', index: '2', psu: 'PS2 Status' }, 1], //                 …600.12.1.5.1.2|2|3 ok
      [DEVICE.powerDraw.name, { chassis: '1', index: '1', probe: 'System Board Pwr Consumption' }, 224], // …600.30.1.6.1.1|2|224, type 26
      [STORAGE.diskOk.name, { index: '2', disk: 'SSD 1' }, 1], //                                  …130.4.1.4.2|2|3 online
    ],
    counts: { [DEVICE.temperature.name]: 3, [STORAGE.psuOk.name]: 2, [DEVICE.powerDraw.name]: 1, [DEVICE.healthOk.name]: 17 },
  },
  'dell-ome-modular-mx7000': {
    cls: 'server',
    profile: 'dell-ome-m',
    notProfiles: BMC_OWN,
    values: [
      [DEVICE.healthOk.name, { component: 'system' }, 1], //                                       674.10892.6.2.1.0|2|3 ok
      [DEVICE.healthOk.name, { component: 'fans' }, 1], //                                         674.10892.6.3.1.4.0|2|3
      [DEVICE.temperature.name, { sensor: 'front_panel' }, 27], //                                 674.10892.6.3.1.8.0|2|27
      [DEVICE.powerDraw.name, { chassis: '1' }, 4843], //                                          674.10892.6.4.1.1.9.1|4|4843 (W, text)
      [STORAGE.psuOk.name, { chassis: '1', psu: '6' }, 1], //                                      674.10892.6.4.2.1.8.1.6|2|3
    ],
    counts: { [DEVICE.healthOk.name]: 8, [STORAGE.psuOk.name]: 6 },
    absent: [DEVICE.load1.name], //                                                                  2021.10.1.5.1|2|179 is the management module's
  },
  // UCS Fabric Interconnects: switches, with a cevChassis sysObjectID (9.12.3.1.3.1062 = UCS 6248UP)
  'cisco-ucs-fi-6248up': { cls: 'network', profile: 'cisco-ucs-fi', notProfiles: ['cisco-ucs-cimc'] },
  // invented (README): a 6296UP (9.12.3.1.3.1063) answering the compute subtree for its blades
  'cisco-ucs-fi-invented-compute': {
    cls: 'network',
    profile: 'cisco-ucs-fi',
    notProfiles: ['cisco-ucs-cimc'],
    absent: [DEVICE.powerDraw.name, DEVICE.temperature.name], //                                     9.9.719.1.9.14.1.4.1|2|350 is a blade's
  },
  // sysDescr and sysObjectID only: the class comes from classes.yaml
  'oracle-ilom-sparc-m7': { cls: 'server', profile: 'system' }, //                                  42.2.200
  'ibm-bladecenter-amm': { cls: 'server', profile: 'system' }, //                                   2.6.158.5
  'solaris-11-net-snmp': { cls: 'server', profile: 'system' }, //                                   8072.3.2.3
  'openbsd-net-snmp': { cls: 'server', profile: 'system' }, //                                      8072.3.2.12
  'windows-7-workstation': { cls: 'server', profile: 'system' }, //                                 311.1.1.3.1.1
  'aix-vios': { cls: 'server', profile: 'system' }, //                                              2.3.1.2.1.1.3
  'nutanix-aos-cvm': { cls: 'server', profile: 'system' }, //                                       41263
  'vmware-vcsa-7': { cls: 'server', profile: 'system' }, //                                         6876.4.6
};

const recordings = recordingPoller({ prefix: 'test/server/blind/' });
const shared = recordingPoller();
afterAll(() => {
  recordings.close();
  shared.close();
});

describe('blind-audit server recordings (testdata/server/blind) through the collector', () => {
  it('the table covers every recording of testdata/server/blind', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.snmprec')).map((f) => f.slice(0, -'.snmprec'.length));
    expect(Object.keys(WANT).sort()).toEqual(files.sort());
  });

  for (const [name, want] of Object.entries(WANT)) {
    it(`${name}: class ${want.cls}, profile ${want.profile}, values as recorded`, async () => {
      const polled = await recordings.poll(name);
      const info = expectClass(polled, want.cls);
      const profiles = info.profiles!.split(',');
      expect(profiles).toContain(want.profile);
      for (const p of want.notProfiles ?? []) expect(profiles).not.toContain(p);
      checkRecording(polled.samples, want, { exactlyOne: true });
    });
  }

  it('the lm-sensors profile reads lm_sensors temperatures (LM-SENSORS-MIB) on the shared net-snmp Linux recording', async () => {
    const polled = await shared.poll('server/linux-netsnmp');
    expectClass(polled, 'server');
    // 2021.13.16.2.1.3.1|66|13000 (m°C); .2.1|4|temp1
    checkRecording(polled.samples, { values: [[DEVICE.temperature.name, { lm_index: '1', sensor: 'temp1' }, 13]], counts: { [DEVICE.temperature.name]: 1 } }, { exactlyOne: true });
  });

  it('nothing absurd reaches the output: no negative size, temperature or power, no ratio above 1', async () => {
    for (const name of Object.keys(WANT)) {
      for (const s of (await recordings.poll(name)).samples) {
        const what = `${name}: ${s.name} ${JSON.stringify(s.labels)}`;
        if (/_(bytes|watts|rpm|celsius)$/.test(s.name)) expect(s.value, what).toBeGreaterThanOrEqual(0);
        if (s.name.endsWith('_celsius')) expect(s.value, what).toBeLessThan(150);
        if (s.name.endsWith('_ratio')) expect(s.value, what).toBeLessThanOrEqual(1);
      }
    }
  });
});
