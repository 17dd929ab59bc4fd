import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE, PDU, UPS } from '../../src/metrics/names.ts';
import type { DeviceClass } from './profile-schema.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

/**
 * Power and environment recordings (shared/fixtures/snmprec/{ups,power-env}) polled through the real
 * collector against snmpsimd, with auto-detection. Every expected value below was worked out by hand
 * from the .snmprec line named in its comment, never copied from the code's output.
 */

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures/snmprec');
const DIRS = ['ups', 'power-env'] as const;

/** What each device is; the class auto-detection must give. */
const CLASSES: Record<string, DeviceClass> = {
  'ups/abbups_abbups': 'ups',
  'ups/cyberpower': 'ups',
  'ups/deltaups': 'ups',
  'ups/eastpower-istars-swv053': 'ups',
  'ups/eaton-93e-80': 'ups',
  'ups/eaton-9px-partial': 'ups',
  'ups/eatonups': 'ups',
  'ups/emerson-network-power': 'ups',
  'ups/huawei-gse200m': 'ups',
  'ups/ingrasys-power-switch': 'ups',
  'ups/phoenixtec-power': 'ups',
  // filed under ups/, but it is a Liebert PEX precision cooling unit (lgpAgentDeviceModel "Liebert PEX",
  // lgpAgentDeviceId 476.1.42.4.3.6): room temperature and humidity only, no power readings at all
  'ups/vertiv-power': 'cooling',
  'power-env/algcom-pdu-08p-ac_algcom-pdu-08p-ac': 'pdu',
  'power-env/apc-7902b': 'pdu',
  'power-env/apc-8641': 'pdu',
  'power-env/apc-8932': 'pdu',
  'power-env/apc_ats': 'pdu', // automatic transfer switch: PDU class by convention
  'power-env/apc_emu': 'environment',
  'power-env/geist-temperature-sensor': 'environment',
  'power-env/sentry4': 'pdu',
  // PowerAlert PDUMH20ATNET: an ATS PDU (tlpAtsIdentNumAts 1, tlpUpsIdentNumUps 0), not a UPS, even
  // though its agent answers two UPS-MIB scalars
  'power-env/tripplite-poweralert': 'pdu',
};

type Want = RecordingWant;

const ON_OFF = { oneOf: [0, 1] };

