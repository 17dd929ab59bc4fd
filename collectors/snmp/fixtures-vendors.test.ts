import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVICE, IFACE } from '../../src/metrics/names.ts';
import type { DeviceClass } from './profile-schema.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

/**
 * Vendors of issue 10 that had a class but no values (testdata/vendors, served as community
 * test/vendors/NAME) polled through the real collector against snmpsimd, with auto-detection. Every
 * file is declared invented in testdata/vendors/README.md; each expected value was worked out by hand
 * from the .snmprec line named in its comment (M = 1.3.6.1.4.1.5651.3.20.1.1, MPIOS-MIB iosObjects).
 */

const TESTDATA = join(import.meta.dirname, 'testdata/vendors');

interface Want extends RecordingWant {
  cls: DeviceClass;
  /** A profile auto-detection must pick. */
  profile: string;
}

const WANT: Record<string, Want> = {
  'test/vendors/maipu-mypower-invented': {
    cls: 'network',
    profile: 'maipu',
    values: [
      [DEVICE.memoryTotal.name, {}, 268435456], //        M.1.8.0|2|268435456 (memoryTotalBytes, bytes)
      [DEVICE.memoryUsed.name, {}, 123456789], //         M.1.5.0|2|123456789 (numBytesAlloc, bytes)
      [DEVICE.memoryUtilisation.name, {}, 0.46], //       M.1.9.0|2|46 (allocBytesPercent)
      [DEVICE.cpuUtilisation.name, { cpu: '1' }, 0.12], // M.3.5.1.10.1|2|12 (cpuUtilCurrentUtil, %)
      [DEVICE.cpuUtilisation.name, { cpu: '2' }, 0.07], // M.3.5.1.10.2|2|7
      [DEVICE.temperature.name, { sensor: 'cpu' }, 48], //        M.4.1.0|2|48 (sysCpuTemper, °C)
      [DEVICE.temperature.name, { sensor: 'main_board' }, 36], // M.4.3.0|2|36 (sysMainBoardTemper, °C)
    ],
    counts: { [DEVICE.cpuUtilisation.name]: 2, [DEVICE.temperature.name]: 2 },
    absent: [IFACE.operUp.name],
  },
  'test/vendors/maipu-mypower-overflow-invented': {
    cls: 'network',
    profile: 'maipu',
    values: [
      [DEVICE.memoryUsed.name, {}, 1610612736], //        M.1.5.0|2|1610612736
      [DEVICE.memoryUtilisation.name, {}, 0.5], //        M.1.9.0|2|50
    ],
    // M.1.8.0|2|-1073741824: a 3 GiB total overflowed INTEGER, below the profile's min 1; no CPU table, no temperatures
    absent: [DEVICE.memoryTotal.name, DEVICE.cpuUtilisation.name, DEVICE.temperature.name],
  },
};

const recordings = recordingPoller();
afterAll(() => recordings.close());
const { poll } = recordings;

describe('testdata/vendors recordings through the collector', () => {
  it('the table covers every recording of testdata/vendors', () => {
    const files = readdirSync(TESTDATA).filter((f) => f.endsWith('.snmprec')).map((f) => `test/vendors/${f.slice(0, -'.snmprec'.length)}`);
    expect(Object.keys(WANT).sort()).toEqual(files.sort());
  });

  for (const [community, want] of Object.entries(WANT)) {
    it(`${community}: class ${want.cls}, profile ${want.profile}, values as recorded`, async () => {
      const polled = await poll(community);
      const info = expectClass(polled, want.cls);
      const { samples } = polled;
      expect(info.profiles!.split(',')).toContain(want.profile);
      checkRecording(samples, want, { exactlyOne: true });
    });
  }

  it('the real Maipu SM4200 (shared fixtures), which answers no MPIOS-MIB, gets no memory, CPU or temperature', async () => {
    const { samples } = await poll('network/maipu-sm4200-16gef8ge-ac');
    expect(samples.find((s) => s.name === DEVICE.info.name)!.labels.class).toBe('network');
    checkRecording(samples, { absent: [DEVICE.memoryTotal.name, DEVICE.memoryUsed.name, DEVICE.cpuUtilisation.name, DEVICE.temperature.name] });
  });

  it('Isilon (shared fixture storage/isilon-onefs): CPU thermal margins at -64 °C are not shown as temperatures', async () => {
    const { samples } = await poll('storage/isilon-onefs');
    // tempSensorTable 1.3.6.1.4.1.12124.2.54.1: .3 description, .4 value (text), rows 1-14
    checkRecording(samples, {
      values: [
        [DEVICE.temperature.name, { index: '4', sensor: 'IPMI Sensor #32: BB EDGE Temp' }, 26], // .3.4 "…BB EDGE Temp", .4.4 "26.000000"
        [DEVICE.temperature.name, { index: '12', sensor: 'IPMI Sensor #34: PS TEMP 2' }, 47], //  .3.12 "…PS TEMP 2", .4.12 "47.000000"
      ],
      // .3.1 "IPMI Sensor #116: P1 Therm Margi!" and .3.2 "…P1 DTS Thrm Mg!" (.4.1, .4.2 "-64.000000") by name;
      // .3.3 "IPMI Sensor #176" (.4.3 "-59.000000") by the -20 °C bound
      absentSeries: [[DEVICE.temperature.name, { index: '1' }], [DEVICE.temperature.name, { index: '2' }], [DEVICE.temperature.name, { index: '3' }]],
      counts: { [DEVICE.temperature.name]: 11 }, // rows 4-14 of 14
    }, { exactlyOne: true });
  });
});
