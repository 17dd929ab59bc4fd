import type { OutcomeSink } from '../collector/sinks.ts';
import type { Target } from '../collector/types.ts';
import type { SeriesStore, SeriesView } from './series-store.ts';

const targetOwner = (name: string) => `t/${name}`;
const healthOwner = (name: string) => `h/${name}`;

/** The labels every series of a target carries: its name and its configured labels. */
export const targetBaseLabels = (t: Target): Record<string, string> => ({ target: t.name, ...t.labels });

/** Keeps the series store current: each poll replaces the target's samples and its health series. */
export function seriesSink(store: SeriesStore): OutcomeSink {
  return {
    onOutcome(o) {
      const base = targetBaseLabels(o.target);
      store.replace(targetOwner(o.target.name), base, o.samples);
      store.replace(healthOwner(o.target.name), base, o.health.samples(o.finishedAt, o.target.kind));
    },
    onSkip(target, health, at) {
      store.replace(healthOwner(target.name), targetBaseLabels(target), health.samples(at, target.kind));
    },
    onRemove(target) {
      store.drop(targetOwner(target));
      store.drop(healthOwner(target));
    },
  };
}

/** The collected series of one target (not its health series), for pages and the API. */
export function targetSeries(store: SeriesStore, target: string): SeriesView[] {
  return store.seriesOf(targetOwner(target));
}