const WANT: Record<string, Want> = {
  'ups/abbups_abbups': {
    values: [
      [UPS.info.name, { manufacturer: 'ABB', model: 'PowerScale' }, 1], // 53973.1.1.1.1.1.1.0 "ABB", .2.0 "PowerScale"
      [UPS.onBattery.name, {}, 0], //                     33.1.4.1.0 = 3 (normal)
      [UPS.charge.name, {}, 1], //                        33.1.2.4.0 = 100 %
      [UPS.runtime.name, {}, 27_120], //                  33.1.2.3.0 = 452 min
      [UPS.batteryVoltage.name, {}, 434.8], //            33.1.2.5.0 = 4348 (0.1 V)
      [UPS.batteryTemperature.name, {}, 0], //            33.1.2.7.0 = 0
      [UPS.inputVoltage.name, { line: '1' }, 239], //     33.1.3.3.1.3.1 = 239
      [UPS.inputVoltage.name, { line: '3' }, 238], //     33.1.3.3.1.3.3 = 238
      [UPS.inputFrequency.name, { line: '2' }, 50], //    33.1.3.3.1.2.2 = 500 (0.1 Hz)
      [UPS.outputCurrent.name, { line: '2' }, 0.8], //    33.1.4.4.1.3.2 = 8 (0.1 A)
      [UPS.outputLoad.name, { line: '1' }, 0.06], //      33.1.4.4.1.5.1 = 6 %
      [UPS.outputLoad.name, { line: '3' }, 0.04], //      33.1.4.4.1.5.3 = 4 %
    ],
  },
  'ups/cyberpower': {
    values: [
      [UPS.info.name, { manufacturer: 'CPS', model: 'OL2200RTXL2U' }, 1], // 33.1.1.1.0 "CPS", 3808.1.1.1.1.1.1.0
      [UPS.onBattery.name, {}, 0], //                     3808.1.1.1.4.1.1.0 = 2 (onLine)
      [UPS.outputSource.name, { source: 'normal' }, 1], // same
      [UPS.lowBattery.name, {}, 0], //                    3808.1.1.1.2.1.1.0 = 2 (batteryNormal)
      [UPS.charge.name, {}, 1], //                        3808.1.1.1.2.2.1.0 = 100 %
      [UPS.batteryTemperature.name, {}, 36], //           3808.1.1.1.2.2.3.0 = 36
      [UPS.runtime.name, {}, 1740], //                    3808.1.1.1.2.2.4.0 = TimeTicks 174000 (29 min)
      [UPS.replaceBattery.name, {}, 0], //                3808.1.1.1.2.2.5.0 = 1 (no battery needs replacing)
      [UPS.inputVoltage.name, { line: '1' }, 119.5], //   3808.1.1.1.3.2.1.0 = 1195 (0.1 V)
      [UPS.inputFrequency.name, { line: '1' }, 60], //    3808.1.1.1.3.2.4.0 = 600 (0.1 Hz)
      [UPS.outputVoltage.name, { line: '1' }, 120.2], //  3808.1.1.1.4.2.1.0 = 1202 (0.1 V)
      [UPS.outputFrequency.name, {}, 60], //              3808.1.1.1.4.2.2.0 = 600 (0.1 Hz)
      [UPS.outputCurrent.name, { line: '1' }, 6.5], //    3808.1.1.1.4.2.4.0 = 65 (0.1 A)
      [DEVICE.humidity.name, { sensor: 'envir' }, 0.56], // 3808.1.1.4.3.1.0 = 56 %
      [DEVICE.temperature.name, { sensor: 'envir' }, ((68.3 - 32) * 5) / 9], // 3808.1.1.4.2.1.0 = 683 (0.1 °F) = 20.17 °C
    ],
    absent: [UPS.outputLoad.name],
  },
  'ups/deltaups': {
    values: [
      ['slaguard_delta_ups_info', { manufacturer: 'Minuteman', model: 'E1500RTXL2U', agent_version: '03' }, 1], // 2254.2.4.1.1-3.0
      [UPS.info.name, { manufacturer: 'Minuteman' }, 1], // 33.1.1.1 (recorded without .0)
      [UPS.onBattery.name, {}, 0], //                     33.1.4.1.0 = 3
      [UPS.charge.name, {}, 1], //                        33.1.2.4.0 = 100
      [UPS.runtime.name, {}, 1320], //                    33.1.2.3.0 = 22 min
      [UPS.batteryVoltage.name, {}, 41.2], //             33.1.2.5.0 = 412
      [UPS.batteryTemperature.name, {}, 23], //           33.1.2.7.0 = 23
      [UPS.inputVoltage.name, { line: '1' }, 121], //     33.1.3.3.1.3.1 = 121
      [UPS.inputFrequency.name, { line: '1' }, 59.9], //  33.1.3.3.1.2.1 = 599
      [UPS.outputFrequency.name, {}, 60], //              33.1.4.2.0 = 600
      [UPS.outputVoltage.name, { line: '1' }, 121], //    33.1.4.4.1.2.1 = 121
      [UPS.outputCurrent.name, { line: '1' }, 8.1], //    33.1.4.4.1.3.1 = 81
      [UPS.outputPower.name, { line: '1' }, 951], //      33.1.4.4.1.4.1 = 951
      [UPS.outputLoad.name, { line: '1' }, 0.79], //      33.1.4.4.1.5.1 = 79
    ],
  },
  'ups/eastpower-istars-swv053': {
    values: [
      [UPS.info.name, { manufacturer: 'EAST', model: 'EA9080' }, 1], // 33.1.1.1.0 / .2.0, hex, space padded
      [UPS.onBattery.name, {}, 0], //                     33.1.4.1.0 = 3
      [UPS.charge.name, {}, 1], //                        33.1.2.4.0 = 100
      [UPS.runtime.name, {}, 0], //                       33.1.2.3.0 = 0
      [UPS.batteryVoltage.name, {}, 213], //              33.1.2.5.0 = 2130
      [UPS.batteryTemperature.name, {}, 36], //           33.1.2.7.0 = 36
      [UPS.inputVoltage.name, { line: '1' }, 236], //     33.1.3.3.1.3.1.0 = 236 (rows end in ".0")
      [UPS.inputVoltage.name, { line: '3' }, 234], //     33.1.3.3.1.3.3.0 = 234
      [UPS.inputFrequency.name, { line: '2' }, 50], //    33.1.3.3.1.2.2.0 = 500
      [UPS.outputFrequency.name, {}, 50], //              33.1.4.2.0 = 500
      [UPS.outputVoltage.name, { line: '2' }, 219], //    33.1.4.4.1.2.2.0 = 219
      [UPS.outputLoad.name, { line: '1' }, 0.2], //       33.1.4.4.1.5.1.0 = 20
      [UPS.outputLoad.name, { line: '2' }, 0.26], //      33.1.4.4.1.5.2.0 = 26
      [UPS.outputLoad.name, { line: '3' }, 0.3], //       33.1.4.4.1.5.3.0 = 30
    ],
  },
  'ups/eaton-93e-80': {
    values: [
      [UPS.info.name, { manufacturer: 'EATON', model: 'EATON 93E 80' }, 1], // 33.1.1.1.0 and 534.1.1.1.0; 33.1.1.2.0 and 534.1.1.2.0 (hex)
      [UPS.onBattery.name, {}, 0], //                     33.1.4.1.0 = 3, 534.1.4.5.0 = 3, 705.1.7.3.0 = 2 (no)
      [UPS.charge.name, {}, 1], //                        33.1.2.4.0, 534.1.2.4.0, 705.1.5.2.0 = 100
      [UPS.runtime.name, {}, 65_520], //                  33.1.2.3.0 = 1092 min (534.1.2.1.0, 705.1.5.1.0 = 65535: saturated)
      [UPS.batteryVoltage.name, {}, 521], //              33.1.2.5.0 = 5210 (0.1 V), 534.1.2.2.0 = 521, 705.1.5.5.0 = 5210
      [UPS.batteryTemperature.name, {}, 25], //           33.1.2.7.0 = 25
      [UPS.replaceBattery.name, {}, 0], //                705.1.5.11.0 = 2 (no)
      [UPS.lowBattery.name, {}, 0], //                    705.1.5.14.0 = 2 (no); 33.1.2.1.0 = 2 (normal)
      [UPS.inputVoltage.name, { line: '1' }, 227], //     33.1.3.3.1.3.1 = 227, 534.1.3.4.1.2.1 = 227
      [UPS.inputVoltage.name, { line: '3' }, 233], //     33.1.3.3.1.3.3 = 233, 534.1.3.4.1.2.3 = 233
      [UPS.inputFrequency.name, { line: '1' }, 50], //    33.1.3.3.1.2.1 = 500, 534.1.3.1.0 = 500
      [UPS.outputFrequency.name, {}, 49], //              33.1.4.2.0 = 490, 534.1.4.2.0 = 490
      [UPS.outputVoltage.name, { line: '2' }, 220], //    33.1.4.4.1.2.2 = 220, 534.1.4.4.1.2.2 = 220
      [UPS.outputCurrent.name, { line: '1' }, 27], //     33.1.4.4.1.3.1 = 270 (0.1 A), 534.1.4.4.1.3.1 = 27 (A)
      [UPS.outputPower.name, { line: '1' }, 5100], //     33.1.4.4.1.4.1 = 5100, 534.1.4.4.1.4.1 = 5100
      [UPS.outputLoad.name, { line: '1' }, 0.21], //      33.1.4.4.1.5.1 = 21, 534.1.4.1.0 = 21
      [UPS.outputLoad.name, { line: '3' }, 0.12], //      33.1.4.4.1.5.3 = 12
      [DEVICE.temperature.name, { sensor: 'ambient' }, 25], // 534.1.6.1.0 = 25
      [UPS.alarmsPresent.name, {}, 0], //                 33.1.6.1.0 = 0, 534.1.7.1.0 = 0
    ],
    absent: [UPS.charging.name], //                       534.1.2.5.0 = 0: not an xupsBatteryAbmStatus value
  },
  'ups/eaton-9px-partial': {
    values: [
      [UPS.info.name, { model: 'Eaton 9PX 2200i RT 3U' }, 1], // 534.1.1.2.0 (hex); no xupsIdentManufacturer
      [UPS.runtime.name, {}, 17_218], //                  534.1.2.1.0 = 17218 s, 705.1.5.1.0 = 17218
      [UPS.batteryVoltage.name, {}, 78], //               534.1.2.2.0 = 78, 705.1.5.5.0 = 780 (0.1 V)
      [UPS.charge.name, {}, 1], //                        534.1.2.4.0 = 100, 705.1.5.2.0 = 100
      [UPS.charging.name, {}, 0], //                      534.1.2.5.0 = 4 (resting)
      [UPS.replaceBattery.name, {}, 0], //                705.1.5.11.0 = 2
      [UPS.lowBattery.name, {}, 0], //                    705.1.5.14.0 = 2
      [UPS.onBattery.name, {}, 0], //                     705.1.7.3.0 = 2, 534.1.4.5.0 = 3 (normal)
      [UPS.inputVoltage.name, { line: '1' }, 243], //     534.1.3.4.1.2.1 = 243
      [UPS.inputFrequency.name, { line: '1' }, 50], //    534.1.3.1.0 = 500
      [UPS.outputLoad.name, { line: '1' }, 0.09], //      534.1.4.1.0 = 9
      [UPS.outputFrequency.name, {}, 50], //              534.1.4.2.0 = 500
      [UPS.outputVoltage.name, { line: '1' }, 231], //    534.1.4.4.1.2.1 = 231
      [UPS.outputCurrent.name, { line: '1' }, 0], //      534.1.4.4.1.3.1 = 0
      [UPS.outputPower.name, { line: '1' }, 50], //       534.1.4.4.1.4.1 = 50
      [DEVICE.temperature.name, { sensor: 'ambient' }, 24], // 534.1.6.1.0 = 24
      [UPS.alarmsPresent.name, {}, 0], //                 534.1.7.1.0 = 0
    ],
  },
  'ups/eatonups': {
    values: [
      [UPS.batteryVoltage.name, {}, 78], //               534.1.2.2.0 = 78
      [UPS.charge.name, {}, 1], //                        534.1.2.4.0 = 100
      [UPS.inputFrequency.name, { line: '1' }, 50], //    534.1.3.1.0 = 500
      [UPS.inputVoltage.name, { line: '1' }, 228], //     534.1.3.4.1.2.1 = 228
      [UPS.outputFrequency.name, {}, 50], //              534.1.4.2.0 = 500
      [UPS.outputVoltage.name, { line: '1' }, 230], //    534.1.4.4.1.2.1 = 230
      [UPS.outputCurrent.name, { line: '1' }, 1], //      534.1.4.4.1.3.1 = 1
      [UPS.outputPower.name, { line: '1' }, 231], //      534.1.4.4.1.4.1 = 231
    ],
    absent: [UPS.runtime.name, UPS.onBattery.name, UPS.info.name], // not in the recording
  },
  'ups/emerson-network-power': {
    values: [
      [UPS.info.name, { manufacturer: 'EMERSON', model: 'US11R0030L' }, 1], // 13400.2.1.2.1.2.4.0, 13400.2.1.2.1.1.1.0
      [UPS.charge.name, {}, 1], //                        13400.2.1.3.1.2.2.1.0 = 100
      [UPS.inputVoltage.name, { line: '1' }, 220.5], //   13400.2.1.3.1.3.2.1.0 = 2205
      [UPS.inputFrequency.name, { line: '1' }, 50], //    13400.2.1.3.1.3.2.6.0 = 500
      [UPS.outputVoltage.name, { line: '1' }, 219.8], //  13400.2.1.3.1.4.2.1.0 = 2198
      [UPS.outputFrequency.name, {}, 50], //              13400.2.1.3.1.4.2.2.0 = 500
    ],
  },
  'ups/huawei-gse200m': {
    values: [
      [UPS.info.name, { manufacturer: 'HUAWEI', model: 'UPS5000' }, 1], // 33.1.1.1.0, 33.1.1.2.0
      [UPS.onBattery.name, {}, 0], //                     33.1.4.1.0 = 3
      [UPS.charge.name, {}, 1], //                        2011.6.174.1.6.100.1.3.1 = 100 (33.1.2.4.0 = -1)
      [UPS.runtime.name, {}, 28_080], //                  2011.6.174.1.6.100.1.4.1 = 28080 s (33.1.2.3.0 = -1)
      [UPS.charging.name, {}, 0], //                      2011.6.174.1.2.101.1.3.1 = 4 (float)
      [UPS.batteryVoltage.name, {}, 538.5], //            33.1.2.5.0 = 5385
      [UPS.inputVoltage.name, { line: '1' }, 236.9], //   33.1.3.3.1.3.1 = Gauge32 2369, in tenths
      [UPS.inputFrequency.name, { line: '1' }, 50], //    33.1.3.3.1.2.1 = 5000, in hundredths
      [UPS.outputFrequency.name, {}, 49.99], //           33.1.4.2.0 = 4999, in hundredths
      [UPS.outputVoltage.name, { line: '1' }, 219.9], //  33.1.4.4.1.2.1 = 2199, in tenths
      [UPS.outputCurrent.name, { line: '1' }, 18.3], //   33.1.4.4.1.3.1 = 183
      [UPS.outputLoad.name, { line: '1' }, 0.08], //      33.1.4.4.1.5.1 = 8
    ],
    absent: [UPS.batteryTemperature.name], //             33.1.2.7.0 = -1
  },
  'ups/ingrasys-power-switch': {
    values: [
      [UPS.info.name, { manufacturer: 'Santak', model: 'Array-3A3' }, 1], // 33.1.1.1.0, 33.1.1.2.0 (hex, padded)
      [UPS.onBattery.name, {}, 0], //                     33.1.4.1.0 = 3
      [UPS.charge.name, {}, 1], //                        33.1.2.4.0 = 100
      [UPS.runtime.name, {}, 0], //                       33.1.2.3.0 = TimeTicks 0
      [UPS.batteryVoltage.name, {}, 273], //              33.1.2.5.0 = 2730
      [UPS.batteryTemperature.name, {}, 32], //           33.1.2.7.0 = 32
      [UPS.inputVoltage.name, { line: '2' }, 229], //     33.1.3.3.1.3.2 = 229
      [UPS.inputFrequency.name, { line: '1' }, 50], //    33.1.3.3.1.2.1 = 500
      [UPS.outputFrequency.name, {}, 0], //               33.1.4.2.0 = TimeTicks 0
      [UPS.outputVoltage.name, { line: '1' }, 220], //    33.1.4.4.1.2.1 = 220
      [UPS.outputCurrent.name, { line: '3' }, 41], //     33.1.4.4.1.3.3 = 410
      [UPS.outputPower.name, { line: '2' }, 5500], //     33.1.4.4.1.4.2 = 5500
      [UPS.outputLoad.name, { line: '1' }, 0.33], //      33.1.4.4.1.5.1 = 33
    ],
  },
  'ups/phoenixtec-power': {
    values: [
      [UPS.onBattery.name, {}, 0], //                     33.1.4.1.0 = 3
      [UPS.charge.name, {}, 1], //                        33.1.2.4.0 = 100
      [UPS.runtime.name, {}, 0], //                       33.1.2.3.0 = 0
      [UPS.batteryVoltage.name, {}, 41], //               33.1.2.5.0 = 410
      [UPS.batteryTemperature.name, {}, 31], //           33.1.2.7.0 = 31
      [UPS.inputVoltage.name, { line: '1' }, 238], //     33.1.3.3.1.3.1 = 238
      [UPS.inputFrequency.name, { line: '1' }, 50], //    33.1.3.3.1.2.1 = 500
      [UPS.outputFrequency.name, {}, 50], //              33.1.4.2.0 = 500
      [UPS.outputVoltage.name, { line: '1' }, 231], //    33.1.4.4.1.2.1 = 231
      [UPS.outputLoad.name, { line: '1' }, 0], //         33.1.4.4.1.5.1 = 0
    ],
    absent: [UPS.info.name], //                           33.1.1.1.0 and 33.1.1.2.0 are empty
    // upsInputNumLines 33.1.3.2.0 = 1 and upsOutputNumLines 33.1.4.3.0 = 1: the tables' rows 2 and 3
    // (all zeros: 33.1.3.3.1.3.2 = 0, 33.1.4.4.1.2.3 = 0 …) are phantoms and give nothing
    counts: { [UPS.inputVoltage.name]: 1, [UPS.inputFrequency.name]: 1, [UPS.outputVoltage.name]: 1, [UPS.outputLoad.name]: 1 },
  },
  'ups/vertiv-power': {
    values: [
      ['slaguard_vertiv_device_info', { manufacturer: 'Liebert Corporation', model: 'Liebert PEX', card: 'IntelliSlot Web Card' }, 1], // 476.1.42.2.4.2.1.3.1, .4.1, 476.1.42.2.1.2.0
      [DEVICE.temperature.name, { index: '1', sensor: '1.3.6.1.4.1.476.1.42.3.4.1.1.1' }, 23], // 476.1.42.3.4.1.3.3.1.3.1 = 23, descr .2.1
      [DEVICE.temperature.name, { index: '3', sensor: '1.3.6.1.4.1.476.1.42.3.4.1.1.2' }, 23], // .3.3 = 23, descr .2.3
      [DEVICE.temperature.name, { index: '4', sensor: '1.3.6.1.4.1.476.1.42.3.4.1.1.11.1' }, 29], // .3.4 = 29
      [DEVICE.temperature.name, { index: '5', sensor: '1.3.6.1.4.1.476.1.42.3.4.1.1.11.2' }, 37], // .3.5 = 37
      [DEVICE.humidity.name, { index: '1', humidity_sensor: '1.3.6.1.4.1.476.1.42.3.4.2.1.1' }, 0.42], // 476.1.42.3.4.2.2.3.1.3.1 = 42 %
      [DEVICE.humidity.name, { index: '2', humidity_sensor: '1.3.6.1.4.1.476.1.42.3.4.2.1.2' }, 0.42], // .3.2 = 42 %
    ],
    counts: { [DEVICE.temperature.name]: 4 }, // row 2 of the temperature table has no measurement
    absent: [UPS.onBattery.name, UPS.charge.name, UPS.runtime.name], // a cooling unit
  },
  'power-env/algcom-pdu-08p-ac_algcom-pdu-08p-ac': {
    values: [
      [PDU.voltage.name, { bus: 'main' }, 129.1], //      49136.200.1.2.0 = 129100 mV
      [PDU.current.name, { bus: 'main' }, 0.6], //        49136.200.1.3.0 = 600 mA
      [PDU.power.name, { bus: 'main' }, 97.6], //         49136.200.1.4.0 = 97600 mW
      [PDU.outletOn.name, { outlet: '1', port_name: 'Port 1' }, 1], // 49136.200.5.1.0 = 1, name 49136.200.2.1.0
      [PDU.outletOn.name, { outlet: '3', port_name: 'Port 3' }, 0], // 49136.200.5.3.0 = 0
      [PDU.outletOn.name, { outlet: '7', port_name: 'Port 7' }, 1], // 49136.200.5.7.0 = 1
      [PDU.voltage.name, { outlet: '2', port_name: 'Port 2' }, 129.1], // 49136.200.6.2.0 = 129100
      [PDU.voltage.name, { outlet: '3', port_name: 'Port 3' }, 0], //     49136.200.6.3.0 = 0
      [PDU.current.name, { outlet: '2', port_name: 'Port 2' }, 0.3], //   49136.200.7.2.0 = 300
      [PDU.current.name, { outlet: '7', port_name: 'Port 7' }, 0.2], //   49136.200.7.7.0 = 200
      [PDU.power.name, { outlet: '1', port_name: 'Port 1' }, 19], //      49136.200.8.1.0 = 19000
      [PDU.power.name, { outlet: '2', port_name: 'Port 2' }, 44.6], //    49136.200.8.2.0 = 44600
      [PDU.power.name, { outlet: '7', port_name: 'Port 7' }, 34.1], //    49136.200.8.7.0 = 34100
    ],
    counts: { [PDU.outletOn.name]: 8 },
  },
  'power-env/apc-7902b': {
    values: [
      ['slaguard_apc_pdu_info', { model: 'AP7902B', firmware: 'v6.7.2', name: 'pwr-dc01-pdu-rack01-01' }, 1], // 318.1.1.12.1.5.0, .3.0, .1.0
      [PDU.current.name, { phase: '1' }, 1.6], //         318.1.1.26.6.3.1.5.1 = 16 (0.1 A)
      [PDU.current.name, { bank: '1' }, 0], //            318.1.1.26.8.3.1.5.1 = 0
      [PDU.current.name, { bank: '2' }, 1.1], //          318.1.1.26.8.3.1.5.2 = 11
      // 318.1.1.26.9.2.3.1.5.1 is an snmpsim numeric variation between off(1) and on(2); name .3.1
      [PDU.outletOn.name, { outlet: '1', outlet_name: 'SW-CO-NY-3850-01' }, ON_OFF],
    ],
    // 26.6.3.1.6.1 (voltage), 26.6.3.1.7.1 (phase power), 26.4.3.1.5.1 (device power), 26.4.3.1.9.1 (energy) = -1
    absent: [PDU.voltage.name, PDU.power.name, PDU.energy.name, DEVICE.temperature.name, DEVICE.humidity.name],
    counts: { [PDU.outletOn.name]: 16 }, // 318.1.1.26.9.2.3.1.5.1-16
  },
  'power-env/apc-8641': {
    values: [
      ['slaguard_apc_pdu_info', { model: 'AP8641', firmware: 'v6.7.2', name: 'pwr-dc01-pdu-rack01-01' }, 1], // 318.1.1.12.1.5.0, .3.0, .1.0
      [PDU.current.name, { phase: '1' }, 6.5], //         318.1.1.26.6.3.1.5.1 = 65
      [PDU.voltage.name, { phase: '1' }, 201], //         318.1.1.26.6.3.1.6.1 = 201
      [PDU.power.name, { phase: '1' }, 1220], //          318.1.1.26.6.3.1.7.1 = 122 (0.01 kW)
      [PDU.current.name, { bank: '1' }, 3.8], //          318.1.1.26.8.3.1.5.1 = 38
      [PDU.current.name, { bank: '2' }, 2.4], //          318.1.1.26.8.3.1.5.2 = 24
      [PDU.power.name, { pdu: '1' }, 1210], //            318.1.1.26.4.3.1.5.1 = 121 (0.01 kW)
      [PDU.energy.name, { pdu: '1' }, 7_025_760_000], //  318.1.1.26.4.3.1.9.1 = 19516 (0.1 kWh) = 1951.6 kWh
      [PDU.outletOn.name, { outlet: '1', outlet_name: 'CP-CM-SAN-01' }, ON_OFF], // 26.9.2.3.1.5.1: numeric variation
      [PDU.current.name, { outlet: '1', outlet_name: 'CP-CM-SAN-01' }, 0.9], // 318.1.1.26.9.4.3.1.6.1 = 9
      [PDU.power.name, { outlet: '1', outlet_name: 'CP-CM-SAN-01' }, 163], //  318.1.1.26.9.4.3.1.7.1 = 163
      [PDU.energy.name, { outlet: '1', outlet_name: 'CP-CM-SAN-01' }, 1_096_560_000], // 26.9.4.3.1.11.1 = 3046 (0.1 kWh)
    ],
    absent: [DEVICE.temperature.name, DEVICE.humidity.name], // 26.10.2.2.1.8.1 and .10.1 = -1 (notInstalled)
    counts: { [PDU.outletOn.name]: 24 },
  },
  'power-env/apc-8932': {
    values: [
      ['slaguard_apc_pdu_info', { model: 'AP8932', firmware: 'v6.7.2', name: 'pwr-dc01-pdu-rack3-01' }, 1], // 318.1.1.12.1.5.0, .3.0, .1.0
      [PDU.current.name, { phase: '1' }, 1.4], //         318.1.1.26.6.3.1.5.1 = 14
      [PDU.voltage.name, { phase: '1' }, 121], //         318.1.1.26.6.3.1.6.1 = 121
      [PDU.power.name, { phase: '1' }, 160], //           318.1.1.26.6.3.1.7.1 = 16
      [PDU.current.name, { bank: '1' }, 1.3], //          318.1.1.26.8.3.1.5.1 = 13
      [PDU.current.name, { bank: '2' }, 0], //            318.1.1.26.8.3.1.5.2 = 0
      [PDU.power.name, { pdu: '1' }, 160], //             318.1.1.26.4.3.1.5.1 = 16
      [PDU.energy.name, { pdu: '1' }, 2_313_360_000], //  318.1.1.26.4.3.1.9.1 = 6426 (0.1 kWh)
      [PDU.outletOn.name, { outlet: '1', outlet_name: 'SW-DC01-WEST-01-B' }, ON_OFF], // 26.9.2.3.1.5.1: numeric variation
    ],
    absent: [DEVICE.temperature.name, DEVICE.humidity.name],
    counts: { [PDU.outletOn.name]: 24 },
  },
  'power-env/apc_ats': {
    values: [
      ['slaguard_apc_ats_info', { model: 'AP4423', firmware: '4.1.9', hardware: 'R01' }, 1], // 318.1.1.8.1.5.0, .2.0, .1.0
      [PDU.atsSource.name, { source: 'A' }, 1], //        318.1.1.8.5.1.2.0 = 1 (sourceA); 318.1.1.17.3.1.1.0 = 2 (source1)
      [PDU.atsSource.name, { source: 'B' }, 0],
      [PDU.atsInputOk.name, { source: 'A' }, 1], //       318.1.1.8.5.1.12.0 = 2 (ok)
      [PDU.atsInputOk.name, { source: 'B' }, 1], //       318.1.1.8.5.1.13.0 = 2 (ok)
      ['slaguard_apc_ats_redundant', {}, 1], //                    318.1.1.8.5.1.3.0 = 2 (atsFullyRedundant)
      ['slaguard_apc_xats_source_good', { source: 'A' }, 1], //    318.1.1.17.4.1.4.0 = 1 (sourceGood)
      ['slaguard_apc_xats_source_good', { source: 'B' }, 0], //    318.1.1.17.4.2.4.0 = 2 (lowVoltage)
      [PDU.voltage.name, { input: 'A', wiring: 'L-L', phase: '1' }, 470.4], //      318.1.1.17.4.1.7.1.2.1 = 4704 (0.1 V)
      [PDU.voltage.name, { input: 'B', wiring: 'L-L', phase: '2' }, 0.7], //        318.1.1.17.4.2.7.1.2.2 = 7
      [PDU.voltage.name, { output: 'system', wiring: 'L-L', phase: '3' }, 465.5], // 318.1.1.17.4.3.12.1.2.3 = 4655
    ],
    absent: [UPS.onBattery.name],
  },
  'power-env/apc_emu': {
    values: [
      [DEVICE.temperature.name, { module: '0', index: '1' }, 18], // 318.1.1.10.4.2.3.1.5.0.1 = 18
      [DEVICE.temperature.name, { module: '0', index: '2' }, 26], // .5.0.2 = 26
      [DEVICE.temperature.name, { module: '0', index: '6' }, 21], // .5.0.6 = 21
      [DEVICE.humidity.name, { module: '0', index: '1' }, 0.3], //  318.1.1.10.4.2.3.1.6.0.1 = 30 %
      [DEVICE.humidity.name, { module: '0', index: '6' }, 0.38], // .6.0.6 = 38 %
    ],
    // five probes (0.1, 0.2, 0.3, 0.5, 0.6); humidity -1 on the three temperature-only ones
    counts: { [DEVICE.temperature.name]: 5, [DEVICE.humidity.name]: 2 },
  },
  'power-env/geist-temperature-sensor': {
    values: [
      ['slaguard_geist_device_info', { model: 'WATCHDOG 15-P NPS (GBB15-P)', title: 'Geist WD15', version: '3.4.0' }, 1], // 21239.5.1.1.8.0, .1.0, .2.0
      // snmpsim numeric variations: min=100,max=300,wrap → [100, 400) tenths; humidity min=25,max=50,wrap → [25, 75) %
      [DEVICE.temperature.name, { probe: 'internal', index: '1', sensor: 'Watchdog Rack 01' }, { min: 10, max: 40 }], // 21239.5.1.2.1.5.1
      [DEVICE.humidity.name, { probe: 'internal', index: '1', sensor: 'Watchdog Rack 01' }, { min: 0.25, max: 0.75 }], // 21239.5.1.2.1.6.1
      ['slaguard_geist_sensor_dew_point_celsius', { probe: 'internal', index: '1', sensor: 'Watchdog Rack 01' }, 0.8], // 21239.5.1.2.1.7.1 = 8 (0.1 degree)
      [DEVICE.temperature.name, { probe: 'remote', index: '2', sensor: 'Above Rack 02' }, { min: 10, max: 40 }], // 21239.5.1.4.1.5.2
      [DEVICE.temperature.name, { probe: 'remote', index: '3', sensor: 'Above Rack 03' }, { min: 10, max: 40 }], // 21239.5.1.4.1.5.3
    ],
  },
  'power-env/sentry4': {
    values: [
      [PDU.power.name, { unit: '1', cord: '1', cord_name: 'Master_Cord_A' }, 1701], // 1718.4.1.3.3.1.3.1.1 = 1701 W
      [PDU.load.name, { unit: '1', cord: '1', cord_name: 'Master_Cord_A' }, 0.165], // 1718.4.1.3.3.1.7.1.1 = 165 (0.1 %)
      [PDU.energy.name, { unit: '1', cord: '1', cord_name: 'Master_Cord_A' }, 3_217_320_000], // 1718.4.1.3.3.1.10.1.1 = 8937 (0.1 kWh)
      [PDU.current.name, { unit: '1', cord: '1', line: '1', line_label: 'AA:L1' }, 5.6], //  1718.4.1.4.3.1.3.1.1.1 = 560 (0.01 A)
      [PDU.current.name, { unit: '1', cord: '1', line: '2', line_label: 'AA:L2' }, 3.69], // 1718.4.1.4.3.1.3.1.1.2 = 369
      [PDU.voltage.name, { unit: '1', cord: '1', phase: '1', phase_label: 'AA:L1-L2' }, 207.9], // 1718.4.1.5.3.1.3.1.1.1 = 2079 (0.1 V)
      [PDU.voltage.name, { unit: '1', cord: '1', phase: '3', phase_label: 'AA:L3-L1' }, 209.4], // 1718.4.1.5.3.1.3.1.1.3 = 2094
      [PDU.current.name, { unit: '1', cord: '1', phase: '3', phase_label: 'AA:L3-L1' }, 4.29], // 1718.4.1.5.3.1.6.1.1.3 = 429
      [PDU.power.name, { unit: '1', cord: '1', phase: '2', phase_label: 'AA:L2-L3' }, 444], //   1718.4.1.5.3.1.8.1.1.2 = 444
    ],
    // st4TempSensorValue 1718.4.1.9.3.1.1.1.{1,2} = -410, st4HumidSensorValue 1718.4.1.10.3.1.1.1.{1,2} = -1
    absent: [DEVICE.temperature.name, DEVICE.humidity.name],
  },
  'power-env/tripplite-poweralert': {
    values: [
      ['slaguard_tripplite_device_info', { manufacturer: 'TRIPP LITE', model: 'PDUMH20ATNET' }, 1], // 850.1.1.1.2.1.4.1 (hex), .5.1
      [PDU.atsInputOk.name, { device: '1', source: 'A' }, 1], // 850.1.1.3.4.3.1.1.1.12.1 = writecache 3 (inputSourceAB)
      [PDU.atsInputOk.name, { device: '1', source: 'B' }, 1],
      [PDU.voltage.name, { device: '1', input: '1', phase: '1' }, 115.2], // 850.1.1.3.4.3.1.2.1.5.1.1.1 = 1152 (0.1 V)
      [PDU.voltage.name, { device: '1', input: '1', phase: '2' }, 115.1], // 850.1.1.3.4.3.1.2.1.5.1.1.2 = 1151
      [PDU.voltage.name, { device: '1', output: '1' }, 115.2], //           850.1.1.3.4.3.2.1.1.4.1.1 = 1152
      [PDU.current.name, { device: '1', output: '1' }, 0], //               850.1.1.3.4.3.2.1.1.5.1.1 = 0
      // 850.1.1.3.4.3.3.1.1.4.1.1 is an snmpsim numeric variation between off(1) and on(2); name .2.1.1
      [PDU.outletOn.name, { device: '1', outlet: '1', outlet_name: 'Load1' }, ON_OFF],
    ],
    counts: { [PDU.outletOn.name]: 16 },
    absent: [UPS.onBattery.name, UPS.charge.name, PDU.atsSource.name], // no tlpAtsInputSourceInUse in the recording
  },
};

