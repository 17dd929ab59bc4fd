import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE, UPS, VENDOR_UPS } from '../../src/metrics/names.ts';
import type { DeviceClass } from './profile-schema.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

/**
 * UPS recordings of issue 10's UPS group (testdata/ups, community test/ups/NAME; provenance in
 * testdata/ups/README.md) polled through the real collector against snmpsimd, with auto-detection. Every
 * expected value was worked out by hand from the .snmprec line named in its comment.
 */

const DIR = join(import.meta.dirname, 'testdata/ups');

/** What each device is; the class auto-detection must give, and the profiles it must pick. */
const CLASSES: Record<string, { cls: DeviceClass; profiles: string[] }> = {
  'apc-galaxy-vs-40kw': { cls: 'ups', profiles: ['apc-ups-phase', 'apc-smartups', 'system'] },
  'apc-smartups-centreon': { cls: 'ups', profiles: ['apc-smartups'] },
  'dell-ups-rack-3750': { cls: 'ups', profiles: ['dell-ups', 'system'] },
  'eaton-9390-powerxpert': { cls: 'ups', profiles: ['eaton-xups', 'ups-mib', 'system'] },
  'eaton-pw9130-connectups': { cls: 'ups', profiles: ['eaton-xups', 'system'] },
  'emerson-ul33': { cls: 'ups', profiles: ['emerson-ul33', 'system'] },
  'invented-ups-mib-phase-lost': { cls: 'ups', profiles: ['ups-mib', 'system'] },
  'megatec-netagent2': { cls: 'ups', profiles: ['megatec-xppc', 'system'] },
  'phoenixtec-xppc-output': { cls: 'ups', profiles: ['megatec-xppc'] },
  'powerwalker-nmc': { cls: 'ups', profiles: ['powerwalker-eppc', 'system'] },
  'powerware-xups-input': { cls: 'ups', profiles: ['eaton-xups'] },
  'riello-netman204': { cls: 'ups', profiles: ['ups-mib', 'system'] },
  'sinetica-upscontroller': { cls: 'ups', profiles: ['sinetica-ups', 'system'] },
  'socomec-netvision-3phase-input': { cls: 'ups', profiles: ['socomec-ups'] },
  'socomec-netvision-battery': { cls: 'ups', profiles: ['socomec-ups'] },
  'socomec-netvision5-battery': { cls: 'ups', profiles: ['socomec-netvision'] },
  'socomec-netys-rt': { cls: 'ups', profiles: ['socomec-ups', 'system'] },
  'tripplite-su2200': { cls: 'ups', profiles: ['ups-mib', 'system'] },
  'vertiv-ita2': { cls: 'ups', profiles: ['vertiv-ita2', 'system'] },
};

type Want = RecordingWant;

const SOURCE = UPS.outputSource.name;
const STATUS = UPS.batteryStatus.name;

