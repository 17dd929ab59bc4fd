import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COOLING, DEVICE, PDU, UPS, VENDOR_POWER_ENV } from '../../src/metrics/names.ts';
import { profileSchema, type DeviceClass } from './profile-schema.ts';
import { parseText } from './profiles.ts';
import { checkRecording, expectClass, recordingPoller, type RecordingWant } from '../../test/helpers/snmp-recordings.ts';

/**
 * PDU, environment and cooling recordings (testdata/pdu-env, served as community test/pdu-env/NAME, and
 * the shared Liebert PEX cooling unit) polled through the real collector against snmpsimd, with
 * auto-detection. Every expected value was worked out by hand from the .snmprec line named in its
 * comment (OIDs shortened after the enterprise prefix 1.3.6.1.4.1), never copied from the code's output.
 */

const TESTDATA = join(import.meta.dirname, 'testdata/pdu-env');

/** What each device is; the class auto-detection must give. Identity-only recordings test the class alone. */
const CLASSES: Record<string, DeviceClass> = {
  'test/pdu-env/akcp-ethernetprobe2': 'environment',
  'test/pdu-env/akcp-securityprobe': 'environment',
  'test/pdu-env/akcp-sensorprobe4': 'environment',
  'test/pdu-env/akcp-sensorprobe8': 'environment',
  'test/pdu-env/akcp-sp2plus': 'environment',
  'test/pdu-env/akcp-spx': 'environment',
  'test/pdu-env/akcp-spxplus': 'environment',
  'test/pdu-env/apc-netbotz200': 'environment',
  'test/pdu-env/dell-rpdu-2500': 'pdu',
  'test/pdu-env/digipower-swv-1623k': 'pdu',
  'test/pdu-env/enlogic-pdu': 'pdu',
  'test/pdu-env/geist-rcm-o': 'pdu',
  'test/pdu-env/geist-watchdog-100': 'environment',
  'test/pdu-env/hwg-ste': 'environment',
  'test/pdu-env/ingrasys-ipoman': 'pdu',
  'test/pdu-env/liebert-pdu-invented': 'pdu', // invented (README): the LIEBERT-GP-PDU-MIB rule alone
  'test/pdu-env/raritan-dominion-px': 'pdu',
  'test/pdu-env/rittal-cmc3-pu-compact': 'environment',
  'test/pdu-env/schleifenbauer-dpm': 'pdu',
  'test/pdu-env/sentry3-switched-cdu': 'pdu',
  'ups/vertiv-power': 'cooling',
};

type Want = RecordingWant;

const fahrenheit = (f: number) => ((f - 32) * 5) / 9;