const recordings = recordingPoller();
afterAll(() => recordings.close());
const { poll } = recordings;
const key = (s: Sample) => `${s.name}${JSON.stringify(Object.entries(s.labels).sort(([a], [b]) => a.localeCompare(b)))}`;

describe('power and environment recordings through the collector', () => {
  it('the class table covers every recording of ups/ and power-env/', () => {
    const files = DIRS.flatMap((d) => readdirSync(join(FIXTURES, d)).filter((f) => f.endsWith('.snmprec')).map((f) => `${d}/${f.slice(0, -'.snmprec'.length)}`));
    expect(Object.keys(CLASSES).sort()).toEqual(files.sort());
    expect(Object.keys(WANT).sort()).toEqual(files.sort());
  });

  // ups/abbups_abbups, ups/eaton-9px-partial and power-env/apc_emu were recorded without sysUpTime
  for (const [community, cls] of Object.entries(CLASSES)) {
    it(`${community}: polls without error, class ${cls}`, async () => {
      expectClass(await poll(community), cls);
    });
  }
});

describe('normalised metrics equal the recordings', () => {
  for (const [community, want] of Object.entries(WANT)) {
    it(community, async () => {
      const { samples } = await poll(community);
      checkRecording(samples, want);
    });
  }

  it('series several profiles give (UPS-MIB and a vendor MIB) agree on every recording', async () => {
    for (const community of Object.keys(WANT)) {
      const { samples } = await poll(community);
      const byKey = new Map<string, number[]>();
      for (const s of samples) byKey.set(key(s), [...(byKey.get(key(s)) ?? []), s.value]);
      for (const [k, values] of byKey) {
        for (const v of values) expect(v, `${community}: ${k} has ${values.join(' vs ')}`).toBeCloseTo(values[0]!, 6);
      }
    }
  });
});