const WANT: Record<string, Want> = {
  'apc-galaxy-vs-40kw': {
    values: [
      [UPS.info.name, { manufacturer: 'APC', model: 'Galaxy VS 40kW' }, 1], // 318.1.1.1.1.1.1.0
      [UPS.onBattery.name, {}, 0], //                      318.1.1.1.4.1.1.0 = 2 (onLine)
      [SOURCE, { source: 'normal' }, 1], //                same
      [UPS.lowBattery.name, {}, 0], //                     318.1.1.1.2.1.1.0 = 2 (batteryNormal)
      [UPS.charge.name, {}, 1], //                         318.1.1.1.2.2.1.0 = 100 % (no upsHighPrec 2.3.1)
      [UPS.runtime.name, {}, 6108], //                     318.1.1.1.2.2.3.0 = TimeTicks 610800
      [UPS.batteryTemperature.name, {}, 28], //            318.1.1.1.2.2.2.0 = 28
      [UPS.batteryVoltage.name, {}, 542], //               318.1.1.1.2.2.8.0 = 542 V
      [UPS.inputFrequency.name, { line: '1' }, 50], //     318.1.1.1.3.2.4.0 = 50
      [UPS.outputFrequency.name, {}, 50], //               318.1.1.1.4.2.2.0 = 50
      [UPS.outputLoad.name, { line: '1' }, 0.21], //       318.1.1.1.4.2.3.0 = 21 % (whole UPS; 9.3.3.1.10.1.x = -1)
      [UPS.inputVoltage.name, { line: '1' }, 389], //      318.1.1.1.9.2.3.1.3.1.1 = 389
      [UPS.inputVoltage.name, { line: '3' }, 390], //      318.1.1.1.9.2.3.1.3.1.3 = 390
      [VENDOR_UPS.inputCurrent.name, { line: '2' }, 10.4], // 318.1.1.1.9.2.3.1.6.1.2 = 104 (0.1 A)
      [VENDOR_UPS.inputPower.name, { line: '1' }, 2318], // 318.1.1.1.9.2.3.1.9.1.1 = 2318 W
      [VENDOR_UPS.bypassVoltage.name, { line: '1' }, 387], // 318.1.1.1.9.2.3.1.3.2.1 = 387 (table 2: bypass)
      [UPS.outputVoltage.name, { line: '2' }, 399], //     318.1.1.1.9.3.3.1.3.1.2 = 399
      [UPS.outputCurrent.name, { line: '1' }, 12.1], //    318.1.1.1.9.3.3.1.4.1.1 = 121 (0.1 A)
      [UPS.outputCurrent.name, { line: '3' }, 9.2], //     318.1.1.1.9.3.3.1.4.1.3 = 92
      [UPS.outputPower.name, { line: '3' }, 1773], //      318.1.1.1.9.3.3.1.13.1.3 = 1773 W
    ],
    counts: { [UPS.inputVoltage.name]: 3, [UPS.outputVoltage.name]: 3, [UPS.outputLoad.name]: 1, [VENDOR_UPS.bypassVoltage.name]: 3 },
    absent: [UPS.replaceBattery.name], //                 no 318.1.1.1.2.2.4 in the recording
  },
  'apc-smartups-centreon': {
    values: [
      [UPS.onBattery.name, {}, 0], //                      318.1.1.1.4.1.1.0 = 2
      [UPS.lowBattery.name, {}, 0], //                     318.1.1.1.2.1.1.0 = 2
      [UPS.replaceBattery.name, {}, 0], //                 318.1.1.1.2.2.4.0 = 1 (noBatteryNeedsReplacing)
      [UPS.charge.name, {}, 1], //                         318.1.1.1.2.2.1.0 = 100
      [UPS.runtime.name, {}, 39_925], //                   318.1.1.1.2.2.3.0 = 3992500 ticks
      [UPS.batteryTemperature.name, {}, 23], //            318.1.1.1.2.2.2.0 = 23
      [UPS.batteryVoltage.name, {}, 110], //               318.1.1.1.2.2.8.0 = 110
      [UPS.inputVoltage.name, { line: '1' }, 234.1], //    318.1.1.1.3.3.1.0 = 2341 (0.1 V) over 3.2.1.0 = 234
      [UPS.inputFrequency.name, { line: '1' }, 50], //     318.1.1.1.3.3.4.0 = 500
      [UPS.outputVoltage.name, { line: '1' }, 220], //     318.1.1.1.4.3.1.0 = 2200
      [UPS.outputFrequency.name, {}, 50], //               318.1.1.1.4.3.2.0 = 500
      [UPS.outputLoad.name, { line: '1' }, 0.097], //      318.1.1.1.4.3.3.0 = 97 (0.1 %) over 4.2.3.0 = 10 %
      [UPS.outputCurrent.name, { line: '1' }, 1.3], //     318.1.1.1.4.3.4.0 = 13 (0.1 A) over 4.2.4.0 = 1 A
    ],
    absent: [UPS.info.name], //                           no upsIdent in this fragment
  },
  'dell-ups-rack-3750': {
    values: [
      [UPS.info.name, { manufacturer: 'Dell', model: 'Dell UPS Rack 3750W High Efficiency Online HV' }, 1], // 674.10902.2.100.1.0
      [DEVICE.healthOk.name, {}, 1], //                    674.10902.2.110.1.0 = 3 (ok)
      [UPS.runtime.name, {}, 11_179], //                   674.10902.2.120.5.3.0 = 11179 s
    ],
    absent: [UPS.charge.name, UPS.onBattery.name, UPS.charging.name], // not recorded (no 120.5.1)
  },
  'eaton-9390-powerxpert': {
    values: [
      [UPS.info.name, { manufacturer: 'Eaton Corporation', model: 'PXGX 2000 + EATON 9390' }, 1], // 534.1.1.1.0, .1.2.0 (= 33.1.1.1.0, .1.2.0)
      [UPS.runtime.name, {}, 415], //                      534.1.2.1.0 = 415 s, over 33.1.2.3.0 = 7 min
      [UPS.batteryVoltage.name, {}, 544], //               534.1.2.2.0 = 544 V, over 33.1.2.5.0 = 5444 (0.1 V)
      [UPS.charge.name, {}, 0.99], //                      534.1.2.4.0 = 99 (= 33.1.2.4.0)
      [UPS.charging.name, {}, 0], //                       534.1.2.5.0 = 3 (floating)
      [STATUS, { status: 'normal' }, 1], //                33.1.2.1.0 = 2
      [UPS.inputFrequency.name, { line: '1' }, 60], //     534.1.3.1.0 = 600
      [UPS.inputFrequency.name, { line: '3' }, 60], //     33.1.3.3.1.2.3 = 600
      [UPS.inputVoltage.name, { line: '2' }, 272], //      534.1.3.4.1.2.2 = 272 (= 33.1.3.3.1.3.2)
      [VENDOR_UPS.inputCurrent.name, { line: '1' }, 137.4], // 33.1.3.3.1.4.1 = 1374 (0.1 A)
      [UPS.outputLoad.name, { line: '1' }, 0.69], //       534.1.4.1.0 = 69 (= 33.1.4.4.1.5.1)
      [UPS.outputFrequency.name, {}, 60], //               534.1.4.2.0 = 600
      [UPS.outputVoltage.name, { line: '3' }, 279], //     534.1.4.4.1.2.3 = 279
      [UPS.outputCurrent.name, { line: '1' }, 125], //     534.1.4.4.1.3.1 = 125 A, over 33.1.4.4.1.3.1 = 1258 (0.1 A)
      [UPS.outputPower.name, { line: '2' }, 30_323], //    534.1.4.4.1.4.2 = 30323 W
      [SOURCE, { source: 'normal' }, 1], //                534.1.4.5.0 = 3
      [VENDOR_UPS.bypassVoltage.name, { line: '1' }, 268], // 534.1.5.3.1.2.1 = 268
      [UPS.alarmsPresent.name, {}, 0], //                  534.1.7.1.0 = 0
    ],
    counts: { [UPS.inputVoltage.name]: 3, [UPS.outputCurrent.name]: 3, [UPS.outputLoad.name]: 1 },
  },
  'eaton-pw9130-connectups': {
    values: [
      [UPS.info.name, { model: 'PW9130 1000VA-R' }, 1], //   534.1.1.2.0 (trailing spaces trimmed); no 534.1.1.1
      [UPS.runtime.name, {}, 1948], //                     534.1.2.1.0 = 1948 s
      [UPS.batteryVoltage.name, {}, 39], //                534.1.2.2.0 = 39 V
      [UPS.charge.name, {}, 1], //                         534.1.2.4.0 = 100
      [UPS.charging.name, {}, 0], //                       534.1.2.5.0 = 4 (resting)
      [UPS.inputFrequency.name, { line: '1' }, 50], //     534.1.3.1.0 = 500
      [UPS.inputVoltage.name, { line: '1' }, 234], //      534.1.3.4.1.2.1 = 234
      [UPS.outputLoad.name, { line: '1' }, 0.35], //       534.1.4.1.0 = 35
      [UPS.outputFrequency.name, {}, 50], //               534.1.4.2.0 = 500
      [UPS.outputVoltage.name, { line: '1' }, 229], //     534.1.4.4.1.2.1 = 229
      [UPS.outputCurrent.name, { line: '1' }, 2], //       534.1.4.4.1.3.1 = 2
      [UPS.outputPower.name, { line: '1' }, 246], //       534.1.4.4.1.4.1 = 246
      [SOURCE, { source: 'normal' }, 1], //                534.1.4.5.0 = 3
      [UPS.onBattery.name, {}, 0], //                      same
      [VENDOR_UPS.bypassVoltage.name, { line: '1' }, 234], // 534.1.5.3.1.2.1 = 234
      [DEVICE.temperature.name, { sensor: 'ambient' }, 25], // 534.1.6.1.0 = 25
    ],
    absent: [UPS.alarmsPresent.name], //                  no 534.1.7.1 in the recording
  },
  'emerson-ul33': {
    values: [
      [UPS.info.name, { manufacturer: 'Emerson Network Power Co., Ltd', model: 'UL33 UPS' }, 1], // 13400.2.3.1.1.0, .1.2.0 (hex)
      [UPS.inputFrequency.name, { line: '1' }, 49.98], //  13400.2.3.2.2.7.0 = 4998 (0.01 Hz)
      [VENDOR_UPS.bypassVoltage.name, { line: '2' }, 227], // 13400.2.3.2.3.2.0 = 22700 (0.01 V)
      [UPS.outputVoltage.name, { line: '1' }, 219.3], //   13400.2.3.2.4.1.0 = 21930
      [UPS.outputVoltage.name, { line: '3' }, 220.8], //   13400.2.3.2.4.3.0 = 22080
      [UPS.outputCurrent.name, { line: '1' }, 168.7], //   13400.2.3.2.4.4.0 = 1687 (0.1 A)
      [UPS.outputCurrent.name, { line: '2' }, 230.2], //   13400.2.3.2.4.5.0 = 2302
      [UPS.outputFrequency.name, {}, 49.98], //            13400.2.3.2.4.7.0 = 4998
      [UPS.outputPower.name, { line: '2' }, 47_400], //    13400.2.3.2.4.12.0 = 474 (0.1 kW)
      [UPS.batteryVoltage.name, {}, 408.5], //             13400.2.3.2.5.1.0 = 40850 (0.01 V)
    ],
    counts: { [UPS.outputVoltage.name]: 3, [UPS.outputPower.name]: 3 },
    absent: [UPS.charge.name, UPS.outputLoad.name, UPS.inputVoltage.name], // meanings not told by the values
  },
  // invented (README): phantom_zero_rows keeps a lost input phase, drops the zero output lines of a 1-phase output
  'invented-ups-mib-phase-lost': {
    values: [
      [UPS.inputVoltage.name, { line: '1' }, 230], //      33.1.3.3.1.3.1 = 230
      [UPS.inputVoltage.name, { line: '2' }, 0], //        33.1.3.3.1.3.2 = 0, but line 3 reads 231: a lost phase, kept
      [UPS.inputFrequency.name, { line: '2' }, 0], //      33.1.3.3.1.2.2 = 0
      [UPS.outputVoltage.name, { line: '1' }, 230], //     33.1.4.4.1.2.1 = 230
      [UPS.outputLoad.name, { line: '1' }, 0.4], //        33.1.4.4.1.5.1 = 40
    ],
    // output lines 2 and 3 read 0 V (33.1.4.4.1.2.2, .3) while line 1 does not: phantoms
    counts: { [UPS.inputVoltage.name]: 3, [UPS.inputFrequency.name]: 3, [UPS.outputVoltage.name]: 1, [UPS.outputLoad.name]: 1 },
  },
  'megatec-netagent2': {
    values: [
      [UPS.charge.name, {}, 1], //                         935.1.1.1.2.2.1.0 = 100
      [UPS.batteryTemperature.name, {}, 25], //            935.1.1.1.2.2.3.0 = 250 (0.1 °C)
      [UPS.inputVoltage.name, { line: '1' }, 254.5], //    935.1.1.1.3.2.1.0 = 2545 (0.1 V)
      [UPS.inputFrequency.name, { line: '1' }, 50], //     935.1.1.1.3.2.4.0 = 500
      [UPS.outputVoltage.name, { line: '1' }, 228.5], //   935.1.1.1.4.2.1.0 = 2285
      [UPS.outputFrequency.name, {}, 50], //               935.1.1.1.4.2.2.0 = 500
      [UPS.outputLoad.name, { line: '1' }, 0.44], //       935.1.1.1.4.2.3.0 = 44 %
    ],
    absent: [UPS.runtime.name, UPS.onBattery.name], //    not recorded
  },
  'phoenixtec-xppc-output': {
    values: [
      [UPS.onBattery.name, {}, 0], //                      935.1.1.1.4.1.1.0 = 2 (onLine)
      [SOURCE, { source: 'normal' }, 1], //                same
      [UPS.outputVoltage.name, { line: '1' }, 230], //     935.1.1.1.4.2.1.0 = 230: whole volts on this firmware
      [UPS.outputFrequency.name, {}, 50], //               935.1.1.1.4.2.2.0 = 500
      [UPS.outputLoad.name, { line: '1' }, 0.37], //       935.1.1.1.4.2.3.0 = 37
    ],
  },
  'powerwalker-nmc': {
    values: [
      [SOURCE, { source: 'normal' }, 1], //                935.10.1.1.2.1.0 = 4 (line)
      [UPS.onBattery.name, {}, 0], //                      same
      [UPS.inputFrequency.name, { line: '1' }, 49.9], //   935.10.1.1.2.16.1.2.1 = 499
      [UPS.inputVoltage.name, { line: '1' }, 238.2], //    935.10.1.1.2.16.1.3.1 = 2382
      [UPS.outputFrequency.name, {}, 49.9], //             935.10.1.1.2.18.1.2.1 = 499
      [UPS.outputVoltage.name, { line: '1' }, 230], //     935.10.1.1.2.18.1.3.1 = 2300
      [UPS.outputLoad.name, { line: '1' }, 0.27], //       935.10.1.1.2.18.1.7.1 = 27
      [STATUS, { status: 'normal' }, 1], //                935.10.1.1.3.1.0 = 2
      [UPS.lowBattery.name, {}, 0], //                     same
      [UPS.charge.name, {}, 1], //                         935.10.1.1.3.4.0 = 100
      [UPS.batteryVoltage.name, {}, 108.9], //             935.10.1.1.3.5.0 = 1089
    ],
    absent: [UPS.outputCurrent.name], //                  935.10.1.1.2.18.1.4.1 = -1, and not mapped
  },
  'powerware-xups-input': {
    values: [
      [UPS.inputFrequency.name, { line: '1' }, 50], //     534.1.3.1.0 = 500
      [UPS.inputVoltage.name, { line: '1' }, 0], //        534.1.3.4.1.2.1 = 0 (the recorded UPS had lost phase 1)
      [UPS.inputVoltage.name, { line: '2' }, 231], //      534.1.3.4.1.2.2 = 231
      [UPS.inputVoltage.name, { line: '3' }, 228], //      534.1.3.4.1.2.3 = 228
    ],
  },
  'riello-netman204': {
    values: [
      [UPS.info.name, { manufacturer: 'RPS SpA' }, 1], //  33.1.1.1.0
      [STATUS, { status: 'normal' }, 1], //                33.1.2.1.0 = 2
      [UPS.runtime.name, {}, 8100], //                     33.1.2.3.0 = 135 min
      [UPS.charge.name, {}, 1], //                         33.1.2.4.0 = 100
      [UPS.batteryVoltage.name, {}, 122.5], //             33.1.2.5.0 = 1225 (0.1 V)
      [UPS.batteryTemperature.name, {}, 37], //            33.1.2.7.0 = 37
      [UPS.inputFrequency.name, { line: '1' }, 50.1], //   33.1.3.3.1.2.1 = 501
      [UPS.inputVoltage.name, { line: '1' }, 242], //      33.1.3.3.1.3.1 = 242
      [UPS.onBattery.name, {}, 0], //                      33.1.4.1.0 = 3 (normal)
      [UPS.outputFrequency.name, {}, 50.1], //             33.1.4.2.0 = 501
      [UPS.outputVoltage.name, { line: '1' }, 231], //     33.1.4.4.1.2.1 = 231
      [UPS.outputCurrent.name, { line: '1' }, 1.1], //     33.1.4.4.1.3.1 = 11 (0.1 A)
      [UPS.outputPower.name, { line: '1' }, 184], //       33.1.4.4.1.4.1 = 184
      [UPS.outputLoad.name, { line: '1' }, 0.08], //       33.1.4.4.1.5.1 = 8
    ],
    // no upsInputNumLines / upsOutputNumLines; lines 2 and 3 are all zeros (33.1.3.3.1.3.2 = 0,
    // 33.1.4.4.1.2.3 = 0 …): phantoms. Input current 33.1.3.3.1.4.1 = -1.
    counts: { [UPS.inputVoltage.name]: 1, [UPS.inputFrequency.name]: 1, [UPS.outputVoltage.name]: 1, [UPS.outputCurrent.name]: 1, [UPS.outputPower.name]: 1, [UPS.outputLoad.name]: 1 },
    absent: [VENDOR_UPS.inputCurrent.name],
  },
  'sinetica-upscontroller': {
    values: [
      [STATUS, { status: 'normal' }, 1], //                13891.101.2.1.0 = 2
      [UPS.charge.name, {}, 1], //                         13891.101.2.4.0 = 100
      [UPS.batteryVoltage.name, {}, 409.9], //             13891.101.2.5.0 = 4099 (0.1 V)
      [UPS.inputFrequency.name, { line: '1' }, 60], //     13891.101.3.3.1.2.1 = 600
      [UPS.inputVoltage.name, { line: '2' }, 206], //      13891.101.3.3.1.3.2 = 206
      [SOURCE, { source: 'normal' }, 1], //                13891.101.4.1.0 = 3
      [UPS.outputFrequency.name, {}, 60], //               13891.101.4.2.0 = 600
      [UPS.outputVoltage.name, { line: '3' }, 209], //     13891.101.4.4.1.2.3 = 209
      [UPS.outputCurrent.name, { line: '1' }, 178], //     13891.101.4.4.1.3.1 = 1780 (0.1 A)
      [UPS.outputCurrent.name, { line: '2' }, 154], //     13891.101.4.4.1.3.2 = 1540
      [UPS.outputPower.name, { line: '1' }, 58_500], //    13891.101.4.4.1.4.1 = 58500 W
      [UPS.outputLoad.name, { line: '1' }, 0.39], //       13891.101.4.4.1.5.1 = 39
      [UPS.alarmsPresent.name, {}, 0], //                  13891.101.6.1.0 = 0
    ],
    // input frequency is given on line 1 only (13891.101.3.3.1.2.2 = .3 = 0): phantom rows
    counts: { [UPS.inputFrequency.name]: 1, [UPS.inputVoltage.name]: 3, [UPS.outputVoltage.name]: 3 },
    absent: [UPS.info.name, VENDOR_UPS.inputCurrent.name], // 13891.101.1.1.0 and .1.2.0 are empty
  },
  'socomec-netvision-3phase-input': {
    values: [
      [UPS.inputFrequency.name, { line: '1' }, 50], //     4555.1.1.7.1.3.2.0 = 500
      [UPS.inputVoltage.name, { line: '1' }, 233], //      4555.1.1.7.1.3.3.1.2.1 = 2330 (dV)
      [UPS.inputVoltage.name, { line: '2' }, 236], //      4555.1.1.7.1.3.3.1.2.2 = 2360
      [VENDOR_UPS.inputCurrent.name, { line: '3' }, 3.6], // 4555.1.1.7.1.3.3.1.3.3 = 36 (dA)
    ],
    counts: { [UPS.inputVoltage.name]: 3 },
  },
  'socomec-netvision-battery': {
    values: [
      [STATUS, { status: 'normal' }, 1], //                4555.1.1.7.1.2.1.0 = 2
      [UPS.charging.name, {}, 0], //                       same
      [UPS.onBattery.name, {}, 0], //                      same
      [UPS.onBatterySeconds.name, {}, 0], //               4555.1.1.7.1.2.2.0 = 0
      [UPS.runtime.name, {}, 600], //                      4555.1.1.7.1.2.3.0 = 10 min
      [UPS.charge.name, {}, 1], //                         4555.1.1.7.1.2.4.0 = 100
      [UPS.batteryVoltage.name, {}, 534], //               4555.1.1.7.1.2.5.0 = 5340 (dV)
      [UPS.batteryTemperature.name, {}, 22], //            4555.1.1.7.1.2.6.0 = 22
    ],
  },
  'socomec-netvision5-battery': {
    values: [
      [STATUS, { status: 'normal' }, 1], //                4555.1.1.1.1.2.1.0 = 2
      [UPS.lowBattery.name, {}, 0], //                     same
      [UPS.runtime.name, {}, 0], //                        4555.1.1.1.1.2.3.0 = 0 min
      [UPS.charge.name, {}, 1], //                         4555.1.1.1.1.2.4.0 = 100
      [UPS.batteryVoltage.name, {}, 339.1], //             4555.1.1.1.1.2.5.0 = 3391 (dV)
      [UPS.batteryTemperature.name, {}, 22], //            4555.1.1.1.1.2.6.0 = 22
    ],
    absent: [UPS.inputVoltage.name], //                   battery group only
  },
  'socomec-netys-rt': {
    values: [
      [UPS.info.name, { manufacturer: 'Socomec', model: 'NETYS RT' }, 1], // 4555.1.1.7.1.1.1.0
      [UPS.charging.name, {}, 1], //                       4555.1.1.7.1.2.1.0 = 3 (charging)
      [STATUS, { status: 'normal' }, 0], //                same: none of unknown, normal, low, depleted
      [UPS.onBattery.name, {}, 0], //                      same
      [UPS.charge.name, {}, 1], //                         4555.1.1.7.1.2.4.0 = 100
      [UPS.batteryVoltage.name, {}, 54.2], //              4555.1.1.7.1.2.5.0 = 542 (dV)
      [UPS.batteryTemperature.name, {}, 0], //             4555.1.1.7.1.2.6.0 = 0
      [UPS.inputFrequency.name, { line: '1' }, 50], //     4555.1.1.7.1.3.2.0 = 500
      [UPS.inputVoltage.name, { line: '1' }, 240], //      4555.1.1.7.1.3.3.1.2.1 = 2400
      [UPS.outputFrequency.name, {}, 50], //               4555.1.1.7.1.4.2.0 = 500
      [UPS.outputVoltage.name, { line: '1' }, 230], //     4555.1.1.7.1.4.4.1.2.1 = 2300
      [UPS.outputCurrent.name, { line: '1' }, 0], //       4555.1.1.7.1.4.4.1.3.1 = 0
      [UPS.outputLoad.name, { line: '1' }, 0], //          4555.1.1.7.1.4.4.1.4.1 = 0
      [VENDOR_UPS.bypassVoltage.name, { line: '1' }, 240], // 4555.1.1.7.1.5.3.1.2.1 = 2400
      [UPS.alarmsPresent.name, {}, 0], //                  4555.1.1.7.1.6.1.0 = 0
    ],
    // 4555.1.1.7.1.2.3.0 (minutes remaining) = 65535, 4555.1.1.7.1.3.3.1.3.1 (input current) = 655350
    absent: [UPS.runtime.name, VENDOR_UPS.inputCurrent.name],
  },
  'tripplite-su2200': {
    values: [
      [UPS.info.name, { manufacturer: 'TRIPPLITE', model: 'SU2200RTXLCD2U' }, 1], // 33.1.1.1.0, .1.2.0
      [STATUS, { status: 'normal' }, 1], //                33.1.2.1.0 = 2
      [UPS.runtime.name, {}, 1200], //                     33.1.2.3.0 = 20 min
      [UPS.charge.name, {}, 1], //                         33.1.2.4.0 = 100
      [UPS.batteryVoltage.name, {}, 54.2], //              33.1.2.5.0 = 542 (0.1 V)
      [UPS.batteryTemperature.name, {}, 30], //            33.1.2.7.0 = 30
      [UPS.inputFrequency.name, { line: '1' }, 59.9], //   33.1.3.3.1.2.1 = 599
      [UPS.inputVoltage.name, { line: '1' }, 115], //      33.1.3.3.1.3.1 = 115
      [UPS.onBattery.name, {}, 0], //                      33.1.4.1.0 = 3
      [UPS.outputVoltage.name, { line: '1' }, 120], //     33.1.4.4.1.2.1 = 120
      [UPS.outputCurrent.name, { line: '1' }, 5], //       33.1.4.4.1.3.1 = 50 (0.1 A)
      [UPS.outputPower.name, { line: '1' }, 570], //       33.1.4.4.1.4.1 = 570
      [UPS.outputLoad.name, { line: '1' }, 0.31], //       33.1.4.4.1.5.1 = 31
      [UPS.alarmsPresent.name, {}, 1], //                  33.1.6.1.0 = 1 (the alarm table names upsAlarmBatteryBad)
    ],
  },
  'vertiv-ita2': {
    values: [
      [UPS.info.name, { manufacturer: 'Vertiv', model: 'ITA2' }, 1], // 13400.2.54.1.2.0
      [DEVICE.healthOk.name, {}, 1], //                    13400.2.54.2.1.1.0 = 0 (normal)
      [SOURCE, { source: 'normal' }, 1], //                13400.2.54.2.1.2.0 = 1 (on main)
      [UPS.onBattery.name, {}, 0], //                      same
      [UPS.inputVoltage.name, { line: '1' }, 236.7], //    13400.2.54.2.2.1.0 = 2367 (0.1 V)
      [UPS.inputFrequency.name, { line: '1' }, 49.97], //  13400.2.54.2.2.4.0 = 4997 (0.01 Hz)
      [VENDOR_UPS.inputCurrent.name, { line: '1' }, 6.2], // 13400.2.54.2.2.5.0 = 62 (0.1 A)
      [UPS.outputVoltage.name, { line: '1' }, 230.8], //   13400.2.54.2.3.1.0 = 2308
      [UPS.outputCurrent.name, { line: '1' }, 7.6], //     13400.2.54.2.3.4.0 = 76
      [UPS.outputFrequency.name, {}, 49.99], //            13400.2.54.2.3.7.0 = 4999
      [UPS.outputPower.name, { line: '1' }, 1410], //      13400.2.54.2.3.8.0 = 141 (0.01 kW)
      [UPS.outputLoad.name, { line: '1' }, 0.292], //      13400.2.54.2.3.14.0 = 292 (0.1 %)
      [UPS.charge.name, {}, 1], //                         13400.2.54.2.5.10.0 = 100
    ],
    // single-phase input: 13400.2.54.2.2.2.0 and .2.3.0 (phases B, C) = 0
    counts: { [UPS.inputVoltage.name]: 1 },
    absent: [UPS.batteryTemperature.name, UPS.runtime.name], // 13400.2.54.2.5.8.0 = 65535; runtime not mapped
  },
};

