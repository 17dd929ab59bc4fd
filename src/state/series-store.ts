import type { Sample, SampleKind } from '../collector/types.ts';
import { METRIC_DEFS } from '../metrics/names.ts';
import type { LabelPredicate } from './matchers.ts';

/**
 * The latest value of one series. `labels` are the sample's own (a label that would hide one of the
 * owner's is renamed `exported_<name>`); `sharedLabels` are the owner's (target name and labels),
 * one object per owner, so prom-client formats them once per owner, not once per series.
 */
export interface SeriesEntry {
  readonly labels: Readonly<Record<string, string>>;
  readonly sharedLabels: Readonly<Record<string, string>>;
  value: number;
  /** Milliseconds since the epoch of the sample that set `value`. */
  ts: number;
  /** The start of this series' exposition line (name, `{...}`, a space), kept by the exporter once built. */
  lineHead?: string;
}

/** A series as pages and the API see it: name and every label. */
export interface SeriesView {
  name: string;
  labels: Record<string, string>;
  value: number;
  ts: number;
}

/** All series of one metric name, with what HELP and TYPE lines need. */
export interface SeriesFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly entries: Set<SeriesEntry>;
}

interface OwnedEntry extends SeriesEntry {
  readonly family: SeriesFamily;
  generation: number;
}

interface Owner {
  base: Readonly<Record<string, string>>;
  /** Entries in the order the last poll reported them: the next poll usually reports the same order. */
  entries: OwnedEntry[];
  generation: number;
}

/**
 * Latest value of every series, grouped by owner (a target's samples, or a target's health).
 * An owner's series are replaced as a whole on each poll: a series the owner no longer reports
 * disappears, so /metrics never shows a stale value as if it were live.
 * A sample's label object is kept, not copied: collectors must not mutate it afterwards.
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
    const previous = owner.entries;
    const next: OwnedEntry[] = new Array(samples.length);
    let index: Map<string, OwnedEntry> | undefined;
    // Fast path: the series at the cursor in last poll's order, or the one after it (a series that
    // came and went, such as a utilisation not computable this time); no key string built.
    let cursor = 0;
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      let entry = previous[cursor];
      if (entry !== undefined && isSeries(entry, sample)) {
        cursor++;
      } else if ((entry = previous[cursor + 1]) !== undefined && isSeries(entry, sample)) {
        cursor += 2;
      } else {
        index ??= indexEntries(previous, owner.base);
        entry = index.get(seriesKey(sample.name, sample.labels));
        if (entry === undefined) {
          entry = this.createEntry(owner, sample);
          index.set(seriesKey(sample.name, sample.labels), entry);
        }
      }
      entry.value = sample.value;
      entry.ts = sample.ts;
      entry.generation = generation;
      next[i] = entry;
    }
    for (const entry of previous) if (entry.generation !== generation) entry.family.entries.delete(entry);
    owner.entries = next;
  }

  /** Removes every series of `ownerKey` (a target removed from the config). */
  drop(ownerKey: string): void {
    const owner = this.owners.get(ownerKey);
    if (owner === undefined) return;
    for (const entry of owner.entries) entry.family.entries.delete(entry);
    this.owners.delete(ownerKey);
  }

  /** Current series of one owner with all their labels, for pages and the API. */
  seriesOf(ownerKey: string): SeriesView[] {
    const owner = this.owners.get(ownerKey);
    if (owner === undefined) return [];
    const seen = new Set<OwnedEntry>();
    return owner.entries
      .filter((e) => !seen.has(e) && seen.add(e))
      .map((e) => ({ name: e.family.name, labels: { ...e.sharedLabels, ...e.labels }, value: e.value, ts: e.ts }));
  }

  /**
   * Every current series of metric `name` whose labels (target's and own) satisfy `match`.
   * This is how readers (rules, pages, exporters) find series: never through owner keys.
   */
  query(name: string, match: LabelPredicate = () => true): SeriesView[] {
    const family = this.families.get(name);
    if (family === undefined) return [];
    const out: SeriesView[] = [];
    for (const e of family.entries) {
      const labels = { ...e.sharedLabels, ...e.labels };
      if (match(labels)) out.push({ name, labels, value: e.value, ts: e.ts });
    }
    return out;
  }

  private owner(ownerKey: string, base: Readonly<Record<string, string>>): Owner {
    let owner = this.owners.get(ownerKey);
    if (owner === undefined || !sameLabels(owner.base, base)) {
      if (owner !== undefined) this.drop(ownerKey);
      owner = { base: { ...base }, entries: [], generation: 0 };
      this.owners.set(ownerKey, owner);
    }
    return owner;
  }

  private createEntry(owner: Owner, sample: Sample): OwnedEntry {
    const family = this.family(sample.name, sample.kind);
    let labels = sample.labels;
    if (Object.keys(labels).some((name) => name in owner.base)) {
      // A sample label never hides a target label: it is kept beside it, renamed.
      labels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k in owner.base ? `exported_${k}` : k, v]));
    }
    const entry: OwnedEntry = { labels, sharedLabels: owner.base, value: sample.value, ts: sample.ts, family, generation: 0 };
    family.entries.add(entry);
    return entry;
  }

  private family(name: string, kind: SampleKind): SeriesFamily {
    let family = this.families.get(name);
    if (family === undefined) {
      const def = METRIC_DEFS.get(name);
      family = { name, help: def?.help ?? name, type: def?.type ?? (kind === 'counter' ? 'counter' : 'gauge'), entries: new Set() };
      this.families.set(name, family);
      for (const listener of this.familyListeners) listener(family);
    }
    return family;
  }
}

/** Whether `entry` is the series `sample` reports. */
function isSeries(entry: OwnedEntry, sample: Sample): boolean {
  return entry.family.name === sample.name && sameSeriesLabels(entry.labels, sample.labels);
}

/** Whether an entry's labels are those of `sample` (allowing for the exported_ renaming). */
function sameSeriesLabels(entryLabels: Readonly<Record<string, string>>, sampleLabels: Readonly<Record<string, string>>): boolean {
  if (entryLabels === sampleLabels) return true;
  let count = 0;
  for (const name in sampleLabels) {
    const value = sampleLabels[name];
    if (entryLabels[name] !== value && entryLabels[`exported_${name}`] !== value) return false;
    count++;
  }
  for (const _ in entryLabels) count--;
  return count === 0;
}

function indexEntries(entries: readonly OwnedEntry[], base: Readonly<Record<string, string>>): Map<string, OwnedEntry> {
  const index = new Map<string, OwnedEntry>();
  for (const e of entries) {
    const original: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.labels)) original[k.startsWith('exported_') && k.slice(9) in base ? k.slice(9) : k] = v;
    index.set(seriesKey(e.family.name, original), e);
  }
  return index;
}

function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  let key = `${name}\u0000`;
  for (const label of Object.keys(labels).sort()) key += `${label}\u0001${labels[label]}\u0001`;
  return key;
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