const WANT: Record<string, Want> = {
  'test/pdu-env/sentry3-switched-cdu': {
    values: [
      [PDU.current.name, { tower: '1', infeed: '1', infeed_name: 'TowerA_InfeedA' }, 3.62], // 1718.3.2.2.1.7.1.1 = 362 (0.01 A); name .3.1.1
      [PDU.current.name, { tower: '2', infeed: '1', infeed_name: 'TowerB_InfeedA' }, 5.02], // 1718.3.2.2.1.7.2.1 = 502
      [PDU.voltage.name, { tower: '1', infeed: '1', infeed_name: 'TowerA_InfeedA' }, 209.3], // 1718.3.2.2.1.11.1.1 = 2093 (0.1 V)
      [PDU.voltage.name, { tower: '2', infeed: '1', infeed_name: 'TowerB_InfeedA' }, 205.9], // 1718.3.2.2.1.11.2.1 = 2059
      [PDU.load.name, { tower: '1', infeed: '1', infeed_name: 'TowerA_InfeedA' }, 3.62 / 30], // .7.1.1 = 362 ÷ capacity .10.1.1 = 30 A
      [PDU.load.name, { tower: '2', infeed: '1', infeed_name: 'TowerB_InfeedA' }, 5.02 / 30], // .7.2.1 = 502 ÷ .10.2.1 = 30
      // 1718.3.2.5.1.6.1.1 = 680 (0.1 degree) with tempHumidSensorTempScale .13.1.1 = fahrenheit(1): 68.0 °F
      [DEVICE.temperature.name, { tower: '1', index: '1', sensor: 'Temp_Humid_Sensor_A1' }, fahrenheit(68)],
      [DEVICE.temperature.name, { tower: '1', index: '2', sensor: 'Temp_Humid_Sensor_A2' }, fahrenheit(74.5)], // .6.1.2 = 745
      [DEVICE.humidity.name, { tower: '1', index: '1', sensor: 'Temp_Humid_Sensor_A1' }, 0.52], // 1718.3.2.5.1.10.1.1 = 52 %
      [DEVICE.humidity.name, { tower: '1', index: '2', sensor: 'Temp_Humid_Sensor_A2' }, 0.43], // .10.1.2 = 43 %
    ],
    // infeedPower (.2.2.1.12) is not in the recording; tower B's probes are notFound(1) (.5.1.4.2.x) with -1 readings
    absent: [PDU.power.name],
    counts: { [DEVICE.temperature.name]: 2, [DEVICE.humidity.name]: 2, [PDU.current.name]: 2 },
  },
  'test/pdu-env/raritan-dominion-px': {
    values: [
      // PDU-MIB (13742.4), the Dominion PX's own MIB
      [PDU.current.name, { inlet: '1' }, 2.971], //                          13742.4.1.20.2.1.7.1 = 2971 mA
      [PDU.voltage.name, { inlet: '1' }, 230], //                            13742.4.1.20.2.1.8.1 = 230000 mV
      [PDU.power.name, { inlet: '1' }, 580], //                              13742.4.1.20.2.1.9.1 = 580 W
      [PDU.current.name, { outlet: '3', outlet_name: 'OUTLET3' }, 2.192], // 13742.4.1.2.2.1.4.3 = 2192 mA; label .2.3
      [PDU.current.name, { outlet: '6', outlet_name: 'OUTLET6' }, 0.174], // 13742.4.1.2.2.1.4.6 = 174 mA
      [PDU.current.name, { outlet: '1', outlet_name: 'OUTLET1' }, 0], //     13742.4.1.2.2.1.4.1 = 0
      // externalSensorValue 13742.4.3.3.1.41.3 = 205, type .2.3 = temperature(10), digits .17.3 = 1, units .16.3 = degreeC(7)
      [DEVICE.temperature.name, { index: '3', sensor: 'Temperature AEI8850418' }, 20.5],
      // .41.2 = 39, type .2.2 = humidity(11), digits .17.2 = 0: 39 %
      [DEVICE.humidity.name, { index: '2', sensor: 'Humidity AEI8850418' }, 0.39],
      // PDU2-MIB (13742.6) rows in the same recording: measurementsInletSensorValue 13742.6.5.2.3.1.4.1.1.TYPE
      // with inletSensorDecimalDigits 13742.6.3.3.4.1.7.1.1.TYPE; inletLabel 13742.6.3.3.3.1.2.1.1 = "I1"
      [PDU.current.name, { pdu: '1', inlet: '1', inlet_label: 'I1' }, 0.68], //   .1 rmsCurrent = 680, 3 digits
      [PDU.voltage.name, { pdu: '1', inlet: '1', inlet_label: 'I1' }, 233], //    .4 rmsVoltage = 233, 0 digits
      [PDU.power.name, { pdu: '1', inlet: '1', inlet_label: 'I1' }, 138], //      .5 activePower = 138, 0 digits
      [VENDOR_POWER_ENV.pduFrequency.name, { pdu: '1', inlet: '1', inlet_label: 'I1' }, 50], // .23 frequency = 500, 1 digit
      // measurementsOutletSensorValue 13742.6.5.4.3.1.4.1.OUTLET.TYPE, outletSensorDecimalDigits 13742.6.3.5.4.1.7.1.OUTLET.TYPE
      [PDU.current.name, { pdu: '1', outlet: '3', outlet_name: 'OUTLET3' }, 0.311], // .1.3.1 = 311, 3 digits; outletName 13742.6.3.5.3.1.3.1.3
      [PDU.current.name, { pdu: '1', outlet: '10', outlet_name: 'OUTLET10' }, 0.184], // .1.10.1 = 184
      [PDU.current.name, { pdu: '1', outlet: '1', outlet_name: '1' }, 0], // .1.1.1 = 0; outletName .3.1.1 empty, outletLabel .2.1.1 = "1"
      [PDU.power.name, { pdu: '1', outlet: '3', outlet_name: 'OUTLET3' }, 68], //      .1.3.5 = 68, 0 digits
      [PDU.power.name, { pdu: '1', outlet: '11', outlet_name: 'OUTLET11' }, 35], //    .1.11.5 = 35
    ],
    absent: [PDU.energy.name, UPS.onBattery.name], // no activeEnergy (type 8) rows
    // PDU-MIB: 1 inlet + 12 outlets; PDU2-MIB: 1 inlet + 12 outlets (rows of types 4, 5 and 23 are not currents)
    counts: { [PDU.current.name]: 26, [VENDOR_POWER_ENV.pduFrequency.name]: 1, [DEVICE.temperature.name]: 1, [DEVICE.humidity.name]: 1 },
  },
  'test/pdu-env/akcp-sensorprobe8': {
    values: [
      // sensorProbeTempDegreeRaw 3854.1.2.2.1.16.1.14.N (0.1 degree), DegreeType .12.N = celsius(1), Online .5.N = online(1)
      [DEVICE.temperature.name, { index: '0', sensor: 'Temp.Sensor Carrier' }, 19.9], // .14.0 = 199
      [DEVICE.temperature.name, { index: '6', sensor: 'Temp.Sensor 2' }, 20], //         .14.6 = 200
      [DEVICE.temperature.name, { index: '7', sensor: 'Temp.Sensor 1' }, 22.1], //       .14.7 = 221
      [DEVICE.humidity.name, { index: '0', humidity_sensor: 'Custom Descr 1' }, 0.42], // 3854.1.2.2.1.17.1.3.0 = 42 %
      [DEVICE.humidity.name, { index: '7', humidity_sensor: 'Custom Descr 3' }, 0.39], // .17.1.3.7 = 39 %
      [VENDOR_POWER_ENV.akcpSensorStatus.name, { index: '0', kind: 'temperature', sensor: 'Temp.Sensor Carrier', status: 'normal' }, 1], // .16.1.4.0 = 2
      [VENDOR_POWER_ENV.akcpSensorStatus.name, { index: '0', kind: 'temperature', sensor: 'Temp.Sensor Carrier', status: 'highCritical' }, 0],
      [VENDOR_POWER_ENV.akcpSensorStatus.name, { index: '6', kind: 'humidity', humidity_sensor: 'Custom Descr 2', status: 'normal' }, 1], // .17.1.4.6 = 2
    ],
    // ports 1-5 are offline(2) (.16.1.5.1-5, .17.1.5.1-5): their zero readings give nothing
    counts: { [DEVICE.temperature.name]: 3, [DEVICE.humidity.name]: 3 },
    absent: [PDU.current.name],
  },
  'test/pdu-env/dell-rpdu-2500': {
    values: [
      [VENDOR_POWER_ENV.dellPduInfo.name, { model: 'DELL6606', hardware: 'HW01', firmware: 'v5.1.2' }, 1], // 674.10903.200.2.200.100.2.1.{7,4,5}.1
      [PDU.current.name, { phase: '1' }, 19.3], //                    674.10903.200.2.200.120.2.1.4.1 = 193 (0.1 A)
      [PDU.voltage.name, { phase: '1' }, 205], //                     .120.2.1.5.1 = 205 V
      [PDU.power.name, { phase: '1' }, 3810], //                      .120.2.1.6.1 = 381 (0.01 kW)
      [PDU.power.name, { pdu: '1' }, 3790], //                        .110.2.1.3.1 = 379 (0.01 kW)
      [PDU.power.name, { outlet: '3', outlet_name: 'Outlet 3' }, 352], // .130.2.2.1.8.3 = 352 W; name .130.2.2.1.3.3
      [PDU.power.name, { outlet: '8', outlet_name: 'Outlet 8' }, 0], //   .130.2.2.1.8.8 = 0
    ],
    counts: { [PDU.power.name]: 26 }, // phase 1, device 1, outlets 1-24
  },
  'test/pdu-env/digipower-swv-1623k': {
    values: [
      [VENDOR_POWER_ENV.digipowerPduInfo.name, { model: 'SWV-1623K-24N1', version: 's4.82-091002-1cb24s' }, 1], // 17420.1.2.9.1.19.0, 17420.1.2.4.0
      [PDU.current.name, { pdu: '1' }, 0], //   17420.1.2.9.1.11.0 = 0 (0.1 A): nothing plugged in
      [PDU.voltage.name, { pdu: '1' }, 230], // 17420.1.2.9.1.17.0 = 230 V
    ],
  },
  'test/pdu-env/rittal-cmc3-pu-compact': {
    values: [
      // cmcIIIVarValueStr 2606.7.4.2.2.1.10.1.2 = "20.90 degree C", cmcIIIVarName .3.1.2 = "Temperature.Value" (the PU's own probe)
      [DEVICE.temperature.name, { device: '1', index: '2', sensor: 'Temperature.Value' }, 20.9],
      // .10.4.2 = "18.80 degree C", .3.4.2 = "Temperature.Value" (a CAN-bus temperature sensor, device 4)
      [DEVICE.temperature.name, { device: '4', index: '2', sensor: 'Temperature.Value' }, 18.8],
    ],
    // set points (.10.1.4 = "45.00 degree C" …), the offset, "10.00 %" hysteresis and the PU's board
    // temperature (System.Temperature.Value, .10.1.54 = "43.20 degree C") are not sensor readings
    counts: { [DEVICE.temperature.name]: 2 },
  },
  'test/pdu-env/apc-netbotz200': {
    values: [
      // memSensorsTemperature 318.1.1.10.4.2.3.1.5.0.1 = 71 with memSensorsStatusSysTempUnits 318.1.1.10.4.2.1.0 = fahrenheit(2)
      [DEVICE.temperature.name, { module: '0', index: '1', sensor: 'Sensor MM:1' }, fahrenheit(71)],
      [DEVICE.humidity.name, { module: '0', index: '1', sensor: 'Sensor MM:1' }, 0.35], // .3.1.6.0.1 = 35 %
    ],
    counts: { [DEVICE.temperature.name]: 1 },
  },
  'ups/vertiv-power': {
    values: [
      // lgpEnvTemperatureMeasurementDegC 476.1.42.3.4.1.3.3.1.3.3 = 23, row 3's Descr .2.3 = lgpEnvReturnAirTemperature (…3.4.1.1.2)
      [COOLING.returnTemperature.name, { index: '3' }, 23],
      // lgpEnvHumidityMeasurementRel 476.1.42.3.4.2.2.3.1.3.2 = 42 %, row 2's Descr .2.2 = lgpEnvReturnAirHumidity (…3.4.2.1.2)
      [COOLING.returnHumidity.name, { index: '2' }, 0.42],
      [COOLING.setpoint.name, {}, 23], //      lgpEnvTemperatureSettingDegC 476.1.42.3.4.1.3.1.0 = 23
      [COOLING.unitOn.name, {}, 1], //          lgpEnvStateSystem 476.1.42.3.4.3.1.0 = on(1)
      [COOLING.alarmsPresent.name, {}, 0], //   lgpConditionsPresent 476.1.42.3.2.2.0 = 0
    ],
    // the supply-air row (Descr .2.2 = …3.4.1.1.3) has no measurement in the recording
    absent: [COOLING.supplyTemperature.name],
    counts: { [COOLING.returnTemperature.name]: 1, [COOLING.returnHumidity.name]: 1 },
  },
};

