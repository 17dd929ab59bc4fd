import type { AlertTable } from './alert-table.ts';
import type { RuleRuntime } from './compile.ts';
import { labelKey } from './fingerprint.ts';
import type { RuleSpec } from './schema.ts';

/** One series as rules see it: every label (target's and own), latest value and its time. */
export interface SeriesPoint {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly ts: number;
}

/** What one evaluation pass shares across rules. */
export interface SeriesContext {
  readonly table: AlertTable;
  readonly now: number;
  readonly gen: number;
  /** Previous sample per rule and series, for rate and change rules. */
  readonly memory: Map<string, Map<string, { v: number; ts: number }>>;
  /** Latest value of `metric` for a series with the same labels (rate `per_speed`, threshold `when`). */
  sameSeries(metric: string, labels: Readonly<Record<string, string>>): number | undefined;
}

type Spec<K extends RuleSpec['kind']> = Extract<RuleSpec, { kind: K }>;

/** The labels an alert of `rule` carries for a series: the series' own, the rule's, alertname and severity. */
export function alertLabels(rule: RuleRuntime, labels: Readonly<Record<string, string>>, omit?: string): Record<string, string> {
  const out: Record<string, string> = { ...labels, ...rule.spec.labels, alertname: rule.id, severity: rule.spec.severity };
  if (omit !== undefined) delete out[omit];
  return out;
}

/** Evaluates one series rule over matching series; returns how many series were checked. */
export function evaluateSeriesRule(rule: RuleRuntime, points: readonly SeriesPoint[], ctx: SeriesContext): number {
  switch (rule.spec.kind) {
    case 'threshold': return threshold(rule, rule.spec, points, ctx);
    case 'state': return state(rule, rule.spec, points, ctx);
    case 'rate': return rate(rule, rule.spec, points, ctx);
    case 'change': return change(rule, rule.spec, points, ctx);
    default: return 0;
  }
}

function threshold(rule: RuleRuntime, spec: Spec<'threshold'>, points: readonly SeriesPoint[], ctx: SeriesContext): number {
  const { above, below, outside, clear, relative_to: rel, when } = spec;
  for (const p of points) {
    const n = rel === undefined ? 1 : Number(p.labels[rel.label]) || rel.default;
    const v = p.value;
    const broken = above !== undefined ? v > above * n : below !== undefined ? v < below * n : v < outside!.low * n || v > outside!.high * n;
    const target = p.labels.target ?? '';
    if (!broken && !ctx.table.hasAny(rule.id, target)) continue;
    if (when !== undefined && ctx.sameSeries(when.metric, p.labels) !== when.equals) {
      if (ctx.table.hasAny(rule.id, target)) ctx.table.observe(rule, alertLabels(rule, p.labels), target, false, v, ctx.now, { gen: ctx.gen });
      continue;
    }
    const labels = alertLabels(rule, p.labels);
    const key = ctx.table.key(rule.id, labels);
    let breaking = broken;
    if (!broken && clear !== undefined && ctx.table.get(key) !== undefined) {
      if (typeof clear === 'number') breaking = above !== undefined ? v >= clear * n : v <= clear * n;
      else breaking = v < clear.low * n || v > clear.high * n;
    }
    ctx.table.observe(rule, labels, target, breaking, v, ctx.now, { gen: ctx.gen, key });
  }
  return points.length;
}

function state(rule: RuleRuntime, spec: Spec<'state'>, points: readonly SeriesPoint[], ctx: SeriesContext): number {
  const groups = new Map<string, { labels: Record<string, string>; target: string; breaking: boolean }>();
  for (const p of points) {
    const s = p.labels[spec.label];
    if (s === undefined || !spec.states.includes(s)) continue;
    const target = p.labels.target ?? '';
    if (p.value !== 1 && !ctx.table.hasAny(rule.id, target)) continue;
    const labels = alertLabels(rule, p.labels, spec.label);
    const key = ctx.table.key(rule.id, labels);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { labels, target, breaking: p.value === 1 });
    else g.breaking ||= p.value === 1;
  }
  for (const [key, g] of groups) ctx.table.observe(rule, g.labels, g.target, g.breaking, undefined, ctx.now, { gen: ctx.gen, key });
  return points.length;
}

function memoryOf(ctx: SeriesContext, rule: string): Map<string, { v: number; ts: number }> {
  let m = ctx.memory.get(rule);
  if (m === undefined) ctx.memory.set(rule, (m = new Map()));
  return m;
}

/** Keeps an existing alert of this series alive when this pass gives no verdict (first sample, counter reset). */
function touch(rule: RuleRuntime, labels: Record<string, string>, ctx: SeriesContext): void {
  const t = ctx.table.get(ctx.table.key(rule.id, labels));
  if (t !== undefined) t.seen = ctx.gen;
}

function rate(rule: RuleRuntime, spec: Spec<'rate'>, points: readonly SeriesPoint[], ctx: SeriesContext): number {
  const memory = memoryOf(ctx, rule.id);
  for (const p of points) {
    const sk = labelKey(p.labels);
    const prev = memory.get(sk);
    memory.set(sk, { v: p.value, ts: p.ts });
    const target = p.labels.target ?? '';
    const labels = () => alertLabels(rule, p.labels);
    if (prev === undefined || p.value < prev.v || p.ts <= prev.ts) {
      if (ctx.table.hasAny(rule.id, target)) touch(rule, labels(), ctx);
      continue;
    }
    let x = (p.value - prev.v) / ((p.ts - prev.ts) / 1000);
    if (spec.per_speed !== undefined) {
      const speed = ctx.sameSeries(spec.per_speed.metric, p.labels);
      if (speed === undefined || speed <= 0) continue;
      x = (x * spec.per_speed.factor) / speed;
    }
    const broken = spec.above !== undefined ? x > spec.above : x < spec.below!;
    if (!broken && !ctx.table.hasAny(rule.id, target)) continue;
    ctx.table.observe(rule, labels(), target, broken, x, ctx.now, { gen: ctx.gen });
  }
  return points.length;
}

function change(rule: RuleRuntime, spec: Spec<'change'>, points: readonly SeriesPoint[], ctx: SeriesContext): number {
  const memory = memoryOf(ctx, rule.id);
  for (const p of points) {
    const sk = labelKey(p.labels);
    const prev = memory.get(sk);
    memory.set(sk, { v: p.value, ts: p.ts });
    if (prev === undefined || p.value >= prev.v) continue;
    ctx.table.observe(rule, alertLabels(rule, p.labels), p.labels.target ?? '', true, p.value, ctx.now, { gen: ctx.gen, expiresAt: ctx.now + spec.resolve_after });
  }
  return points.length;
}
