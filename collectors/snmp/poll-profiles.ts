import type { Sample } from '../../src/collector/types.ts';
import { CounterTracker } from './counters.ts';
import type { Profile, ProfileMetric } from './profile-schema.ts';
import { SNMP_TYPE, type SnmpSession, type SnmpVarbind } from './session.ts';
import { computeRaw, phantomRows, plausible, rawOf, type DiscardReason, type Raw } from './readings.ts';
import { toLabel, toNumber } from './values.ts';

export const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';

/** What persists for one target between polls: lookup tables (refreshed slowly) and counter state. */
export class TargetMemory {
  readonly counters = new CounterTracker();
  readonly lookups = new Map<string, { at: number; values: Map<string, string> }>();
  /** Fallback columns (32-bit counters) found useless: every row had the 64-bit column. Re-checked with the lookups. */
  readonly unneededFallbacks = new Set<string>();
  /** Scalars (as OID.0) the agent has under neither OID.0 nor the bare OID: not asked again until the lookups refresh. */
  readonly absentScalars = new Set<string>();
  /** Rows each walked column had last time, so the next walk can ask for all of them at once. */
  readonly rowCounts = new Map<string, number>();
  /** Label objects per metric and row, reused between polls (the series store then matches them at once). */
  readonly rowLabels = new Map<ProfileMetric, Map<string, Record<string, string>>>();
  /** Values read but not exported since the collector started, by reason (sentinel, implausible). */
  readonly valuesDiscarded = new Map<DiscardReason, number>();
  constructor(readonly lookupRefreshMs: number) {}
}

