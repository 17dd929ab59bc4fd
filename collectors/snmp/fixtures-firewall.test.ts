/**
 * Firewall recordings (testdata/firewall, community test/firewall/NAME, and the shared security/ ones)
 * polled through the real collector against snmpsimd, auto-detection included.
 *
 * Expected values are worked out by hand from the .snmprec line quoted in each comment (OID|type|value;
 * `4x` values are hex, decoded in the comment), not from the code under test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE, STORAGE, VENDOR_FIREWALL } from '../../src/metrics/names.ts';
import { recordingPoller } from '../../test/helpers/snmp-recordings.ts';

const TEST_TIMEOUT_MS = 60_000;
const POLL_TIMEOUT_MS = 30_000;

const recordings = recordingPoller({ timeoutMs: POLL_TIMEOUT_MS });
afterAll(() => recordings.close());
const { poll } = recordings;

const series = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/** The one series of `name` whose labels include `labels`. */
function one(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): Sample {
  const found = series(samples, name, labels);
  expect(found, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
  return found[0]!;
}

const KB = 1024;
const fw = (name: string) => `test/firewall/${name}`;

/** [metric, labels the series must carry, value worked out by hand]. */
type Expected = [string, Record<string, string>, number];

interface Recording {
  community: string;
  /** A profile that must be among the detected ones. */
  profile: string;
  values: Expected[];
  /** Series the device does not give: nothing may be exported for them. */
  absent?: string[];
}

const { cpuUtilisation: CPU, memoryTotal: MEM_TOTAL, memoryUsed: MEM_USED, memoryUtilisation: MEM_UTIL, sessions: SESSIONS, sessionsMax: SESSIONS_MAX, haRole: HA_ROLE, haInSync: HA_SYNC, healthOk: HEALTH, temperature: TEMP } = DEVICE;

const RECORDINGS: Recording[] = [
  {
    community: fw('fortinet-xcu'), // FortiGate 3000D (fgHaGroupName FG3000D), FortiOS 5.4.5, HA active-passive
    profile: 'fortigate',
    values: [
      [CPU.name, { cpu: 'total' }, 0.05], //                          12356.101.4.1.3.0|66|5 (fgSysCpuUsage %)
      [MEM_UTIL.name, { pool: 'total' }, 0.19], //                    12356.101.4.1.4.0|66|19 (fgSysMemUsage %)
      [MEM_TOTAL.name, { pool: 'total' }, 66_016_264 * KB], //        12356.101.4.1.5.0|66|66016264 (fgSysMemCapacity KB)
      [MEM_USED.name, { pool: 'total' }, 66_016_264 * KB * 0.19], //  capacity × usage
      [SESSIONS.name, {}, 683_825], //                                12356.101.4.1.8.0|66|683825 (fgSysSesCount)
      [VENDOR_FIREWALL.fortigateSessionRate.name, {}, 4457], //       12356.101.4.1.11.0|66|4457 (fgSysSesRate1)
      [VENDOR_FIREWALL.fortigateHaMode.name, { mode: 'active_passive' }, 1], // 12356.101.13.1.1.0|2|3 (fgHaSystemMode)
      [VENDOR_FIREWALL.fortigateHaMode.name, { mode: 'standalone' }, 0],
      [HA_ROLE.name, { role: 'standalone' }, 0], //                   active-passive: the primary is not said
      [HA_ROLE.name, { role: 'active' }, 0],
      // 13.2.1.1.2.2|4|FGT3KD3Z16800708 (fgHaStatsSerial)   13.2.1.1.12.2|2|1 (fgHaStatsSyncStatus synchronized)
      [HA_SYNC.name, { ha_member: '2', member: 'FGT3KD3Z16800708' }, 1],
      // 4.3.2.1.2.9|4x|435055203020436f72652030 (CPU 0 Core 0)   4.3.2.1.4.9|2|0 (fgHwSensorEntAlarmStatus false)
      [HEALTH.name, { sensor_index: '9', component: 'CPU 0 Core 0' }, 1],
    ],
  },
  {
    community: fw('fortigate-fortios56'), // sysObjectID 12356.15, FortiOS 5.6.4, no HA group
    profile: 'fortigate',
    values: [
      [CPU.name, { cpu: 'total' }, 0.42], //                          12356.101.4.1.3.0|66|42
      [MEM_UTIL.name, { pool: 'total' }, 0.23], //                    12356.101.4.1.4.0|66|23
      [MEM_TOTAL.name, { pool: 'total' }, 16_433_640 * KB], //        12356.101.4.1.5.0|66|16433640
      [SESSIONS.name, {}, 541], //                                    12356.101.4.1.8.0|66|541
    ],
    absent: [HA_ROLE.name, HA_SYNC.name, VENDOR_FIREWALL.fortigateHaMode.name],
  },
  {
    community: fw('fortigate-60f-cluster'), // FortiOS 6.4.9, cluster of two
    profile: 'fortigate',
    values: [
      [CPU.name, { cpu: 'total' }, 0.04], //                          12356.101.4.1.3.0|66|4
      [MEM_USED.name, { pool: 'total' }, 1_964_820 * KB * 0.39], //   4.1.5.0|66|1964820 × 4.1.4.0|66|39 %
      [SESSIONS.name, {}, 21_489], //                                 12356.101.4.1.8.0|66|21489
      [VENDOR_FIREWALL.fortigateHaMode.name, { mode: 'active_passive' }, 1], // 12356.101.13.1.1.0|2|3
      [HA_SYNC.name, { ha_member: '1' }, 1], //                       13.2.1.1.12.1|2|1 (no fgHaStatsSerial recorded)
      [HA_SYNC.name, { ha_member: '2' }, 1], //                       13.2.1.1.12.2|2|1
      // 4.3.2.1.2.1|4|CPU ON-DIE Temperature   4.3.2.1.4.1|2|0
      [HEALTH.name, { component: 'CPU ON-DIE Temperature' }, 1],
    ],
  },
  {
    community: fw('fortigate-60f'), // FortiOS 7.2.6: HA statistics table but no fgHaSystemMode
    profile: 'fortigate',
    values: [
      [CPU.name, { cpu: 'total' }, 0], //                             12356.101.4.1.3.0|66|0
      [SESSIONS.name, {}, 174], //                                    12356.101.4.1.8.0|66|174
      [HA_SYNC.name, { member: 'FGT60FTK00000001' }, 1], //           13.2.1.1.2.2|4|FGT60FTK00000001   13.2.1.1.12.2|2|1
    ],
    absent: [VENDOR_FIREWALL.fortigateHaMode.name, HA_ROLE.name],
  },
  {
    community: fw('cisco-firepower2110-asa'), // ASA 9.12 on a Firepower 2110, failover primary and active
    profile: 'cisco-asa',
    values: [
      [SESSIONS.name, {}, 7756], //                                   9.9.147.1.2.2.2.1.5.40.6|66|7756 (protoIp currentInUse)
      [VENDOR_FIREWALL.ciscoAsaConnectionsPeak.name, {}, 72_363], //  9.9.147.1.2.2.2.1.5.40.7|66|72363 (protoIp high)
      // 147.1.2.1.1.1.2.6|4|Primary unit (this device)   147.1.2.1.1.1.3.6|2|9 (active)
      [HA_ROLE.name, { hardware: '6', role: 'active' }, 1],
      [HA_ROLE.name, { hardware: '6', role: 'standby' }, 0],
      // 221.1.1.1.1.3.1.1|4|System memory   221.1.1.1.1.18.1.1|70|1944140480 (HCUsed)   …20.1.1|70|5215214790 (HCFree)
      [MEM_USED.name, { index: '1.1', pool: 'System memory' }, 1_944_140_480],
      [MEM_TOTAL.name, { index: '1.1', pool: 'System memory' }, 1_944_140_480 + 5_215_214_790],
      [MEM_UTIL.name, { index: '1.1', pool: 'System memory' }, 1_944_140_480 / (1_944_140_480 + 5_215_214_790)],
    ],
    absent: [CPU.name], // no CISCO-PROCESS-MIB recorded
  },
  {
    // sysObjectID 9.1.1407 is in no profile's list: classed by answering CISCO-FIREWALL-MIB
    community: fw('cisco-asa-failover-off'),
    profile: 'cisco-asa',
    values: [
      [SESSIONS.name, {}, 7], //                                      147.1.2.2.2.1.5.40.6|66|7
      [VENDOR_FIREWALL.ciscoAsaConnectionsPeak.name, {}, 432], //     147.1.2.2.2.1.5.40.7|66|432
      // 147.1.2.1.1.1.2.7|4|Secondary unit (this device)   …3.7|2|3 (down)   …4.7|4|Failover Off
      [HA_ROLE.name, { hardware: '7', role: 'standalone' }, 1],
      [HA_ROLE.name, { hardware: '7', role: 'active' }, 0],
      [CPU.name, { cpu: '1' }, 0], //                                 109.1.1.1.1.5.1|66|0 (cpmCPUTotal5min; no …Rev column)
      // 221.1.1.1.1.18.2.1|70|581012592   221.1.1.1.1.20.2.1|70|1566471056
      [MEM_TOTAL.name, { index: '2.1' }, 581_012_592 + 1_566_471_056],
    ],
  },
  {
    community: fw('cisco-firepower4115-ftd'), // FTD 6.6.1 (ASA 9.14) on a Firepower 4115
    profile: 'cisco-asa',
    values: [
      [SESSIONS.name, {}, 26_960], //                                 147.1.2.2.2.1.5.40.6|66|26960
      [CPU.name, { cpu: '2' }, 0.07], //                              109.1.1.1.1.8.2|66|7 (cpmCPUTotal5minRev)
      // 221.1.1.1.1.18.1.1|70|18230624000   …20.1.1|70|96988270028
      [MEM_TOTAL.name, { index: '1.1', pool: 'System memory' }, 18_230_624_000 + 96_988_270_028],
    ],
  },
  {
    community: fw('cisco-ftd-6-2'), // FTD 6.2 (ASA 9.7), sysObjectID 9.1.2409, no CISCO-FIREWALL-MIB recorded
    profile: 'cisco-asa',
    values: [[CPU.name, { cpu: '2' }, 0.11]], //                     109.1.1.1.1.8.2|66|11
    absent: [SESSIONS.name, HA_ROLE.name],
  },
  {
    community: fw('cisco-firepower1140-ftd'), // FTD 6.4 on a Firepower 1140 (9.1.2662), no CISCO-FIREWALL-MIB recorded
    profile: 'cisco-asa',
    values: [
      [CPU.name, { cpu: '2' }, 0.13], //                              109.1.1.1.1.8.2|66|13
      // 221.1.1.1.1.18.1.1|70|2355961568   …20.1.1|70|3181701533
      [MEM_UTIL.name, { index: '1.1' }, 2_355_961_568 / (2_355_961_568 + 3_181_701_533)],
    ],
    absent: [SESSIONS.name],
  },
  {
    community: fw('cisco-securefirewall3130-ftd'), // Secure Firewall 3130 (9.1.3055), FTD 7.4.1, no CISCO-FIREWALL-MIB recorded
    profile: 'cisco-asa',
    values: [[CPU.name, { cpu: '2' }, 0.03]], //                     109.1.1.1.1.8.2|66|3
    absent: [SESSIONS.name],
  },
  {
    community: fw('hillstone-sg6000-e3965'), // sysObjectID recorded with a leading dot: .1.3.6.1.4.1.28557.1.126
    profile: 'hillstone',
    values: [
      [CPU.name, { cpu: 'total' }, 0.55], //                          28557.2.2.1.3.0|2|55 (sysCPU)
      [MEM_TOTAL.name, { pool: 'total' }, 8_388_608 * KB], //         28557.2.2.1.4.0|66|8388608 (sysTotalMemory KB)
      [MEM_USED.name, { pool: 'total' }, 1_444_687 * KB], //          28557.2.2.1.5.0|66|1444687 (sysCurMemory KB)
      [MEM_UTIL.name, { pool: 'total' }, 1_444_687 / 8_388_608],
      [TEMP.name, { sensor: 'Switch' }, 68], //                       28.1.2.1.2.4|4|Switch   28.1.2.1.3.4|2|68
      [STORAGE.psuOk.name, { psu: 'PS1' }, 1], //                     27.1.2.1.2.2|4|PS1   27.1.2.1.3.2|2|0 (fine)
    ],
    absent: [SESSIONS.name, HA_ROLE.name], // sysCurSession and sysHAStatus not recorded
  },
  {
    community: fw('paloalto-pa-3000'), // PAN-OS 9.0.7, HA active-passive
    profile: 'paloalto',
    values: [
      [SESSIONS.name, {}, 38], //                                     25461.2.1.2.3.3.0|2|38 (panSessionActive)
      [HA_ROLE.name, { role: 'active' }, 1], //                       25461.2.1.2.1.11.0|4|active (panSysHAState)
      [HA_ROLE.name, { role: 'standby' }, 0],
      [CPU.name, { cpu: '1' }, 0.02], //                              25.3.3.1.2.1|2|2 (hrProcessorLoad, management plane)
    ],
    absent: [SESSIONS_MAX.name], // panSessionMax not recorded
  },
  {
    community: fw('paloalto-pa-5400'), // PA-5400, HA active with the peer non-functional (no IF-MIB in this capture)
    profile: 'paloalto',
    values: [
      [SESSIONS.name, {}, 552_445], //                                25461.2.1.2.3.3.0|2|552445
      [SESSIONS_MAX.name, {}, 19_999_996], //                         25461.2.1.2.3.2.0|2|19999996
      [HA_ROLE.name, { role: 'active' }, 1], //                       25461.2.1.2.1.11.0|4|active
    ],
  },
  {
    community: fw('paloalto-pa-440'), // PAN-OS 10.1.14, HA disabled
    profile: 'paloalto',
    values: [
      [SESSIONS.name, {}, 241], //                                    25461.2.1.2.3.3.0|2|241
      [SESSIONS_MAX.name, {}, 199_998], //                            25461.2.1.2.3.2.0|2|199998 (panSessionMax)
      [HA_ROLE.name, { role: 'standalone' }, 1], //                   25461.2.1.2.1.11.0|4|disabled
      [HA_ROLE.name, { role: 'active' }, 0],
    ],
  },
  {
    community: fw('checkpoint-gaia-cluster-active'), // Check Point Gaia R80.20, ClusterXL member
    profile: 'checkpoint',
    values: [
      [SESSIONS.name, {}, 214], //                                    2620.1.1.25.3.0|66|214 (fwNumConn)
      [VENDOR_FIREWALL.checkpointConnectionsPeak.name, {}, 713], //  2620.1.1.25.4.0|66|713 (fwPeakNumConn)
      [HA_ROLE.name, { role: 'active' }, 1], //                       2620.1.5.6.0|4|active (haState)
      [CPU.name, { cpu: 'total' }, 0.02], //                          2021.11.11.0|2|98 (ssCpuIdle)
    ],
    absent: [SESSIONS_MAX.name], //                                   2620.1.1.25.10.0|66|0 (fwConnTableLimit: automatic)
  },
  {
    community: fw('checkpoint-15600-standby'), // Check Point 15600 (VSX), R80.20, ClusterXL standby
    profile: 'checkpoint',
    values: [
      [HA_ROLE.name, { role: 'standby' }, 1], //                      2620.1.5.6.0|4|standby
      [HA_ROLE.name, { role: 'active' }, 0],
      [TEMP.name, { sensor: 'CPU0 Temp' }, 62.88], //                 6.7.8.1.1.2.1.0|4|CPU0 Temp   6.7.8.1.1.3.1.0|4|62.88
      [STORAGE.fanOk.name, { fan: 'System Fan 4' }, 1], //            6.7.8.2.1.2.4.0|4|System Fan 4   6.7.8.2.1.6.4.0|2|0 (in range)
      [VENDOR_FIREWALL.checkpointInfo.name, { version: 'R80.20', model: 'Check Point 15600' }, 1], // 6.4.1.0, 6.16.7.0
    ],
  },
  {
    community: fw('checkpoint-3200-r80'), // Check Point 3200, R80.10
    profile: 'checkpoint',
    values: [
      [TEMP.name, { sensor: 'Intake Temp' }, 43], //                  6.7.8.1.1.2.3.0|4|Intake Temp   6.7.8.1.1.3.3.0|4|43.00
      // 2021.4.5.0|2|8004816 − (4.6.0|2|948744 + 4.14.0|2|361444 + 4.15.0|2|3087344), KB
      [MEM_USED.name, { pool: 'real' }, (8_004_816 - 948_744 - 361_444 - 3_087_344) * KB],
      [MEM_UTIL.name, { pool: 'real' }, (8_004_816 - 948_744 - 361_444 - 3_087_344) / 8_004_816],
    ],
  },
  {
    // sysObjectID 1.3.6.1.4.1.8072.3.2.10 (net-snmp's generic Linux): recognised by its CHECKPOINT-MIB subtree
    community: fw('checkpoint-1100'),
    profile: 'checkpoint',
    values: [
      [SESSIONS.name, {}, 134], //                                    2620.1.1.25.3.0|65|134
      [SESSIONS_MAX.name, {}, 149_900], //                            2620.1.1.25.10.0|65|149900
      [HA_ROLE.name, { role: 'standalone' }, 1], //                   2620.1.5.6.0|4|ClusterXL inactive or machine is down
      [CPU.name, { cpu: 'total' }, 0.19], //                          2021.11.11.0|2|81
    ],
  },
  {
    // sysObjectID 2636.1.1.1.2.34 (Juniper, `network` by juniper.yaml): the SRX SPU table makes it a firewall
    community: fw('juniper-srx3600-cluster'), // SRX3600 chassis cluster, JUNOS 12.1X46
    profile: 'juniper-srx',
    values: [
      [MEM_UTIL.name, { spu: '6', node: 'node0' }, 0.61], //          2636.3.39.1.12.1.1.1.5.6|66|61   …11.6|4|node0
      [CPU.name, { spu: '32', node: 'node1' }, 0], //                 2636.3.39.1.12.1.1.1.4.32|66|0   …11.32|4|node1
      [VENDOR_FIREWALL.juniperSrxSpuSessions.name, { spu: '33', node: 'node1' }, 675], // …1.1.1.6.33|66|675
      [VENDOR_FIREWALL.juniperSrxSpuSessionsMax.name, { spu: '6' }, 409_600], //          …1.1.1.7.6|66|409600
    ],
    absent: [SESSIONS.name, SESSIONS_MAX.name], // jnxJsSPUMonitoringCurrentTotalSession / MaxTotalSession not recorded
  },
  {
    community: fw('sophos-xg-sfos18'), // Sophos XG (SFOS 18.0.1), HA off
    profile: 'sophos-xg',
    values: [
      [HA_ROLE.name, { role: 'standalone' }, 1], //                   2604.5.1.4.4.0|2|0 (sfosDeviceCurrentHAState notapplicable)
      [HA_ROLE.name, { role: 'active' }, 0],
      // 2604.5.1.1.2.0|4|SFVH_SO01_SFOS   2604.5.1.1.3.0|4|18.0.1 MR-1-Build396
      [VENDOR_FIREWALL.sophosInfo.name, { model: 'SFVH_SO01_SFOS', version: '18.0.1 MR-1-Build396' }, 1],
      // sfosMemoryStatus not recorded: HOST-RESOURCES rows 1, 6, 7 (units 1024): 25.2.3.1.5.1|2|3940392
      [MEM_TOTAL.name, { pool: 'real' }, 3_940_392 * KB],
      // 25.2.3.1.6.1|2|3103996 − (6.6|2|67316 + 6.7|2|617488)
      [MEM_USED.name, { pool: 'real' }, (3_103_996 - 67_316 - 617_488) * KB],
    ],
  },
  {
    // sysObjectID recorded as 1.0.3.0.6.0.1.0: recognised by answering sonicwallFwStats
    community: fw('sonicwall-tz570'), // SonicWall TZ 570, SonicOS 7.0.1
    profile: 'sonicwall',
    values: [
      [SESSIONS.name, {}, 573], //                                    8741.1.3.1.2.0|66|573 (sonicCurrentConnCacheEntries)
      [SESSIONS_MAX.name, {}, 375_000], //                            8741.1.3.1.1.0|2|375000 (sonicMaxConnCacheEntries)
      [MEM_UTIL.name, { pool: 'total' }, 0.36], //                    8741.1.3.1.4.0|66|36 (sonicCurrentRAMUtil)
      [VENDOR_FIREWALL.sonicwallInfo.name, { model: 'TZ 570', firmware: 'SonicOS 7.0.1-R1456' }, 1], // 8741.2.1.1.1.0, .3.0
    ],
    absent: [CPU.name], //                                            sonicCurrentCPUUtil not recorded
  },
  {
    community: fw('cyberoam-utm'), // Cyberoam (SFOS 17.5.5 MR-5)
    profile: 'cyberoam',
    values: [
      [CPU.name, { cpu: 'total' }, 0.42], //                          21067.2.1.2.2.1.0|2|42 (cpuPercentUsage)
      [MEM_TOTAL.name, { pool: 'total' }, 3855 * 1_048_576], //       21067.2.1.2.4.1.0|66|3855 (memoryCapacity MB)
      [MEM_UTIL.name, { pool: 'total' }, 0.59], //                    21067.2.1.2.4.2.0|66|59 (memoryPercentUsage)
      [MEM_USED.name, { pool: 'total' }, 3855 * 1_048_576 * 0.59],
    ],
  },
  {
    community: fw('barracuda-cloudgen'), // Barracuda Firewall (10704.1.10), Linux: HOST-RESOURCES would class it server
    profile: 'barracuda-ngfw',
    values: [
      [CPU.name, { cpu: '196609' }, 0.2], //                          25.3.3.1.2.196609|2|20
      // 2021.4.5.0|2|4035012 − (4.6.0|2|151888 + 4.14.0|2|321996 + 4.15.0|2|2461092), KB
      [MEM_USED.name, { pool: 'real' }, (4_035_012 - 151_888 - 321_996 - 2_461_092) * KB],
    ],
  },
  {
    community: fw('zyxel-usg40w'), // Zyxel USG40W, ZLD 4.62 (sysObjectID 890.1.15)
    profile: 'zyxel-zld',
    values: [
      [CPU.name, { cpu: 'total' }, 0.9], //                           890.1.6.22.1.1.0|2|90 (sysCPUUsage)
      [MEM_UTIL.name, { pool: 'total' }, 0.42], //                    890.1.6.22.1.2.0|2|42 (sysRAMUsage)
      [SESSIONS.name, {}, 872], //                                    890.1.6.22.1.6.0|2|872 (sysSessionNum)
    ],
  },
  {
    community: fw('clavister-amaranten'), // Amaranten Firewall 8.90
    profile: 'clavister',
    values: [
      [CPU.name, { cpu: 'total' }, 0.34], //                          5089.1.2.1.1.0|66|34 (clvSysCpuLoad)
      [MEM_UTIL.name, { pool: 'total' }, 0.45], //                    5089.1.2.1.12.0|66|45 (clvSysMemUsage)
      [SESSIONS.name, {}, 215_296], //                                5089.1.2.1.5.0|66|215296 (clvSysConns)
    ],
  },
  {
    community: fw('legend-holdings-firewall'), // 联想网御 FIREWALL, UCD-SNMP-MIB copy under 9833.1.1
    profile: 'legend',
    values: [
      [CPU.name, { cpu: 'total' }, 0.18], //                          9833.1.1.11.9.0|2|10 + 9833.1.1.11.10.0|2|8
      [MEM_TOTAL.name, { pool: 'real' }, 4_008_072 * KB], //          9833.1.1.4.5.0|2|4008072
      [MEM_USED.name, { pool: 'real' }, (4_008_072 - 2_524_080) * KB], // − 9833.1.1.4.6.0|2|2524080
      [MEM_UTIL.name, { pool: 'real' }, (4_008_072 - 2_524_080) / 4_008_072],
      [VENDOR_FIREWALL.legendInfo.name, { version: 'V3.0' }, 1], //   9833.1.3.5.0|4x|56332e30 (V3.0)
    ],
  },
  {
    community: fw('sangfor-vad1'), // Sangfor vAD-1, Linux 2.6.30
    profile: 'sangfor',
    values: [
      // 2021.4.5.0|2|11061016 − (4.6.0|2|4683540 + 4.14.0|2|181236 + 4.15.0|2|1073048), KB
      [MEM_USED.name, { pool: 'real' }, (11_061_016 - 4_683_540 - 181_236 - 1_073_048) * KB],
      [MEM_UTIL.name, { pool: 'real' }, (11_061_016 - 4_683_540 - 181_236 - 1_073_048) / 11_061_016],
      [CPU.name, { cpu: '768' }, 0.09], //                            25.3.3.1.2.768|2|9
      [CPU.name, { cpu: 'total' }, 0.1], //                           2021.11.11.0|2|90 (ssCpuIdle)
    ],
    absent: [SESSIONS.name],
  },
  {
    community: fw('venus-vsos-v070060600'), // VSOS V0700: status group under 15227.1.5.1.1
    profile: 'venus',
    values: [
      [CPU.name, { cpu: 'total' }, 0.044_776_12], //                  15227.1.5.1.1.1.0|4x|…("cpu-usage: 4.477612%")
      [MEM_UTIL.name, { pool: 'memory' }, 0.596], //                  15227.1.5.1.1.2.0|4x|…("memory-usage: 59.6%")
      [SESSIONS.name, {}, 62], //                                     15227.1.5.1.1.3.0|4x|…("session-num: 62")
      [MEM_TOTAL.name, { pool: 'memory' }, 8_097_008 * KB], //        15227.1.5.1.1.6.0|4x|…("memory-total: 8097008kB")
    ],
    // 15227.1.5.1.1.7.0 ("memory-free: 3268311kB") is recorded twice, the second time empty: no used figure
    absent: [MEM_USED.name],
  },
  {
    community: fw('venus-unknown-001'), // Venustech 15227.9.1.2 "FIREWALL": none of the VSOS status groups
    profile: 'venus',
    values: [],
    absent: [CPU.name, SESSIONS.name],
  },
  {
    community: fw('infosec-nsae-6500'), // INFOSEC NSAE 6500, NSAE 8.4
    profile: 'infosec',
    values: [
      // 2021.4.5.0|2|16517040 − (4.6.0|2|8368380 + 4.14.0|2|408896 + 4.15.0|2|2289200), KB
      [MEM_USED.name, { pool: 'real' }, (16_517_040 - 8_368_380 - 408_896 - 2_289_200) * KB],
      [MEM_UTIL.name, { pool: 'real' }, (16_517_040 - 8_368_380 - 408_896 - 2_289_200) / 16_517_040],
      [CPU.name, { cpu: 'total' }, 0.01], //                          2021.11.11.0|2|99 (ssCpuIdle)
    ],
  },
  {
    community: fw('nsfocus-ads'), // NSFOCUS ADS (anti-DDoS), product ADS-2010
    profile: 'nsfocus',
    values: [
      [MEM_UTIL.name, { pool: 'total' }, 0.7], //                     19849.6.2.3.0|2|70
      // 2021.4.5.0|2|7849868 − (4.6.0|2|2375448 + 4.14.0|2|34944 + 4.15.0|2|713524), KB
      [MEM_USED.name, { pool: 'real' }, (7_849_868 - 2_375_448 - 34_944 - 713_524) * KB],
      [CPU.name, { cpu: '196613' }, 0.28], //                         25.3.3.1.2.196613|2|28
    ],
  },
  {
    // invented (README): HUAWEI-SECSTAT-MIB answered under a sysObjectID huawei.yaml classes network
    community: fw('huawei-usg-invented'),
    profile: 'huawei-usg',
    values: [
      [SESSIONS.name, {}, 12_345], //                                 2011.5.25.11.1.2.1.4.0|70|12345 (hwSecStatMonTotalSess)
      [CPU.name, { ent_physical_index: '16842753', module: 'SRU Board 0' }, 0.12], // 2011.5.25.31.1.1.1.1.5.16842753|2|12
    ],
  },
  // Shared recordings (shared/fixtures/snmprec/security) whose profiles carried no values before
  {
    community: 'security/netentsec-ngfw',
    profile: 'netentsec',
    values: [
      // 2021.4.5.0|2|7844812 − (4.6.0|2|1922224 + 4.14.0|2|274532 + 4.15.0|2|3000276), KB
      [MEM_USED.name, { pool: 'real' }, (7_844_812 - 1_922_224 - 274_532 - 3_000_276) * KB],
      [MEM_UTIL.name, { pool: 'real' }, (7_844_812 - 1_922_224 - 274_532 - 3_000_276) / 7_844_812],
      [CPU.name, { cpu: '770' }, 1], //                               25.3.3.1.2.770|2|100
    ],
  },
  {
    community: 'security/sangfor-ad1800-fp2',
    profile: 'sangfor',
    values: [
      // 2021.4.5.0|2|3953896 − (4.6.0|2|44728 + 4.14.0|2|394844 + 4.15.0|2|912876), KB
      [MEM_USED.name, { pool: 'real' }, (3_953_896 - 44_728 - 394_844 - 912_876) * KB],
      [MEM_UTIL.name, { pool: 'real' }, (3_953_896 - 44_728 - 394_844 - 912_876) / 3_953_896],
    ],
  },
  {
    community: 'security/topsec-ngfw4000-uf',
    profile: 'topsec',
    values: [[HA_ROLE.name, { role: 'active' }, 1]], //              14331.5.5.1.4.1.0|4|MASTER
  },
  {
    community: 'security/paloalto-pa-5000',
    profile: 'paloalto',
    values: [
      [SESSIONS_MAX.name, {}, 2_000_000], //                          25461.2.1.2.3.2.0|2|2000000
      [HA_ROLE.name, { role: 'standalone' }, 1], //                   25461.2.1.2.1.11.0|4|disabled
    ],
  },
];

/** Equal up to floating-point rounding of scale × factor. */
function expectValue(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} ≠ ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('firewall recordings through the real collector', () => {
  it.each(RECORDINGS)('$community is a firewall, with its values', async (r) => {
    const { samples, error } = await poll(r.community);
    expect(error).toBeUndefined();
    const info = one(samples, DEVICE.info.name);
    expect(info.labels.class).toBe('firewall');
    expect(info.labels.profiles!.split(',')).toContain(r.profile);
    expect(one(samples, DEVICE.uptime.name).value).toBeGreaterThan(0);
    for (const [metric, labels, value] of r.values) expectValue(one(samples, metric, labels).value, value, `${metric} ${JSON.stringify(labels)}`);
    for (const metric of r.absent ?? []) expect(series(samples, metric), metric).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('every exported ratio lies in 0..1 and no size, count or role is negative', async () => {
    for (const r of RECORDINGS) {
      const { samples } = await poll(r.community);
      for (const s of samples) {
        if (s.name.endsWith('_ratio')) expect(s.value, `${r.community} ${s.name}`).toBeLessThanOrEqual(1);
        if (s.name.startsWith('slaguard_device_') || s.name.startsWith('slaguard_sensor_')) expect(s.value, `${r.community} ${s.name}`).toBeGreaterThanOrEqual(0);
      }
    }
  }, TEST_TIMEOUT_MS);

  it('a unit never has two HA roles at once', async () => {
    for (const r of RECORDINGS) {
      const roles = series((await poll(r.community)).samples, HA_ROLE.name);
      expect(roles.filter((s) => s.value === 1).length, r.community).toBeLessThanOrEqual(1);
    }
  }, TEST_TIMEOUT_MS);

  it('a Cisco switch stays network: only the firewall line is classed by CISCO-FIREWALL-MIB', async () => {
    const { samples } = await poll('network/cisco-c3560');
    expect(one(samples, DEVICE.info.name).labels.class).toBe('network');
    expect(one(samples, DEVICE.info.name).labels.profiles!.split(',')).not.toContain('cisco-asa');
  }, TEST_TIMEOUT_MS);
});
