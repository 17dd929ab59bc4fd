import type { RuleRuntime } from './compile.ts';
import { fingerprint, labelKey } from './fingerprint.ts';
import { renderLocalized } from './template.ts';
import type { DeadlineQueue } from './timers.ts';
import type { Alert, AlertListener } from './types.ts';

/** One alert the engine tracks (pending or firing), with what its state machine needs. */
export interface Tracked {
  readonly key: string;
  rule: RuleRuntime;
  readonly target: string;
  readonly alert: Alert;
  /** The rule was broken at the last evaluation. */
  breaking: boolean;
  lastBreakingAt: number;
  /** Resolves at this time whatever happens (event and change kinds). */
  expiresAt: number | undefined;
  /** Generation of the last evaluation that saw this alert's series. */
  seen: number;
}

/** What a restart brings back (see persist.ts). */
export interface SavedAlert {
  alert: Alert;
  ruleHash: string;
  target: string;
  lastBreakingAt: number;
  expiresAt: number | undefined;
}

/** Where alert state goes so a restart resumes it. */
export interface AlertPersistence {
  save(saved: SavedAlert): void;
  remove(fingerprint: string): void;
  /** Runs `fn`'s writes as one transaction (one fsync for a burst of changes). */
  batch?(fn: () => void): void;
}

interface Flap { changes: number[]; flapping: boolean }

type Previous = Alert['state'] | 'inactive';

/**
 * Every pending and firing alert, its lifecycle (for, keep_firing_for, expiry), flapping and
 * suppression. Changes are collected during an evaluation and handed out by `flush()`, once each.
 */
export class AlertTable {
  private readonly byKey = new Map<string, Tracked>();
  private readonly byRule = new Map<string, Map<string, Set<Tracked>>>();
  private readonly changed = new Map<Tracked, Previous>();
  private readonly flaps = new Map<string, Flap>();
  private readonly firingByRule = new Map<string, number>();
  /** Alerts born, fired or resolved since suppression was last refreshed: the parents whose children may change. */
  private readonly moved = new Set<Tracked>();
  /** Rules of active alerts that depend on others (each with how many such alerts), the only ones suppression can touch. */
  private readonly dependentRules = new Map<string, { rule: RuleRuntime; n: number }>();
  readonly changedRules = new Set<string>();

  constructor(
    private readonly deadlines: DeadlineQueue,
    private readonly listeners: readonly AlertListener[],
    private readonly persistence: AlertPersistence | undefined,
  ) {}

  /** Key of an alert of `rule` with `labels` (in memory only; the fingerprint is derived once). */
  key(rule: string, labels: Readonly<Record<string, string>>): string {
    return `${rule}\u0000${labelKey(labels)}`;
  }

  get(key: string): Tracked | undefined {
    return this.byKey.get(key);
  }

  /** Active alerts of one rule, for one target or all. */
  ofRule(rule: string, target?: string): Iterable<Tracked> {
    const targets = this.byRule.get(rule);
    if (targets === undefined) return [];
    if (target !== undefined) return targets.get(target) ?? [];
    return [...targets.values()].flatMap((s) => [...s]);
  }

  /** How many alerts of `rule` fire now (kept as they change, not counted). */
  firingCount(rule: string): number {
    return this.firingByRule.get(rule) ?? 0;
  }

  /** Whether `rule` has an active alert for `target` (the cheap test before building a key). */
  hasAny(rule: string, target: string): boolean {
    return (this.byRule.get(rule)?.get(target)?.size ?? 0) > 0;
  }

  all(): Iterable<Tracked> {
    return this.byKey.values();
  }

  /**
   * One evaluation's verdict for one label set: breaking or not, with the value that broke it.
   * `activeAt` dates a new alert earlier (a target down since then); `expiresAt` sets its expiry.
   */
  observe(rule: RuleRuntime, labels: Record<string, string>, target: string, breaking: boolean, value: number | undefined, now: number,
    opts: { activeAt?: number; expiresAt?: number; gen?: number; key?: string } = {}): Tracked | undefined {
    const key = opts.key ?? this.key(rule.id, labels);
    let t = this.byKey.get(key);
    if (t === undefined) {
      if (!breaking) return undefined;
      t = this.create(rule, key, labels, target, opts.activeAt ?? now, value);
    }
    if (opts.gen !== undefined) t.seen = opts.gen;
    t.breaking = breaking;
    if (breaking) {
      t.lastBreakingAt = now;
      t.alert.value = value;
      if (opts.expiresAt !== undefined) t.expiresAt = opts.expiresAt;
    }
    this.advance(t, now);
    return t;
  }

  /** Resolves at once (target removed, rule removed, resolving event). */
  resolve(t: Tracked, now: number): void {
    if (t.alert.state === 'resolved') return;
    this.mark(t);
    const wasFiring = t.alert.state === 'firing';
    t.alert.state = 'resolved';
    t.alert.resolvedAt = now;
    this.byKey.delete(t.key);
    const targets = this.byRule.get(t.rule.id)!;
    targets.get(t.target)?.delete(t);
    if (targets.get(t.target)?.size === 0) targets.delete(t.target);
    if (targets.size === 0) this.byRule.delete(t.rule.id);
    this.unindexDependent(t.rule);
    this.deadlines.cancel(`a:${t.key}`);
    if (wasFiring) {
      this.countFiring(t.rule.id, -1);
      this.recordFlap(t, now);
    }
    this.moved.add(t);
  }