/** Polls `profiles` once through `session` and returns their samples. */
export async function pollProfiles(
  profiles: readonly Profile[],
  session: SnmpSession,
  memory: TargetMemory,
  signal: AbortSignal,
  now: () => number = Date.now,
): Promise<Sample[]> {
  const metrics = profiles.flatMap((p) => p.metrics);
  const scalars = new Set<string>([SYS_UPTIME]);
  for (const m of metrics) {
    if (m.get) scalars.add(`${m.get}.0`);
    if (m.get && m.fallback) scalars.add(`${m.fallback}.0`);
    if (m.get) for (const a of m.alternatives) scalars.add(`${a.oid}.0`);
    for (const o of m.compute?.scalars ?? []) scalars.add(`${o}.0`);
    if (m.rows_count) scalars.add(`${m.rows_count}.0`);
    const unit = typeof m.unit === 'object' ? m.unit : undefined;
    if (unit?.scalar) scalars.add(`${unit.scalar}.0`);
    for (const o of Object.values(m.info ?? {})) scalars.add(`${o}.0`);
  }
  const staleLookups = profiles.flatMap((p) => p.lookups).filter((l) => (memory.lookups.get(lookupKey(l))?.at ?? -Infinity) + memory.lookupRefreshMs <= now());
  if (staleLookups.length > 0) {
    memory.unneededFallbacks.clear();
    memory.absentScalars.clear();
  }
  for (const o of memory.absentScalars) scalars.delete(o);
  const columns = new Set<string>(staleLookups.flatMap((l) => [l.oid, ...(l.fallback ? [l.fallback] : []), ...(l.via ? [l.via] : [])]));
  for (const m of metrics) {
    if (m.walk) columns.add(m.walk);
    if (m.walk && m.fallback && !memory.unneededFallbacks.has(m.fallback)) columns.add(m.fallback);
    if (m.walk) for (const a of m.alternatives) columns.add(a.oid);
    for (const o of m.compute?.columns ?? []) columns.add(o);
    if (m.multiply_by) columns.add(m.multiply_by);
    if (m.phantom_zero_rows) columns.add(m.phantom_zero_rows);
    if (typeof m.unit === 'object' && m.unit.column) columns.add(m.unit.column);
    for (const w of m.where) columns.add(w.column);
    if (m.sensor_scale) columns.add(m.sensor_scale.precision);
    if (m.sensor_scale?.scale) columns.add(m.sensor_scale.scale);
  }

  const [values, walked] = await Promise.all([getScalars(session, [...scalars], signal, memory.absentScalars), walkAll(session, [...columns], signal, memory.rowCounts)]);
  const ts = now();
  for (const l of staleLookups) {
    const values = lookupValues(walked.get(l.oid), l.fallback ? walked.get(l.fallback) : undefined, l.fallback_pattern);
    memory.lookups.set(lookupKey(l), { at: ts, values: l.via ? pointedAt(walked.get(l.via), values) : values });
  }
  memory.counters.beginPoll(toNumber(values.get(SYS_UPTIME)), ts);

  const out: Sample[] = [];
  const seenCounters = new Set<string>();
  // Per-row values of the metrics that utilisation is computed against (interface speed), by metric then row.
  const speeds = new Map<string, Map<string, number>>();
  for (const m of metrics) if (m.utilisation) speeds.set(m.utilisation.speed, new Map());
  for (const profile of profiles) {
    const lookup = (label: string, index: string) => {
      const l = profile.lookups.find((x) => x.label === label);
      return l ? memory.lookups.get(lookupKey(l))?.values.get(index) : undefined;
    };
    for (const m of profile.metrics) {
      if (m.info) {
        const labels: Record<string, string> = { ...m.labels };
        for (const [label, o] of Object.entries(m.info)) {
          const text = toLabel(values.get(`${o}.0`));
          if (text) labels[label] = text;
        }
        if (Object.keys(labels).length > Object.keys(m.labels).length) out.push({ name: m.name, labels, value: 1, ts, kind: 'gauge' });
      } else if (m.get || m.compute?.scalars) {
        const primary = m.compute?.scalars
          ? computeRaw(m, m.compute.scalars.map((o) => values.get(`${o}.0`)))
          : rawOf(m, values.get(`${m.get}.0`) ?? (m.fallback ? values.get(`${m.fallback}.0`) : undefined));
        const sources = [{ raw: primary, scale: m.scale }, ...m.alternatives.map((a) => ({ raw: rawOf(m, values.get(`${a.oid}.0`)), scale: a.scale ?? m.scale }))];
        emit(out, m, sources, { ...m.labels }, ts, memory.valuesDiscarded, fahrenheit(m, unitScalar(m, values)));
      } else if (m.walk || m.compute?.columns) {
        const rows = walked.get(m.walk ?? m.compute!.columns![0]!) ?? new Map<string, SnmpVarbind>();
        const fallbackRows = m.fallback ? walked.get(m.fallback) : undefined;
        if (m.fallback && fallbackRows && [...fallbackRows.keys()].every((i) => rows.has(i))) memory.unneededFallbacks.add(m.fallback);
        const indexes = new Set([...rows.keys(), ...(fallbackRows?.keys() ?? []), ...m.alternatives.flatMap((a) => [...(walked.get(a.oid)?.keys() ?? [])])]);
        const present = m.rows_count ? toNumber(values.get(`${m.rows_count}.0`)) : undefined;
        const phantoms = m.phantom_zero_rows ? phantomRows(walked.get(m.phantom_zero_rows)) : undefined;
        let cached = memory.rowLabels.get(m);
        if (cached === undefined || staleLookups.length > 0) memory.rowLabels.set(m, (cached = new Map()));
        for (const index of indexes) {
          if (present !== undefined && !inCount(index, present)) continue;
          const row = m.index_suffix === undefined ? index : withoutSuffix(index, m.index_suffix);
          if (row === undefined) continue;
          if (phantoms?.has(index)) continue;
          let labels = cached.get(index);
          if (labels === undefined) {
            labels = { ...m.labels, ...indexLabels(m.index, row) };
            for (const name of m.lookups) {
              const text = lookup(name, row);
              if (text !== undefined) labels[name] = text;
            }
            cached.set(index, labels);
          }
          if (!m.where.every((w) => whereHolds(w, walked.get(w.column)?.get(index)))) continue;
          const primary = rows.get(index);
          const vb = primary ?? fallbackRows?.get(index);
          let factor = m.multiply_by ? toNumber(walked.get(m.multiply_by)?.get(index)) : 1;
          if (factor === undefined) continue;
          if (m.sensor_scale) factor *= sensorScale(walked, m.sensor_scale, index);
          const scale = primary === undefined && m.fallback_scale !== undefined ? m.fallback_scale : m.scale;
          const raw = m.compute?.columns ? computeRaw(m, m.compute.columns.map((c) => walked.get(c)?.get(index))) : rawOf(m, vb);
          const sources = [{ raw, scale: scale * factor }, ...m.alternatives.map((a) => ({ raw: rawOf(m, walked.get(a.oid)?.get(index)), scale: (a.scale ?? m.scale) * factor }))];
          const unit = typeof m.unit === 'object' && m.unit.column ? walked.get(m.unit.column)?.get(index) : unitScalar(m, values);
          const sample = emit(out, m, sources, labels, ts, memory.valuesDiscarded, fahrenheit(m, unit));
          if (sample === undefined || vb === undefined) continue;
          speeds.get(m.name)?.set(index, sample.value);
          if (m.utilisation) {
            const key = `${m.name}\u0000${index}`;
            seenCounters.add(key);
            const speed = speeds.get(m.utilisation.speed)?.get(index);
            const ratio = utilisation(vb, key, speed, m.utilisation.factor, memory.counters);
            if (ratio !== undefined) out.push({ name: m.utilisation.name, labels, value: ratio, ts, kind: 'gauge' });
          }
        }
      }
    }
  }
  memory.counters.keepOnly(seenCounters);
  return firstOfEachSeries(out, profiles);
}

