import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { Sample } from '../../src/collector/types.ts';

/**
 * Turns Prometheus text exposition into samples. Counters, gauges and untyped series are kept;
 * summaries and histograms are skipped (their parts are not meaningful as single series).
 * Metric names matching `exclude` (the exporter's own process and runtime metrics) are dropped.
 */
export function expositionToSamples(text: string, exclude: RegExp, ts: number): Sample[] {
  const out: Sample[] = [];
  for (const family of parsePrometheusTextFormat(text)) {
    if (exclude.test(family.name)) continue;
    if (family.type === 'SUMMARY' || family.type === 'HISTOGRAM') continue;
    const kind = family.type === 'COUNTER' ? 'counter' : 'gauge';
    for (const m of family.metrics) {
      const value = Number(m.value);
      if (m.value === undefined || Number.isNaN(value)) continue;
      out.push({ name: family.name, labels: m.labels ?? {}, value, ts, kind });
    }
  }
  return out;
}
