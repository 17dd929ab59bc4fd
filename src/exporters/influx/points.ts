import type { IPoint } from 'influx';
import type { PollOutcome } from '../../collector/scheduler.ts';
import type { Sample } from '../../collector/types.ts';
import { targetBaseLabels } from '../../state/series-sink.ts';

/** A point as buffered: measurement, tags, the value, Unix time in ms. */
export type InfluxPoint = [measurement: string, tags: Record<string, string>, value: number, ts: number];

/**
 * The points of one poll. Measurement = the metric name (`slaguard_ups_battery_charge_ratio`);
 * tags = `target`, the target's labels (site, agency, service...) and the sample's own labels;
 * one float field `value`; time = the sample's timestamp in ms. The target's health series
 * (`slaguard_target_up`, poll duration, errors) are written too. Non-finite values and empty tag
 * values are left out (InfluxDB rejects them).
 */
export function outcomePoints(o: PollOutcome): InfluxPoint[] {
  const base = targetBaseLabels(o.target);
  const out: InfluxPoint[] = [];
  const add = (s: Sample) => {
    if (!Number.isFinite(s.value)) return;
    const tags: Record<string, string> = {};
    for (const [k, v] of Object.entries(base)) if (v !== '') tags[k] = v;
    for (const [k, v] of Object.entries(s.labels)) if (v !== '') tags[k] = v;
    out.push([s.name, tags, s.value, s.ts]);
  };
  for (const s of o.samples) add(s);
  for (const s of o.health.samples(o.finishedAt, o.target.kind)) add(s);
  return out;
}

/** The `influx` package's form of a buffered point. */
export const toIPoint = ([measurement, tags, value, ts]: InfluxPoint): IPoint => ({ measurement, tags, fields: { value }, timestamp: ts });