/**
 * Where two profiles, or two metrics of one profile, give the same series (name and labels), keeps the
 * first: profiles come highest precedence first (detect.ts), so a vendor's value wins over the generic
 * MIB's, as on /metrics; within a profile the metric listed first wins (FortiGate's per-unit HA role
 * over the one the HA mode implies). Only names several metrics produce are checked.
 */
function firstOfEachSeries(samples: Sample[], profiles: readonly Profile[]): Sample[] {
  const producers = new Map<string, number>();
  for (const p of profiles) for (const name of p.metrics.flatMap((m) => (m.utilisation ? [m.name, m.utilisation.name] : [m.name]))) producers.set(name, (producers.get(name) ?? 0) + 1);
  const shared = new Set([...producers].filter(([, n]) => n > 1).map(([name]) => name));
  if (shared.size === 0) return samples;
  const seen = new Set<string>();
  return samples.filter((s) => {
    if (!shared.has(s.name)) return true;
    const key = `${s.name}\u0000${Object.keys(s.labels).sort().map((k) => `${k}=${s.labels[k]}`).join('\u0001')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function getScalars(session: SnmpSession, oids: string[], signal: AbortSignal, absent: Set<string>): Promise<Map<string, SnmpVarbind>> {
  const values = await session.get(oids, signal);
  // Some agents record a scalar without its `.0` instance: ask once more for the bare OIDs, and keep
  // what they give under the `.0` name.
  const missing = oids.filter((o) => !values.has(o));
  if (missing.length === 0) return values;
  const bare = await session.get(missing.map((o) => o.slice(0, -2)), signal);
  for (const o of missing) {
    const vb = bare.get(o.slice(0, -2));
    if (vb === undefined) absent.add(o);
    else values.set(o, vb);
  }
  return values;
}

async function walkAll(session: SnmpSession, roots: string[], signal: AbortSignal, rowCounts: Map<string, number>): Promise<Map<string, Map<string, SnmpVarbind>>> {
  const out = new Map<string, Map<string, SnmpVarbind>>();
  for (const [root, varbinds] of await session.walkColumns(roots, signal, rowCounts)) {
    const rows = new Map<string, SnmpVarbind>();
    for (const vb of varbinds) rows.set(vb.oid.slice(root.length + 1), vb);
    rowCounts.set(root, rows.size);
    out.set(root, rows);
  }
  return out;
}

/** Where a lookup's table is kept in TargetMemory: two profiles may read one column directly, through a pointer or with another fallback. */
const lookupKey = (l: Profile['lookups'][number]): string => [l.oid, l.via ?? '', l.fallback ?? '', l.fallback_pattern?.source ?? ''].join('\u0000');

/** Row → text through a pointer column: each row of `via` names the row of `values` to take. */
function pointedAt(via: Map<string, SnmpVarbind> | undefined, values: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [index, vb] of via ?? []) {
    const text = values.get(toLabel(vb) ?? '');
    if (text !== undefined) out.set(index, text);
  }
  return out;
}

/** Index → text from a lookup column, with empty or missing rows taken from the fallback column (the part `pattern` captures). */
function lookupValues(main: Map<string, SnmpVarbind> | undefined, fallback: Map<string, SnmpVarbind> | undefined, pattern?: RegExp): Map<string, string> {
  const values = new Map<string, string>();
  const fromFallback = (index: string) => {
    const text = toLabel(fallback?.get(index));
    return pattern && text !== undefined ? pattern.exec(text)?.[1]?.trim() || undefined : text;
  };
  for (const index of new Set([...(main?.keys() ?? []), ...(fallback?.keys() ?? [])])) {
    const text = toLabel(main?.get(index)) || fromFallback(index);
    if (text !== undefined) values.set(index, text);
  }
  return values;
}

/** ENTITY-SENSOR-MIB: entPhySensorScale (9 = units, 8 = milli, 10 = kilo …) and entPhySensorPrecision (decimal places). */
function sensorScale(walked: Map<string, Map<string, SnmpVarbind>>, cols: { scale?: string | undefined; precision: string }, index: string): number {
  const scale = (cols.scale === undefined ? undefined : toNumber(walked.get(cols.scale)?.get(index))) ?? 9;
  const precision = toNumber(walked.get(cols.precision)?.get(index)) ?? 0;
  return 10 ** (3 * (scale - 9) - precision);
}

/** Whether `m.unit` says the reading is in °F, from the unit object's value `vb`. */
function fahrenheit(m: ProfileMetric, vb: SnmpVarbind | undefined): boolean {
  if (m.unit === undefined) return false;
  if (m.unit === 'fahrenheit') return true;
  const unit = toNumber(vb);
  return unit !== undefined && m.unit.fahrenheit.includes(unit);
}

/** The value of `m.unit`'s scalar, when it has one. */
function unitScalar(m: ProfileMetric, values: Map<string, SnmpVarbind>): SnmpVarbind | undefined {
  return typeof m.unit === 'object' && m.unit.scalar ? values.get(`${m.unit.scalar}.0`) : undefined;
}

/** Whether a row's value in a `where` column is one of `in` (numbers as numbers, text and OIDs as text), or its text matches `pattern`. */
function whereHolds(w: ProfileMetric['where'][number], vb: SnmpVarbind | undefined): boolean {
  if (w.pattern) return w.pattern.test(toLabel(vb) ?? '');
  const n = toNumber(vb);
  return w.in!.some((x) => (typeof x === 'number' ? x === n : x === toLabel(vb)));
}

/** The row index without the trailing `suffix` components, or undefined if it does not end in them. */
function withoutSuffix(index: string, suffix: string): string | undefined {
  return index.endsWith(`.${suffix}`) ? index.slice(0, -suffix.length - 1) : undefined;
}

/** Whether a row's first index component is one of 1..`count`. */
function inCount(index: string, count: number): boolean {
  const first = Number(index.split('.', 1)[0]);
  return first >= 1 && first <= count;
}

/**
 * Index components → labels: one per name, the last name takes the rest (a lone trailing `.0` is a vendor
 * quirk and dropped); a component named `_` gives no label.
 */
function indexLabels(names: readonly string[], index: string): Record<string, string> {
  let parts = index.split('.');
  if (names.length === 1 && parts.length === 2 && parts[1] === '0') parts = [parts[0]!];
  const labels: Record<string, string> = {};
  names.forEach((name, i) => {
    if (name !== '_') labels[name] = i === names.length - 1 ? parts.slice(i).join('.') : (parts[i] ?? '');
  });
  return labels;
}

/**
 * Pushes the series of the first source that gives a usable value (tenths, map or states, scale, then
 * bounds); when none does and one was a sentinel or implausible, counts that in `discarded`.
 */
function emit(
  out: Sample[],
  m: ProfileMetric,
  sources: Array<{ raw: Raw; scale: number }>,
  labels: Record<string, string>,
  ts: number,
  discarded: Map<DiscardReason, number>,
  inFahrenheit = false,
): Sample | undefined {
  let reason: DiscardReason | undefined;
  for (const { raw, scale } of sources) {
    if (typeof raw !== 'number') {
      reason ??= raw;
      continue;
    }
    if (m.states) {
      const key = m.map ? (m.map[String(raw)] ?? m.map_default) : raw;
      for (const [value, state] of Object.entries(m.states.values)) {
        out.push({ name: m.name, labels: { ...labels, [m.states.label]: state }, value: Number(value) === key ? 1 : 0, ts, kind: 'state' });
      }
      return undefined;
    }
    let value = raw;
    if (m.map) {
      const mapped = m.map[String(raw)] ?? m.map_default;
      if (mapped === undefined) continue;
      value = mapped;
    } else {
      if (m.tenths_above !== undefined && value > m.tenths_above) value *= 0.1;
      value *= scale;
      if (inFahrenheit) value = ((value - 32) * 5) / 9;
    }
    if (!plausible(m, value)) {
      reason ??= 'implausible';
      continue;
    }
    const sample: Sample = { name: m.name, labels, value, ts, kind: m.type === 'counter' ? 'counter' : 'gauge' };
    out.push(sample);
    return sample;
  }
  if (reason !== undefined) discarded.set(reason, (discarded.get(reason) ?? 0) + 1);
  return undefined;
}

/** Share of `speed` used since the last poll, from a raw counter whose rate × `factor` is in the speed's unit. */
function utilisation(vb: SnmpVarbind, key: string, speed: number | undefined, factor: number, counters: CounterTracker): number | undefined {
  const raw = typeof vb.value === 'bigint' ? vb.value : BigInt(Math.trunc(toNumber(vb) ?? 0));
  const rate = counters.rate(key, raw, vb.type === SNMP_TYPE.counter64 ? 64 : 32, speed ? speed / factor : undefined);
  if (rate === undefined || !speed) return undefined;
  return Math.min(1, (rate * factor) / speed);
}
