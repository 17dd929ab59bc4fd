import type { PollOutcome } from '../collector/scheduler.ts';
import type { OutcomeSink } from '../collector/sinks.ts';
import type { Sample, Target } from '../collector/types.ts';
import { targetBaseLabels } from '../state/series-sink.ts';
import type { SeriesStore } from '../state/series-store.ts';
import type { StoredEvent } from '../store/event-log.ts';
import type { StatusLedger } from '../store/status-ledger.ts';
import { AlertTable, type AlertPersistence, type SavedAlert, type Tracked } from './alert-table.ts';
import { compileRules, type RuleRuntime } from './compile.ts';
import { evaluateComposites } from './composite.ts';
import { evaluateEvent, evaluateTargetStatus } from './target-eval.ts';
import { labelKey } from './fingerprint.ts';
import type { LoadedRule } from './load.ts';
import type { RuleSettings } from './schema.ts';
import { alertLabels, evaluateSeriesRule, type SeriesContext, type SeriesPoint } from './series-eval.ts';
import { systemClock, type Clock } from '../clock.ts';
import { DeadlineQueue } from './timers.ts';
import type { Alert, AlertListener, AlertSource } from './types.ts';

/** Where alert state is kept across restarts (SQLite in the daemon; see persist.ts). */
export interface AlertStore extends AlertPersistence {
  load(): SavedAlert[];
}

export interface RulesEngineOptions {
  rules: readonly LoadedRule[];
  settings: RuleSettings;
  store: SeriesStore;
  ledger: Pick<StatusLedger, 'statusOf'>;
  timers?: Clock;
  alertStore?: AlertStore;
  /**
   * Runs the hand-out of a poll's changes later (the daemon passes `setImmediate`): every poll that
   * ends in one event-loop turn shares one commit and one round of listeners. Without it, each poll's changes go out at once.
   */
  coalesce?: (fn: () => void) => void;
}

/** Counts the engine keeps for its self-metrics and the benchmark. */
export interface RuleStats {
  evaluations: number;
  seconds: number;
  checks: number;
}

const SERIES_KINDS = new Set(['threshold', 'state', 'rate', 'change']);
const STALE_KINDS = new Set(['threshold', 'state', 'rate']);

/** Labels of a series as the store shows them: a sample label never hides a target label (it becomes exported_<name>). */
export function mergeLabels(base: Readonly<Record<string, string>>, own: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...base };
  for (const k in own) out[k in base ? `exported_${k}` : k] = own[k]!;
  return out;
}

/**
 * The rules engine: an outcome sink that evaluates, on each poll of a target, only the rules that
 * poll can change; a listener of the event log (traps); and the alerts' source for the rest of the
 * daemon. A single timer serves `for`, `keep_firing_for`, `absent` and expiry.
 */
export class RulesEngine implements OutcomeSink, AlertSource {
  readonly stats: RuleStats = { evaluations: 0, seconds: 0, checks: 0 };
  private readonly listeners: AlertListener[] = [];
  private readonly timers: Clock;
  private readonly deadlines: DeadlineQueue;
  private readonly table: AlertTable;
  private readonly targets = new Map<string, Target>();
  private readonly memory = new Map<string, Map<string, { v: number; ts: number }>>();
  private readonly lastSeen = new Map<string, Map<string, number>>();
  private rules: RuleRuntime[] = [];
  private byMetric = new Map<string, RuleRuntime[]>();
  private orphans: SavedAlert[] = [];
  private gen = 0;
  private finishQueued = false;

  constructor(private readonly opts: RulesEngineOptions) {
    this.timers = opts.timers ?? systemClock;
    this.deadlines = new DeadlineQueue(this.timers, () => this.finish(this.timers.now()));
    this.table = new AlertTable(this.deadlines, this.listeners, opts.alertStore);
    this.install(compileRules(opts.rules, opts.settings));
    for (const saved of opts.alertStore?.load() ?? []) {
      const rule = this.rules.find((r) => r.id === saved.alert.rule && r.hash === saved.ruleHash);
      if (rule) this.table.restore(rule, saved);
      else this.orphans.push(saved);
    }
  }

  onChange(listener: AlertListener): void {
    this.listeners.push(listener);
  }

  active(): Alert[] {
    return [...this.table.all()].map((t) => this.table.snapshot(t));
  }

  firing(rule: string): Alert[] {
    return [...this.table.ofRule(rule)].filter((t) => t.alert.state === 'firing').map((t) => this.table.snapshot(t));
  }

  firingCount(rule: string): number {
    return this.table.firingCount(rule);
  }