  /** Brings back an alert saved before a restart, without announcing it again. */
  restore(rule: RuleRuntime, saved: SavedAlert): Tracked {
    const key = this.key(rule.id, saved.alert.labels);
    const t: Tracked = { key, rule, target: saved.target, alert: { ...saved.alert }, breaking: true, lastBreakingAt: saved.lastBreakingAt, expiresAt: saved.expiresAt, seen: -1 };
    this.index(t);
    if (t.alert.state === 'firing') this.countFiring(rule.id, 1);
    this.reschedule(t, -Infinity);
    return t;
  }

  /** Moves an alert along its lifecycle given its last verdict and the time. */
  advance(t: Tracked, now: number): void {
    if (t.alert.state === 'resolved') return;
    if (t.expiresAt !== undefined && now >= t.expiresAt) return this.resolve(t, now);
    if (t.alert.state === 'pending') {
      if (!t.breaking) return this.resolve(t, now);
      if (now - t.alert.activeAt >= t.rule.forMs && this.pendingParent(t) === undefined) {
        this.mark(t);
        t.alert.state = 'firing';
        t.alert.firedAt = now;
        this.countFiring(t.rule.id, 1);
        this.recordFlap(t, now);
        this.moved.add(t);
      }
    } else if (!t.breaking && now - t.lastBreakingAt >= t.rule.keepFiringMs) {
      return this.resolve(t, now);
    }
    this.reschedule(t, now);
  }

  /** Hands every change since the last flush to the listeners and the store; returns how many. */
  flush(now: number): number {
    for (let round = 0; round < 4 && this.moved.size > 0; round++) this.refreshSuppression(now);
    this.moved.clear();
    // an alert born and gone within one batch was never announced: nothing to say about it
    const changes = [...this.changed].filter(([t, previous]) => !(previous === 'inactive' && t.alert.state === 'resolved'))
      .map(([t, previous]) => ({ t, previous, snapshot: this.snapshot(t) }));
    this.changed.clear();
    this.changedRules.clear();
    if (changes.length === 0) return 0;
    // the listeners' own writes (incidents, outbox) share the alerts' transaction: one commit per batch of changes;
    // a listener that throws does not undo the others' writes: its error is raised after the commit
    const failures: unknown[] = [];
    const persistAndAnnounce = () => {
      for (const { t, snapshot } of changes) {
        if (t.alert.state === 'resolved') this.persistence?.remove(t.alert.fingerprint);
        else this.persistence?.save({ alert: snapshot, ruleHash: t.rule.hash, target: t.target, lastBreakingAt: t.lastBreakingAt, expiresAt: t.expiresAt });
      }
      for (const { snapshot, previous } of changes) {
        for (const listener of this.listeners) {
          try {
            listener(snapshot, previous);
          } catch (err) {
            failures.push(err);
          }
        }
      }
    };
    if (this.persistence?.batch) this.persistence.batch(persistAndAnnounce);
    else persistAndAnnounce();
    if (failures.length > 0) throw failures[0];
    return changes.length;
  }

  /** A copy of the alert with its texts rendered for its current value. */
  snapshot(t: Tracked): Alert {
    const { summary, description } = t.rule.spec;
    return { ...t.alert, labels: { ...t.alert.labels }, summary: renderLocalized(summary, t.alert.labels, t.alert.value), description: renderLocalized(description, t.alert.labels, t.alert.value) };
  }

  private create(rule: RuleRuntime, key: string, labels: Record<string, string>, target: string, activeAt: number, value: number | undefined): Tracked {
    const alert: Alert = {
      fingerprint: fingerprint(rule.id, labels), rule: rule.id, severity: rule.spec.severity, labels,
      summary: rule.spec.summary, description: rule.spec.description, state: 'pending', value,
      activeAt, firedAt: undefined, resolvedAt: undefined, suppressedBy: undefined,
      flapping: this.flaps.get(key)?.flapping ?? false,
    };
    const t: Tracked = { key, rule, target, alert, breaking: true, lastBreakingAt: activeAt, expiresAt: undefined, seen: -1 };
    this.changed.set(t, 'inactive');
    this.changedRules.add(rule.id);
    this.index(t);
    this.moved.add(t);
    return t;
  }

  private index(t: Tracked): void {
    this.byKey.set(t.key, t);
    let targets = this.byRule.get(t.rule.id);
    if (targets === undefined) this.byRule.set(t.rule.id, (targets = new Map()));
    let set = targets.get(t.target);
    if (set === undefined) targets.set(t.target, (set = new Set()));
    set.add(t);
    if (t.rule.deps.length > 0) this.dependentRules.set(t.rule.id, { rule: t.rule, n: (this.dependentRules.get(t.rule.id)?.n ?? 0) + 1 });
  }

