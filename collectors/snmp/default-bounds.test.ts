import { afterAll, describe, expect, it } from 'vitest';
import { DEVICE, UPS } from '../../src/metrics/names.ts';
import { defaultBounds } from './default-bounds.ts';
import { loadProfiles } from './profiles.ts';
import { checkRecording, recordingPoller } from '../../test/helpers/snmp-recordings.ts';

/**
 * The unit defaults every profile gauge gets (default-bounds.ts), on real devices whose agents send a
 * negative size that no profile declared impossible (testdata/bounds, community test/bounds/NAME).
 * Expected values worked out by hand from the .snmprec line in each comment (S = hrStorageTable 25.2.3.1).
 */

const recordings = recordingPoller();
afterAll(() => recordings.close());
const discarded = (samples: readonly { name: string; labels: Record<string, string>; value: number }[]) =>
  samples.find((s) => s.name === DEVICE.valuesDiscarded.name && s.labels.reason === 'implausible')?.value ?? 0;

describe('default plausibility bounds by unit', () => {
  it('a Waystream switch whose RAM row reads -225218 × 4096 bytes used exports its flash, not a negative size', async () => {
    const { samples } = await recordings.poll('test/bounds/waystream-ibos-ms4026');
    checkRecording(samples, {
      values: [
        [DEVICE.storageSize.name, { hr_storage_index: '3', storage: '/flash' }, 123_396_096], // S.5.3|2|15063 × S.4.3|2|8192
        [DEVICE.storageUsed.name, { hr_storage_index: '3', storage: '/flash' }, 101_638_144], // S.6.3|2|12407 × 8192
      ],
      absentSeries: [[DEVICE.storageUsed.name, { hr_storage_index: '1' }]], // S.6.1|2|-225218 × S.4.1|2|4096
    });
    expect(discarded(samples)).toBe(1);
  });

  it('a Compellent controller with negative buffer and cache rows keeps its physical memory', async () => {
    const { samples } = await recordings.poll('test/bounds/dell-compellent-freebsd');
    checkRecording(samples, {
      values: [
        [DEVICE.storageSize.name, { hr_storage_index: '1', storage: 'Physical memory' }, 8_397_684_736], // S.5.1|2|2050216 × S.4.1|2|4096
        [DEVICE.storageUsed.name, { hr_storage_index: '1', storage: 'Physical memory' }, 6_958_030_848], // S.6.1|2|1698738 × 4096
        [DEVICE.storageSize.name, { hr_storage_index: '6', storage: 'Memory buffers' }, 117_964_800], //   S.5.6|2|115200 × S.4.6|2|1024
      ],
      absentSeries: [
        [DEVICE.storageUsed.name, { hr_storage_index: '6' }], // S.6.6|2|-4012904
        [DEVICE.storageUsed.name, { hr_storage_index: '7' }], // S.6.7|2|-146249
      ],
    });
    expect(discarded(samples)).toBe(2);
  });

  it('a bound a profile declares wins over the default; the side it leaves open gets the default', () => {
    const profiles = loadProfiles();
    const isilon = profiles.get('isilon')!.metrics.find((m) => m.name === DEVICE.temperature.name)!;
    expect([isilon.min, isilon.max]).toEqual([-20, 150]); // isilon.yaml: min -20 (CPU thermal margins read -64), max 150
    const load = profiles.get('apc-smartups')!.metrics.find((m) => m.name === UPS.outputLoad.name)!;
    expect([load.min, load.max]).toEqual([0, 5]); // apc-smartups.yaml declares min 0 only; an overload reads over 100 %
  });

  it('gives every gauge unit of the normalised model a bound, and none to names without a unit', () => {
    expect(defaultBounds('slaguard_ups_battery_runtime_seconds')).toEqual({ min: 0, max: 7 * 86_400 });
    expect(defaultBounds('slaguard_ups_output_load_ratio')).toEqual({ min: 0, max: 5 });
    expect(defaultBounds('slaguard_sensor_voltage_volts').min).toBeLessThan(0); // a -12 V rail is real
    expect(defaultBounds('slaguard_ups_output_voltage_volts').min).toBe(0);
    expect(defaultBounds('slaguard_device_info')).toEqual({});
  });
});