  /** Rules loaded now. */
  ruleIds(): string[] {
    return this.rules.map((r) => r.id);
  }

  /** Starts the timer; alerts saved for rules that no longer exist (or changed) resolve now, once. */
  start(): void {
    const now = this.timers.now();
    for (const saved of this.orphans) {
      this.opts.alertStore?.remove(saved.alert.fingerprint);
      const alert: Alert = { ...saved.alert, state: 'resolved', resolvedAt: now };
      for (const l of this.listeners) l(alert, saved.alert.state);
    }
    this.orphans = [];
    this.deadlines.start();
    this.deadlines.runDue();
  }

  stop(): void {
    this.deadlines.stop();
    if (this.finishQueued) this.finish(this.timers.now());
  }

  /** Applies new rules: alerts of rules whose definition did not change keep their state; the others resolve. */
  setRules(rules: readonly LoadedRule[], settings: RuleSettings): void {
    const next = compileRules(rules, settings);
    const byId = new Map(next.map((r) => [r.id, r]));
    const now = this.timers.now();
    for (const t of [...this.table.all()]) {
      const same = byId.get(t.rule.id);
      if (same !== undefined && same.hash === t.rule.hash) t.rule = same;
      else this.table.resolve(t, now);
    }
    for (const r of this.rules) {
      if (byId.get(r.id)?.hash !== r.hash) {
        this.memory.delete(r.id);
        this.lastSeen.delete(r.id);
      }
    }
    this.install(next);
    this.finish(now);
  }

  onAdd(target: Target): void {
    this.targets.set(target.name, target);
  }

  onRemove(target: string): void {
    const now = this.timers.now();
    this.targets.delete(target);
    for (const t of [...this.table.all()]) if (t.target === target) this.table.resolve(t, now);
    for (const m of this.lastSeen.values()) m.delete(target);
    this.finish(now);
  }

  onSkip(target: Target): void {
    this.targets.set(target.name, target);
    this.evaluateTargetStatus(target, this.timers.now());
    this.finishSoon();
  }

  /** A poll finished: evaluates the rules of the metrics it returned, and the target-status rules. */
  onOutcome(o: PollOutcome): void {
    const started = performance.now();
    const now = this.timers.now();
    this.targets.set(o.target.name, o.target);
    if (o.ok) this.evaluatePoll(o.target, o.samples, now);
    this.evaluateTargetStatus(o.target, now);
    this.finishSoon();
    this.stats.evaluations++;
    this.stats.seconds += (performance.now() - started) / 1000;
  }

  /** An event-log entry (a trap): fires event rules at once, resolves them on their opposite event. */
  onEvent(e: StoredEvent): void {
    const now = this.timers.now();
    const target = e.target ?? '';
    const known = e.target !== null ? this.targets.get(e.target) : undefined;
    const base = known ? targetBaseLabels(known) : e.target !== null ? { target: e.target } : {};
    evaluateEvent(this.rules, this.table, e, base, target, now);
    this.finish(now);
  }

  /**
   * Evaluates every series rule over the whole store at once (the benchmark's "full evaluation";
   * the daemon itself evaluates per poll). Returns the series-rule checks made (series tested against a rule).
   */
  evaluateAll(): number {
    const now = this.timers.now();
    const gen = ++this.gen;
    const ctx = this.context(now, gen, (metric, labels) => this.speedFromStore(metric, labels));
    let checks = 0;
    for (const [metric, rules] of this.byMetric) {
      const views = this.opts.store.query(metric);
      for (const rule of rules) {
        if (!SERIES_KINDS.has(rule.spec.kind)) continue;
        const points: SeriesPoint[] = [];
        for (const v of views) if (rule.match(v.labels)) points.push(v);
        evaluateSeriesRule(rule, points, ctx);
        checks += views.length;
      }
    }
    for (const rule of this.rules) {
      if (!STALE_KINDS.has(rule.spec.kind)) continue;
      for (const t of [...this.table.ofRule(rule.id)]) {
        if (t.seen !== gen && this.opts.ledger.statusOf(t.target)?.status === 'up') this.table.observe(t.rule, t.alert.labels, t.target, false, undefined, now, { key: t.key });
      }
    }
    this.finish(now);
    this.stats.checks += checks;
    return checks;
  }

  private install(rules: RuleRuntime[]): void {
    this.rules = rules;
    this.byMetric = new Map();
    for (const r of rules) {
      if (!('metric' in r.spec)) continue;
      const list = this.byMetric.get(r.spec.metric);
      if (list) list.push(r);
      else this.byMetric.set(r.spec.metric, [r]);
    }
  }