const recordings = recordingPoller();
afterAll(() => recordings.close());
const { poll } = recordings;

describe('PDU, environment and cooling recordings through the collector', () => {
  it('the class table covers every recording of testdata/pdu-env', () => {
    const files = readdirSync(TESTDATA).filter((f) => f.endsWith('.snmprec')).map((f) => `test/pdu-env/${f.slice(0, -'.snmprec'.length)}`);
    expect(Object.keys(CLASSES).filter((c) => c.startsWith('test/')).sort()).toEqual(files.sort());
  });

  for (const [community, cls] of Object.entries(CLASSES)) {
    it(`${community}: polls without error, class ${cls}`, async () => {
      expectClass(await poll(community), cls);
    });
  }
});

describe('PDU, environment and cooling values equal the recordings', () => {
  for (const [community, want] of Object.entries(WANT)) {
    it(community, async () => {
      const { samples } = await poll(community);
      checkRecording(samples, want);
    });
  }

  it('nothing absurd reaches the samples: no negative current, power or humidity, no humidity above 100 %', async () => {
    const nonNegative = new Set<string>([PDU.current.name, PDU.power.name, PDU.voltage.name, DEVICE.humidity.name, COOLING.returnHumidity.name]);
    for (const community of Object.keys(CLASSES)) {
      const { samples } = await poll(community);
      for (const s of samples) {
        if (nonNegative.has(s.name)) {
          expect(s.value, `${community} ${s.name}`).toBeGreaterThanOrEqual(0);
        }
        if (s.name === DEVICE.humidity.name || s.name === COOLING.returnHumidity.name) expect(s.value, `${community} ${s.name}`).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('profile fields for tables indexed by what is measured', () => {
  const profile = (metric: string) => `name: x\ndescription: x\nmetrics:\n  - name: slaguard_pdu_current_amperes\n    walk: 1.3.6.1.4.1.13742.6.5.2.3.1.4\n${metric}`;

  it('index_suffix takes index components and reports anything else at its line', () => {
    const problems: string[] = [];
    expect(parseText(profile('    index_suffix: "1"\n'), 'profiles/x.yaml', profileSchema, problems)?.metrics[0]?.index_suffix).toBe('1');
    expect(parseText(profile('    index_suffix: rmsCurrent\n'), 'profiles/x.yaml', profileSchema, problems)).toBeUndefined();
    expect(problems).toEqual(['profiles/x.yaml:6:19: metrics.0.index_suffix: expected index components such as 1 or 4.1']);
  });

  it('where takes numbers and text; sensor_scale takes precision alone', () => {
    const problems: string[] = [];
    const parsed = parseText(profile('    where: [{ column: 1.3.6.1.4.1.476.1.42.3.4.1.3.3.1.2, in: ["1.3.6.1.4.1.476.1.42.3.4.1.1.2", 3] }]\n    sensor_scale: { precision: 1.3.6.1.4.1.13742.6.3.3.4.1.7 }\n'), 'profiles/x.yaml', profileSchema, problems);
    expect(problems).toEqual([]);
    expect(parsed?.metrics[0]?.where[0]?.in).toEqual(['1.3.6.1.4.1.476.1.42.3.4.1.1.2', 3]);
    expect(parsed?.metrics[0]?.sensor_scale).toEqual({ precision: '1.3.6.1.4.1.13742.6.3.3.4.1.7' });
  });
});
