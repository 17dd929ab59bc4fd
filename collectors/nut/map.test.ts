import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { UPS } from '../../src/metrics/names.ts';
import { alarms, numeric, outputSource, upsSamples } from './map.ts';

const samplesOf = (vars: Record<string, string>) => upsSamples('ups1', new Map(Object.entries(vars)), 1_700_000_000_000);
const find = (samples: Sample[], name: string) => samples.filter((s) => s.name === name);

describe('upsSamples', () => {
  it('maps a full NUT variable set onto the normalised UPS metrics, labelled with the UPS name', () => {
    const samples = samplesOf({
      'ups.status': 'OL CHRG',
      'battery.charge': '87',
      'battery.runtime': '2700',
      'battery.voltage': '27.1',
      'battery.temperature': '31.5',
      'input.voltage': '230.0',
      'input.frequency': '50.0',
      'output.voltage': '229.8',
      'output.current': '3.2',
      'output.frequency': '49.9',
      'ups.load': '23',
      'ups.realpower': '540',
      'device.mfr': 'EATON',
      'device.model': '9PX 3000i',
    });
    const byName = Object.fromEntries(samples.map((s) => [s.name, s]));
    expect(byName[UPS.onBattery.name]).toMatchObject({ value: 0, labels: { ups: 'ups1' }, kind: 'gauge' });
    expect(byName[UPS.lowBattery.name]?.value).toBe(0);
    expect(byName[UPS.charging.name]?.value).toBe(1);
    expect(byName[UPS.replaceBattery.name]?.value).toBe(0);
    expect(samples.filter((s) => s.name === UPS.outputSource.name && s.value === 1)).toMatchObject([{ labels: { ups: 'ups1', source: 'normal' }, kind: 'state' }]);
    expect(samples.filter((s) => s.name === UPS.outputSource.name).map((s) => s.labels.source)).toEqual(['other', 'none', 'normal', 'bypass', 'battery', 'booster', 'reducer']);
    expect(byName[UPS.charge.name]?.value).toBe(0.87);
    expect(byName[UPS.runtime.name]?.value).toBe(2700);
    expect(byName[UPS.batteryVoltage.name]?.value).toBe(27.1);
    expect(byName[UPS.batteryTemperature.name]?.value).toBe(31.5);
    expect(byName[UPS.inputVoltage.name]).toMatchObject({ value: 230, labels: { ups: 'ups1', line: '1' } });
    expect(byName[UPS.inputFrequency.name]).toMatchObject({ value: 50, labels: { ups: 'ups1', line: '1' } });
    expect(byName[UPS.outputVoltage.name]).toMatchObject({ value: 229.8, labels: { ups: 'ups1', line: '1' } });
    expect(byName[UPS.outputCurrent.name]).toMatchObject({ value: 3.2, labels: { ups: 'ups1', line: '1' } });
    expect(byName[UPS.outputFrequency.name]).toMatchObject({ value: 49.9, labels: { ups: 'ups1' } });
    expect(byName[UPS.outputLoad.name]).toMatchObject({ value: 0.23, labels: { ups: 'ups1', line: '1' } });
    expect(byName[UPS.outputPower.name]).toMatchObject({ value: 540, labels: { ups: 'ups1', line: '1' } });
    expect(byName[UPS.alarmsPresent.name]?.value).toBe(0);
    expect(find(samples, UPS.alarm.name)).toEqual([]);
    expect(byName[UPS.info.name]).toMatchObject({ value: 1, labels: { ups: 'ups1', manufacturer: 'EATON', model: '9PX 3000i' } });
    expect(samples.every((s) => s.ts === 1_700_000_000_000)).toBe(true);
  });

  it('reads the status flags of a UPS on battery, low, asking for a new battery, with an alarm', () => {
    const samples = samplesOf({ 'ups.status': 'OB LB RB ALARM', 'ups.alarm': 'Replace battery!', 'ups.mfr': 'APC', 'ups.model': 'Smart-UPS 1500' });
    const value = (name: string) => find(samples, name)[0]?.value;
    expect(value(UPS.onBattery.name)).toBe(1);
    expect(value(UPS.lowBattery.name)).toBe(1);
    expect(value(UPS.replaceBattery.name)).toBe(1);
    expect(value(UPS.charging.name)).toBe(0);
    expect(find(samples, UPS.outputSource.name).find((s) => s.value === 1)?.labels.source).toBe('battery');
    expect(find(samples, UPS.alarm.name).map((s) => [s.labels.alarm, s.value])).toEqual([['Replace battery!', 1]]);
    expect(value(UPS.alarmsPresent.name)).toBe(1);
    expect(find(samples, UPS.info.name)[0]?.labels).toEqual({ ups: 'ups1', manufacturer: 'APC', model: 'Smart-UPS 1500' });
  });

  it('leaves out missing and non-numeric values instead of exporting 0', () => {
    const samples = samplesOf({ 'battery.charge': 'unknown', 'battery.runtime': '', 'input.voltage': '0x10', 'ups.load': 'NaN', 'ups.realpower': '12W' });
    expect(samples).toEqual([]);
  });

  it('exports no status or alarm series without ups.status', () => {
    const names = samplesOf({ 'battery.charge': '50' }).map((s) => s.name);
    expect(names).toEqual([UPS.charge.name]);
  });
});

describe('outputSource', () => {
  it.each([
    ['OL', 'normal'],
    ['OB DISCHRG', 'battery'],
    ['OL BYPASS', 'bypass'],
    ['OL BOOST', 'booster'],
    ['OL TRIM', 'reducer'],
    ['OFF', 'none'],
    ['WAIT', 'other'],
  ])('%s → %s', (status, source) => {
    expect(outputSource(new Set(status.split(' ')))).toBe(source);
  });
});

describe('alarms and numbers', () => {
  it('splits bracketed alarm lists and keeps other text whole', () => {
    expect(alarms('[Replace battery!] [Overload]')).toEqual(['Replace battery!', 'Overload']);
    expect(alarms('Replace battery! Overload')).toEqual(['Replace battery! Overload']);
    expect(alarms('  ')).toEqual([]);
    expect(alarms(undefined)).toEqual([]);
  });

  it('accepts plain decimals only', () => {
    expect(numeric('230.0')).toBe(230);
    expect(numeric(' -5 ')).toBe(-5);
    expect(numeric('1e3')).toBe(1000);
    expect(numeric('Infinity')).toBeUndefined();
    expect(numeric('')).toBeUndefined();
  });
});
