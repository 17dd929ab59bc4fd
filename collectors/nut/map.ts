import type { Sample, SampleKind } from '../../src/collector/types.ts';
import { LABEL, UPS, UPS_OUTPUT_SOURCES } from '../../src/metrics/names.ts';

type Vars = ReadonlyMap<string, string>;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A NUT value as a finite number, or undefined when it is missing or not a plain decimal number. */
export function numeric(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Output source from `ups.status` flags, in the order: battery, bypass, booster, reducer, none, normal, other. */
export function outputSource(flags: ReadonlySet<string>): string {
  if (flags.has('OB')) return 'battery';
  if (flags.has('BYPASS')) return 'bypass';
  if (flags.has('BOOST')) return 'booster';
  if (flags.has('TRIM')) return 'reducer';
  if (flags.has('OFF')) return 'none';
  if (flags.has('OL')) return 'normal';
  return 'other';
}

/** The alarms in `ups.alarm`: each `[...]` part when the text is written that way, else the whole text. */
export function alarms(text: string | undefined): string[] {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return [];
  if (/^(\[[^\]]*\]\s*)+$/.test(trimmed)) {
    return [...trimmed.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.trim()).filter((a) => a !== '');
  }
  return [trimmed];
}

const SCALARS: ReadonlyArray<{ nutVar: string; metric: string; percent?: boolean; line?: boolean }> = [
  { nutVar: 'battery.charge', metric: UPS.charge.name, percent: true },
  { nutVar: 'battery.runtime', metric: UPS.runtime.name },
  { nutVar: 'battery.voltage', metric: UPS.batteryVoltage.name },
  { nutVar: 'battery.temperature', metric: UPS.batteryTemperature.name },
  { nutVar: 'input.voltage', metric: UPS.inputVoltage.name, line: true },
  { nutVar: 'input.frequency', metric: UPS.inputFrequency.name, line: true },
  { nutVar: 'output.voltage', metric: UPS.outputVoltage.name, line: true },
  { nutVar: 'output.current', metric: UPS.outputCurrent.name, line: true },
  { nutVar: 'output.frequency', metric: UPS.outputFrequency.name },
  { nutVar: 'ups.load', metric: UPS.outputLoad.name, percent: true, line: true },
  { nutVar: 'ups.realpower', metric: UPS.outputPower.name, line: true },
];

/**
 * The normalised `slaguard_ups_*` samples for one UPS from its NUT variables, each labelled `ups=<name>`.
 * Status-derived series appear only when `ups.status` is given; a missing or non-numeric value is left out.
 */
export function upsSamples(ups: string, vars: Vars, ts: number): Sample[] {
  const samples: Sample[] = [];
  const add = (name: string, value: number, extra: Record<string, string> = {}, kind: SampleKind = 'gauge') =>
    samples.push({ name, labels: { [LABEL.ups]: ups, ...extra }, value, ts, kind });

  const status = vars.get('ups.status')?.trim();
  if (status !== undefined && status !== '') {
    const flags = new Set(status.split(/\s+/));
    add(UPS.onBattery.name, flags.has('OB') ? 1 : 0);
    add(UPS.lowBattery.name, flags.has('LB') ? 1 : 0);
    add(UPS.charging.name, flags.has('CHRG') ? 1 : 0);
    add(UPS.replaceBattery.name, flags.has('RB') ? 1 : 0);
    const source = outputSource(flags);
    for (const state of UPS_OUTPUT_SOURCES) add(UPS.outputSource.name, state === source ? 1 : 0, { [LABEL.source]: state }, 'state');
  }

  for (const { nutVar, metric, percent, line } of SCALARS) {
    const value = numeric(vars.get(nutVar));
    if (value !== undefined) add(metric, percent ? value / 100 : value, line ? { [LABEL.line]: '1' } : {});
  }

  const active = alarms(vars.get('ups.alarm'));
  if (active.length > 0 || (status !== undefined && status !== '')) {
    for (const alarm of new Set(active)) add(UPS.alarm.name, 1, { [LABEL.alarm]: alarm });
    add(UPS.alarmsPresent.name, new Set(active).size);
  }

  const manufacturer = (vars.get('device.mfr') ?? vars.get('ups.mfr'))?.trim();
  const model = (vars.get('device.model') ?? vars.get('ups.model'))?.trim();
  if (manufacturer || model) {
    add(UPS.info.name, 1, {
      ...(manufacturer ? { [LABEL.manufacturer]: manufacturer } : {}),
      ...(model ? { [LABEL.model]: model } : {}),
    });
  }
  return samples;
}