  private unindexDependent(rule: RuleRuntime): void {
    const entry = this.dependentRules.get(rule.id);
    if (entry === undefined) return;
    if (entry.n <= 1) this.dependentRules.delete(rule.id);
    else entry.n -= 1;
  }

  private countFiring(rule: string, by: 1 | -1): void {
    const n = (this.firingByRule.get(rule) ?? 0) + by;
    if (n > 0) this.firingByRule.set(rule, n);
    else this.firingByRule.delete(rule);
  }

  private mark(t: Tracked): void {
    if (!this.changed.has(t)) this.changed.set(t, t.alert.state);
    this.changedRules.add(t.rule.id);
  }

  private reschedule(t: Tracked, now: number): void {
    let at = Infinity;
    if (t.expiresAt !== undefined) at = t.expiresAt;
    // a pending alert past its `for` is held by a pending parent: the parent's change moves it on
    if (t.alert.state === 'pending' && t.breaking && t.alert.activeAt + t.rule.forMs > now) at = Math.min(at, t.alert.activeAt + t.rule.forMs);
    if (t.alert.state === 'firing' && !t.breaking) at = Math.min(at, t.lastBreakingAt + t.rule.keepFiringMs);
    if (at === Infinity) this.deadlines.cancel(`a:${t.key}`);
    else this.deadlines.schedule(`a:${t.key}`, at, (now) => this.advance(t, now));
  }

  private recordFlap(t: Tracked, now: number): void {
    const { changes: limit, window, stable_for: stableFor } = t.rule.flapping;
    const id = t.key;
    let flap = this.flaps.get(id);
    if (flap === undefined) this.flaps.set(id, (flap = { changes: [], flapping: false }));
    flap.changes.push(now);
    while (flap.changes.length > 0 && flap.changes[0]! <= now - window) flap.changes.shift();
    if (!flap.flapping && flap.changes.length >= limit) this.setFlapping(id, flap, true);
    // flapping ends after stable_for without a change; a calm entry is forgotten once its window passes
    this.deadlines.schedule(`f:${id}`, now + (flap.flapping ? stableFor : window), () => {
      if (flap.flapping) this.setFlapping(id, flap, false);
      this.flaps.delete(id);
    });
  }

  private setFlapping(id: string, flap: Flap, flapping: boolean): void {
    flap.flapping = flapping;
    for (const t of this.changed.keys()) if (t.key === id) t.alert.flapping = flapping;
    const t = this.byKey.get(id);
    if (t !== undefined && t.alert.flapping !== flapping) {
      this.mark(t);
      t.alert.flapping = flapping;
    }
  }

  /** A pending parent holds a child in pending: the child waits to see whether it fires. */
  private pendingParent(t: Tracked): Tracked | undefined {
    return this.parentOf(t, 'pending');
  }

  private parentOf(t: Tracked, state: 'pending' | 'firing'): Tracked | undefined {
    for (const dep of t.rule.deps) {
      // joined on the parent's target label: only that target's alerts can be the parent
      const byTarget = dep.labels.find(([, parent]) => parent === 'target');
      const target = byTarget && t.alert.labels[byTarget[0]];
      const candidates = byTarget !== undefined && target === undefined ? []
        : dep.rule !== undefined ? this.ofRule(dep.rule, target)
        : target !== undefined ? this.ofTarget(target) : this.byKey.values();
      for (const p of candidates) {
        if (p === t || p.alert.state !== state || !dep.match(p.alert.labels)) continue;
        if (dep.labels.every(([child, parent]) => t.alert.labels[child] !== undefined && t.alert.labels[child] === p.alert.labels[parent])) return p;
      }
    }
    return undefined;
  }

  /** Active alerts of every rule for one target. */
  private *ofTarget(target: string): Iterable<Tracked> {
    for (const targets of this.byRule.values()) yield* targets.get(target) ?? [];
  }

  /**
   * Looks again at the suppression of the alerts an alert that moved (born, fired, resolved) may be
   * the parent of, and of the moved ones themselves: a burst of n changes costs about n, not n × alerts.
   */
  private refreshSuppression(now: number): void {
    const moved = [...this.moved];
    this.moved.clear();
    const children = new Set<Tracked>();
    for (const p of moved) {
      if (p.rule.deps.length > 0 && p.alert.state !== 'resolved') children.add(p);
      for (const { rule } of this.dependentRules.values()) {
        for (const dep of rule.deps) {
          if ((dep.rule !== undefined && dep.rule !== p.rule.id) || !dep.match(p.alert.labels)) continue;
          const onTarget = dep.labels.find(([child, parent]) => child === 'target' && parent === 'target');
          for (const c of onTarget !== undefined ? this.ofRule(rule.id, p.alert.labels.target ?? '') : this.ofRule(rule.id)) children.add(c);
        }
      }
    }
    for (const t of children) {
      if (t.alert.state === 'resolved') continue;
      const parent = this.parentOf(t, 'firing')?.alert.fingerprint;
      if (parent !== t.alert.suppressedBy) {
        this.mark(t);
        t.alert.suppressedBy = parent;
      }
      if (t.alert.state === 'pending') this.advance(t, now);
    }
  }
}
