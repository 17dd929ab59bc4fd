import type { Sample, SampleKind } from '../collector/types.ts';
import { METRIC_DEFS } from '../metrics/names.ts';

/** The latest value of one series. `labels` hold the owner's base labels merged with the sample's. */
export interface SeriesEntry {
  readonly labels: Readonly<Record<string, string>>;
  value: number;
  /** Milliseconds since the epoch of the sample that set `value`. */
  ts: number;
}

/** All series of one metric name, with what HELP and TYPE lines need. */
export interface SeriesFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly entries: Map<string, SeriesEntry>;
}

interface OwnedEntry extends SeriesEntry {
  family: SeriesFamily;
  fullKey: string;
  generation: number;
}

interface Owner {
  base: Readonly<Record<string, string>>;
  basePrefix: string;
  series: Map<string, OwnedEntry>;
  generation: number;
}

/**
 * Latest value of every series, grouped by owner (a target's samples, or a target's health).
 * An owner's series are replaced as a whole on each poll: a series the owner no longer reports
 * disappears, so /metrics never shows a stale value as if it were live.
 */
export class SeriesStore {
  readonly families = new Map<string, SeriesFamily>();
  private readonly owners = new Map<string, Owner>();
  private readonly familyListeners: Array<(family: SeriesFamily) => void> = [];

  /** Called once for every family when it is first created (the exporter registers it). */
  onNewFamily(listener: (family: SeriesFamily) => void): void {
    this.familyListeners.push(listener);
  }

  /** Replaces everything `ownerKey` reported with `samples`; `base` labels go on every series. */
  replace(ownerKey: string, base: Readonly<Record<string, string>>, samples: readonly Sample[]): void {
    const owner = this.owner(ownerKey, base);
    const generation = ++owner.generation;
    let touched = 0;
    for (const sample of samples) {
      const key = seriesKey(sample);
      let entry = owner.series.get(key);
      if (entry === undefined) {
        entry = this.createEntry(owner, sample, key);
        owner.series.set(key, entry);
      }
      if (entry.generation !== generation) touched++;
      entry.value = sample.value;
      entry.ts = sample.ts;
      entry.generation = generation;
    }
    if (owner.series.size > touched) this.sweep(owner, generation);
  }

  /** Removes every series of `ownerKey` (a target removed from the config). */
  drop(ownerKey: string): void {
    const owner = this.owners.get(ownerKey);
    if (owner === undefined) return;
    this.sweep(owner, Number.POSITIVE_INFINITY);
    this.owners.delete(ownerKey);
  }

  /** Current series of one owner, for pages and the API. */
  seriesOf(ownerKey: string): Array<SeriesEntry & { name: string }> {
    const owner = this.owners.get(ownerKey);
    if (owner === undefined) return [];
    return [...owner.series.values()].map((e) => ({ name: e.family.name, labels: e.labels, value: e.value, ts: e.ts }));
  }

  ownerKeys(): IterableIterator<string> {
    return this.owners.keys();
  }

  private owner(ownerKey: string, base: Readonly<Record<string, string>>): Owner {
    let owner = this.owners.get(ownerKey);
    if (owner === undefined || !sameLabels(owner.base, base)) {
      if (owner !== undefined) this.drop(ownerKey);
      owner = { base, basePrefix: labelKey(base), series: new Map(), generation: 0 };
      this.owners.set(ownerKey, owner);
    }
    return owner;
  }

  private createEntry(owner: Owner, sample: Sample, key: string): OwnedEntry {
    const family = this.family(sample.name, sample.kind);
    const labels: Record<string, string> = { ...owner.base };
    for (const [name, value] of Object.entries(sample.labels)) {
      // A sample label never hides a target label: it is kept beside it, renamed.
      labels[name in owner.base ? `exported_${name}` : name] = value;
    }
    const fullKey = `${owner.basePrefix}\u0002${key}`;
    const entry: OwnedEntry = { labels, value: sample.value, ts: sample.ts, family, fullKey, generation: 0 };
    family.entries.set(fullKey, entry);
    return entry;
  }

  private family(name: string, kind: SampleKind): SeriesFamily {
    let family = this.families.get(name);
    if (family === undefined) {
      const def = METRIC_DEFS.get(name);
      family = {
        name,
        help: def?.help ?? name,
        type: def?.type ?? (kind === 'counter' ? 'counter' : 'gauge'),
        entries: new Map(),
      };
      this.families.set(name, family);
      for (const listener of this.familyListeners) listener(family);
    }
    return family;
  }

  private sweep(owner: Owner, generation: number): void {
    for (const [key, entry] of owner.series) {
      if (entry.generation !== generation) {
        entry.family.entries.delete(entry.fullKey);
        owner.series.delete(key);
      }
    }
  }
}

function seriesKey(sample: Sample): string {
  return `${sample.name}\u0000${labelKey(sample.labels)}`;
}

function labelKey(labels: Readonly<Record<string, string>>): string {
  let key = '';
  for (const name in labels) key += `${name}\u0001${labels[name]}\u0001`;
  return key;
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => a[k] === b[k]);
}
