/**
 * Firewall regressions found by the blind audit (issue 10): recordings in testdata/firewall transcribed
 * from LibreNMS test data (only the OIDs slaguard reads, see testdata/firewall/README.md), polled through
 * the real collector against the global snmpsimd with auto-detection.
 *
 * Each expected value is worked out by hand from the .snmprec line quoted beside it (OID|type|value).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEVICE } from '../../src/metrics/names.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

const TEST_TIMEOUT_MS = 60_000;
const recordings = recordingPoller({ prefix: 'test/firewall/', timeoutMs: 30_000 });
afterAll(() => recordings.close());

const { cpuUtilisation: CPU, memoryTotal: MEM_TOTAL, memoryUtilisation: MEM_UTIL, sessions: SESSIONS, haRole: HA_ROLE, haInSync: HA_SYNC, temperature: TEMP, fanSpeed: FAN } = DEVICE;
const KB = 1024;

interface Row extends RecordingWant {
  file: string;
  /** A profile that must be among the detected ones. */
  profile: string;
  cls?: string;
}

const ROWS: Row[] = [
  {
    file: 'fortigate-501e-vdom', // FortiGate 501E, FortiOS 5.6.4, two virtual domains, no HA group
    profile: 'fortigate',
    values: [
      // 101.3.2.1.1.2.1|4|root   101.3.2.1.1.4.1|2|1 (fgVdEntHaState master)
      [HA_ROLE.name, { role: 'active' }, 1],
      [HA_ROLE.name, { role: 'standby' }, 0],
      [HA_ROLE.name, { role: 'standalone' }, 0],
      // 101.4.3.2.1.2.19|4|CPU DTS0   101.4.3.2.1.3.19|4|43
      [TEMP.name, { sensor_index: '19', sensor: 'CPU DTS0' }, 43],
      // 101.4.3.2.1.2.20|4|TD1   101.4.3.2.1.3.20|4|37
      [TEMP.name, { sensor_index: '20', sensor: 'TD1' }, 37],
      // 101.4.3.2.1.2.27|4|Fan 1   101.4.3.2.1.3.27|4|6500
      [FAN.name, { sensor_index: '27', fan: 'Fan 1' }, 6500],
      // 101.4.3.2.1.2.34|4|PS1 Fan 1   101.4.3.2.1.3.34|4|6400
      [FAN.name, { sensor_index: '34', fan: 'PS1 Fan 1' }, 6400],
      [SESSIONS.name, {}, 541], //                                   101.4.1.8.0|66|541
    ],
    // 9 temperatures: CPU DTS0, TD1, TD2, TR3, 4 × LM75, 4 × "PSn Temp m"; 5 fans; voltages are neither
    counts: { [TEMP.name]: 12, [FAN.name]: 5, [HA_ROLE.name]: 3 },
  },
  {
    file: 'fortigate-1500d-ha', // FortiGate 1500D, active-passive cluster, no fgVdTable answered
    profile: 'fortigate',
    values: [
      // 101.4.3.2.1.2.18|4|DTS CPU   101.4.3.2.1.3.18|4|53
      [TEMP.name, { sensor_index: '18', sensor: 'DTS CPU' }, 53],
      // 101.4.3.2.1.2.41|4|PS1 Temp   101.4.3.2.1.3.41|4|26
      [TEMP.name, { sensor_index: '41', sensor: 'PS1 Temp' }, 26],
      // 101.4.3.2.1.2.35|4|Fan 1   101.4.3.2.1.3.35|4|3800
      [FAN.name, { sensor_index: '35', fan: 'Fan 1' }, 3800],
      // 101.4.3.2.1.2.42|4|PS1 Fan 1   101.4.3.2.1.3.42|4|12160
      [FAN.name, { sensor_index: '42', fan: 'PS1 Fan 1' }, 12160],
      // 101.13.1.1.0|2|3 (activePassive): which unit is primary is not in the MIB
      [HA_ROLE.name, { role: 'active' }, 0],
      [HA_ROLE.name, { role: 'standalone' }, 0],
      // 101.13.2.1.1.2.1|4|FG1K5D3I10000000   101.13.2.1.1.12.1|2|1
      [HA_SYNC.name, { ha_member: '1', member: 'FG1K5D3I10000000' }, 1],
      [SESSIONS.name, {}, 26_190], //                                101.4.1.8.0|66|26190
    ],
    // DTS CPU, CPU Core 0-5, TD1-4, TS1-6, PS1 Temp, PS2 Temp; Fan 1-6, PS1 Fan 1, PS2 Fan 1
    counts: { [TEMP.name]: 19, [FAN.name]: 8 },
    // "PS1 Status" (101.4.3.2.1.3.45|4|0) is a state, not a temperature or a fan
    absentSeries: [[TEMP.name, { sensor: 'PS1 Status' }], [FAN.name, { fan: 'PS1 Status' }]],
  },
  {
    file: 'fortigate-60f-standalone', // FortiGate 60F, FortiOS 7.2.10, no HA
    profile: 'fortigate',
    values: [
      // 101.3.2.1.1.4.1|2|3 (fgVdEntHaState standalone), 101.13.1.1.0|2|1 (fgHaSystemMode standalone): one series each
      [HA_ROLE.name, { role: 'standalone' }, 1],
      [HA_ROLE.name, { role: 'active' }, 0],
      [HA_ROLE.name, { role: 'standby' }, 0],
      // 101.4.3.2.1.2.1|4|CPU ON-DIE Temperature   101.4.3.2.1.3.1|4|56.691002
      [TEMP.name, { sensor_index: '1', sensor: 'CPU ON-DIE Temperature' }, 56.691002],
      [CPU.name, { cpu: 'total' }, 0.12], //                          101.4.1.3.0|66|12
      [MEM_UTIL.name, { pool: 'total' }, 0.46], //                    101.4.1.4.0|66|46
      [MEM_TOTAL.name, { pool: 'total' }, 1_963_880 * KB], //         101.4.1.5.0|66|1963880 (KB)
      [SESSIONS.name, {}, 313], //                                    101.4.1.8.0|66|313
    ],
    counts: { [HA_ROLE.name]: 3, [TEMP.name]: 4, [FAN.name]: 0 },
  },
];

describe('firewall regressions from the blind audit', () => {
  it.each(ROWS)('$file is classed and gives its values', async (r) => {
    const polled = await recordings.poll(r.file);
    const info = expectClass(polled, r.cls ?? 'firewall');
    expect(info.profiles!.split(',')).toContain(r.profile);
    checkRecording(polled.samples, r, { exactlyOne: true });
  }, TEST_TIMEOUT_MS);

  it('no recording exports two series with the same name and labels', async () => {
    for (const r of ROWS) {
      const keys = (await recordings.poll(r.file)).samples.map((s) => `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`);
      expect(keys.length - new Set(keys).size, r.file).toBe(0);
    }
  }, TEST_TIMEOUT_MS);
});


