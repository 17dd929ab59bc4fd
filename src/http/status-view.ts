import type { KeyValue } from '../collector/types.ts';
import type { SeriesView } from '../state/series-store.ts';
import type { TargetStatus } from '../store/status-ledger.ts';

/** What the status page and `/api/targets` show for one target. */
export interface TargetView {
  name: string;
  kind: string;
  address: string;
  labels: Readonly<Record<string, string>>;
  status: TargetStatus;
  since: number | undefined;
  reason: string;
  lastPollAt: number | undefined;
  values: Array<{ key: KeyValue; value: number }>;
}

/** Picks the key values of a target from its current series, in the order its kind lists them. */
export function keyValuesOf(keys: readonly KeyValue[], series: readonly SeriesView[]): TargetView['values'] {
  const out: TargetView['values'] = [];
  for (const key of keys) {
    const match = series.find((s) => s.name === key.metric && Object.entries(key.match ?? {}).every(([k, v]) => s.labels[k] === v));
    if (match !== undefined) out.push({ key, value: match.value });
  }
  return out;
}