// 25 s per poll (under the 30 s test timeout): the whole suite shares one snmpsimd on a loaded machine.
const recordings = recordingPoller({ prefix: 'test/ups/', timeoutMs: 25_000 });
afterAll(() => recordings.close());
const { poll } = recordings;
const key = (s: Sample) => `${s.name}${JSON.stringify(Object.entries(s.labels).sort(([a], [b]) => a.localeCompare(b)))}`;

describe('UPS recordings through the collector', () => {
  it('the tables cover every recording in testdata/ups', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.snmprec')).map((f) => f.slice(0, -'.snmprec'.length));
    expect(Object.keys(CLASSES).sort()).toEqual(files.sort());
    expect(Object.keys(WANT).sort()).toEqual(files.sort());
  });

  for (const [name, { cls, profiles }] of Object.entries(CLASSES)) {
    it(`${name}: polls without error, class ${cls}, profiles ${profiles.join(', ')}`, async () => {
      const info = expectClass(await poll(name), cls);
      expect(info.profiles?.split(',').sort()).toEqual([...profiles].sort());
    });
  }
});

describe('normalised UPS metrics equal the recordings', () => {
  for (const [name, want] of Object.entries(WANT)) {
    it(name, async () => {
      const { samples } = await poll(name);
      checkRecording(samples, want, { exactlyOne: true });
    });
  }

  it('no recording exports a series twice, a negative reading, or a 16-bit all-ones value', async () => {
    for (const name of Object.keys(WANT)) {
      const { samples } = await poll(name);
      const keys = samples.map(key);
      expect(new Set(keys).size, name).toBe(keys.length);
      for (const s of samples.filter((x) => x.name.startsWith('slaguard_ups_'))) {
        expect(s.value, `${name}: ${key(s)}`).toBeGreaterThanOrEqual(0);
        expect([65535, 6553.5, 655.35, 655350], `${name}: ${key(s)}`).not.toContain(s.value);
      }
    }
  });
});