  private context(now: number, gen: number, sameSeries: SeriesContext['sameSeries']): SeriesContext {
    return { table: this.table, now, gen, memory: this.memory, sameSeries };
  }

  private evaluatePoll(target: Target, samples: readonly Sample[], now: number): void {
    const gen = ++this.gen;
    const base = targetBaseLabels(target);
    const perRule = new Map<RuleRuntime, SeriesPoint[]>();
    let checks = 0;
    for (const s of samples) {
      const rules = this.byMetric.get(s.name);
      if (rules === undefined) continue;
      const labels = mergeLabels(base, s.labels);
      for (const rule of rules) {
        checks++;
        if (!rule.match(labels)) continue;
        const points = perRule.get(rule);
        const point = { labels, value: s.value, ts: s.ts };
        if (points) points.push(point);
        else perRule.set(rule, [point]);
      }
    }
    const speeds = new Map<string, Map<string, number>>();
    const speed = (metric: string, labels: Readonly<Record<string, string>>) => {
      let values = speeds.get(metric);
      if (values === undefined) {
        speeds.set(metric, (values = new Map()));
        for (const s of samples) if (s.name === metric) values.set(labelKey(mergeLabels(base, s.labels)), s.value);
      }
      return values.get(labelKey(labels));
    };
    const ctx = this.context(now, gen, speed);
    for (const [rule, points] of perRule) if (SERIES_KINDS.has(rule.spec.kind)) evaluateSeriesRule(rule, points, ctx);
    for (const rule of this.rules) {
      if (rule.spec.kind === 'absent') this.evaluateAbsent(rule, target, base, (perRule.get(rule)?.length ?? 0) > 0, now);
      else if (STALE_KINDS.has(rule.spec.kind) && this.table.hasAny(rule.id, target.name)) {
        for (const t of [...this.table.ofRule(rule.id, target.name)]) {
          if (t.seen !== gen) this.table.observe(t.rule, t.alert.labels, t.target, false, undefined, now, { key: t.key });
        }
      }
    }
    this.stats.checks += checks;
  }

  private evaluateAbsent(rule: RuleRuntime, target: Target, base: Record<string, string>, present: boolean, now: number): void {
    if (rule.spec.kind !== 'absent' || !rule.match(base)) return;
    let seen = this.lastSeen.get(rule.id);
    if (seen === undefined) this.lastSeen.set(rule.id, (seen = new Map()));
    const equal = Object.fromEntries(rule.spec.match.filter((m) => m.op === '=').map((m) => [m.label, m.value]));
    const labels = alertLabels(rule, { ...equal, ...base });
    const deadlineKey = `x:${rule.id}:${target.name}`;
    if (present || !seen.has(target.name)) seen.set(target.name, now);
    if (present) {
      this.deadlines.cancel(deadlineKey);
      this.table.observe(rule, labels, target.name, false, undefined, now);
      return;
    }
    const since = seen.get(target.name)!;
    const forMs = rule.spec.for;
    const check = (at: number) => {
      if (!this.rules.includes(rule) || this.opts.ledger.statusOf(target.name)?.status !== 'up') return;
      if (at - (seen.get(target.name) ?? at) >= forMs) this.table.observe(rule, labels, target.name, true, (at - since) / 1000, at);
    };
    if (now - since >= forMs) check(now);
    else this.deadlines.schedule(deadlineKey, since + forMs, check);
  }

  private evaluateTargetStatus(target: Target, now: number): void {
    evaluateTargetStatus(this.rules, this.table, target, this.opts.ledger.statusOf(target.name), now);
  }

  private speedFromStore(metric: string, labels: Readonly<Record<string, string>>): number | undefined {
    const key = labelKey(labels);
    const target = labels.target;
    for (const v of this.opts.store.query(metric, (l) => l.target === target)) if (labelKey(v.labels) === key) return v.value;
    return undefined;
  }

  /** `finish` now, or once at the end of this event-loop turn when the engine coalesces. */
  private finishSoon(): void {
    if (this.opts.coalesce === undefined) return this.finish(this.timers.now());
    if (this.finishQueued) return;
    this.finishQueued = true;
    this.opts.coalesce(() => {
      if (this.finishQueued) this.finish(this.timers.now());
    });
  }

  /** After each batch: composite rules follow their children, then every change is handed out once. */
  private finish(now: number): void {
    this.finishQueued = false;
    evaluateComposites(this.rules, this.table, now);
    this.table.flush(now);
  }

  /** Active alerts, for the metrics collector. */
  tracked(): Iterable<Tracked> {
    return this.table.all();
  }
}
