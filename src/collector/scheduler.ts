import { CollectError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { fingerprintOf } from './fingerprint.ts';
import { TargetHealth } from './health.ts';
import type { Collector, Sample, Target } from './types.ts';

/** What one poll gave: samples on success, a typed error on failure (with any partial samples). */
export interface PollOutcome {
  target: Target;
  ok: boolean;
  samples: readonly Sample[];
  error: CollectError | undefined;
  startedAt: number;
  finishedAt: number;
  health: TargetHealth;
}

export interface SchedulerOptions {
  maxConcurrency: number;
  jitter: boolean;
  logger: Logger;
  /** The collector instance that polls targets of `kind`. */
  collectorFor(kind: string): Collector;
  onOutcome(outcome: PollOutcome): void;
  /**
   * A tick found the previous poll unfinished. `why`: `in-progress` (a poll within its deadline,
   * e.g. one asked for by hand, will report), `stuck` (a collector past its deadline that ignored
   * the abort), `queued` (still waiting for a concurrency slot: slaguard is overloaded).
   */
  onSkip(target: Target, health: TargetHealth, at: number, why: 'in-progress' | 'stuck' | 'queued'): void;
  random?: () => number;
}

interface Slot {
  target: Target;
  collector: Collector;
  health: TargetHealth;
  timer: NodeJS.Timeout | undefined;
  /** When the first tick was due; later ticks are aligned on it so they never drift. */
  phase: number;
  /** When the pending tick is due (a timer may fire a millisecond early). */
  due: number;
  state: 'idle' | 'queued' | 'running';
  runningSince: number;
  /** Settles when the collector's promise settles (which may be after the deadline). */
  inFlight: Promise<void> | undefined;
  controller: AbortController | undefined;
  removed: boolean;
}

/**
 * Polls every target on its interval: random start jitter, a deadline per poll passed as an
 * AbortSignal, never two polls of one target at once (a tick that finds one running is skipped
 * and counted), and at most `maxConcurrency` polls in flight overall (further ticks wait in line).
 * It alone turns outcomes into collection health.
 */
export class Scheduler {
  private readonly slots = new Map<string, Slot>();
  private readonly waiting: Slot[] = [];
  private active = 0;
  private stopping = false;
  private readonly random: () => number;

  constructor(private readonly opts: SchedulerOptions) {
    this.random = opts.random ?? Math.random;
  }

  /** Starts polling these targets, replacing any set polled before; health of kept targets stays. */
  setTargets(targets: readonly Target[]): void {
    this.keepOnly(targets);
    this.upsert(targets);
  }

  /** `setTargets`, `slice` targets at a time with `pause()` awaited between slices (so a large fleet does not hold the event loop). */
  async setTargetsGradually(targets: readonly Target[], slice: number, pause: () => Promise<void>): Promise<void> {
    this.keepOnly(targets);
    for (let i = 0; i < targets.length && !this.stopping; i += slice) {
      if (i > 0) await pause();
      this.upsert(targets.slice(i, i + slice));
    }
  }

  /** Stops polling every target not in `targets` (what `setTargets` does first); a poll of one still in flight reports nothing. */
  keepOnly(targets: readonly Target[]): void {
    const keep = new Set(targets.map((t) => t.name));
    const gone = [...this.slots.values()].filter((slot) => !keep.has(slot.target.name));
    if (gone.length === 0) return;
    for (const slot of gone) this.remove(slot, false);
    const removed = new Set(gone);
    const still = this.waiting.filter((slot) => !removed.has(slot));
    this.waiting.length = 0;
    this.waiting.push(...still);
  }

  /** Starts polling these targets (a target of a polled name is replaced unless unchanged, keeping its health); the others stay. */
  upsert(targets: readonly Target[]): void {
    for (const target of targets) {
      if (this.stopping) return;
      const old = this.slots.get(target.name);
      if (old !== undefined && sameTarget(old.target, target)) continue;
      if (old !== undefined) this.remove(old);
      this.add(target, old?.health ?? new TargetHealth());
    }
  }

  /** The names of the polled targets. */
  names(): string[] {
    return [...this.slots.keys()];
  }

  /** The polled target of this name. */
  target(name: string): Target | undefined {
    return this.slots.get(name)?.target;
  }

  /** Whether a target of this name is polled. */
  has(name: string): boolean {
    return this.slots.has(name);
  }

  /**
   * Stops polling the target of this name (a poll of it still in flight reports nothing). With
   * `unqueue: false` its place in the line for a concurrency slot is left for `pruneQueue` to drop in one pass.
   */
  drop(name: string, unqueue = true): void {
    const slot = this.slots.get(name);
    if (slot !== undefined) this.remove(slot, unqueue);
  }

  /** Drops the dropped targets' places in the line for a concurrency slot. */
  pruneQueue(): void {
    const still = this.waiting.filter((slot) => !slot.removed);
    this.waiting.length = 0;
    this.waiting.push(...still);
  }

  targets(): Target[] {
    return [...this.slots.values()].map((s) => s.target);
  }

  healthOf(name: string): TargetHealth | undefined {
    return this.slots.get(name)?.health;
  }

  /** Polls one target now, outside its schedule (still no overlap); resolves with the outcome. */
  async pollNow(name: string): Promise<PollOutcome | undefined> {
    const slot = this.slots.get(name);
    if (slot === undefined || slot.state !== 'idle' || this.stopping) return undefined;
    return this.run(slot);
  }

  /** Stops scheduling; waits up to `graceMs` for polls in flight, then aborts what remains. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.waiting.length = 0;
    const inFlight: Promise<void>[] = [];
    for (const slot of this.slots.values()) {
      clearTimeout(slot.timer);
      if (slot.inFlight) inFlight.push(slot.inFlight);
    }
    if (inFlight.length > 0 && graceMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(inFlight), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
    }
    const stopped = new CollectError('TIMEOUT', 'slaguard is stopping', { reason: 'shutdown' });
    for (const slot of this.slots.values()) slot.controller?.abort(stopped);
    const collectors = new Set([...this.slots.values()].map((s) => s.collector));
    for (const collector of collectors) await collector.close?.();
  }

  private add(target: Target, health: TargetHealth): void {
    const delay = this.opts.jitter ? Math.floor(this.random() * target.intervalMs) : 0;
    const slot: Slot = {
      target, health, collector: this.opts.collectorFor(target.kind), timer: undefined,
      phase: Date.now() + delay, due: Date.now() + delay, state: 'idle', runningSince: 0, inFlight: undefined, controller: undefined, removed: false,
    };
    this.slots.set(target.name, slot);
    slot.timer = setTimeout(() => this.tick(slot), delay);
  }

  private remove(slot: Slot, unqueue = true): void {
    slot.removed = true;
    clearTimeout(slot.timer);
    if (unqueue) {
      const i = this.waiting.indexOf(slot);
      if (i >= 0) this.waiting.splice(i, 1);
    }
    this.slots.delete(slot.target.name);
  }

  private tick(slot: Slot): void {
    if (this.stopping || slot.removed) return;
    const now = Date.now();
    const interval = slot.target.intervalMs;
    // The next tick one interval after this one's due time; ticks missed while the loop was blocked are dropped.
    let next = slot.due + interval;
    if (next <= now) next = slot.phase + (Math.floor((now - slot.phase) / interval) + 1) * interval;
    slot.due = next;
    slot.timer = setTimeout(() => this.tick(slot), next - now);

    if (slot.state !== 'idle') {
      slot.health.skipped++;
      const why = slot.state === 'queued' ? 'queued' : now - slot.runningSince >= slot.target.timeoutMs ? 'stuck' : 'in-progress';
      this.opts.onSkip(slot.target, slot.health, now, why);
      return;
    }
    if (this.active >= this.opts.maxConcurrency) {
      slot.state = 'queued';
      this.waiting.push(slot);
      return;
    }
    void this.run(slot);
  }

  private async run(slot: Slot): Promise<PollOutcome> {
    const { target, health } = slot;
    slot.state = 'running';
    slot.runningSince = Date.now();
    this.active++;
    const controller = new AbortController();
    slot.controller = controller;
    const startedAt = Date.now();
    const t0 = performance.now();
    let deadline: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => {
        const err = new CollectError('TIMEOUT', `no result within ${target.timeoutMs} ms`, { reason: 'timeout' });
        controller.abort(err);
        reject(err);
      }, target.timeoutMs);
    });
    const collecting = Promise.resolve().then(() => slot.collector.collect(target, controller.signal));
    slot.inFlight = collecting.then(
      () => undefined,
      () => undefined,
    ).finally(() => this.release(slot));

    let samples: readonly Sample[] = [];
    let error: CollectError | undefined;
    try {
      samples = await Promise.race([collecting, timedOut]);
    } catch (err) {
      error = toCollectError(err, controller.signal);
      samples = error.samples;
      if (error.reason === 'shutdown') return { target, ok: false, samples, error, startedAt, finishedAt: Date.now(), health };
    } finally {
      clearTimeout(deadline);
    }

    const finishedAt = Date.now();
    const wasUp = health.up;
    health.up = error === undefined ? 1 : 0;
    health.lastDurationSeconds = (performance.now() - t0) / 1000;
    health.lastPollAt = finishedAt;
    health.lastSampleCount = samples.length;
    if (error !== undefined) health.errors.set(error.reason, (health.errors.get(error.reason) ?? 0) + 1);
    this.logOutcome(target, error, wasUp);

    const outcome: PollOutcome = { target, ok: error === undefined, samples, error, startedAt, finishedAt, health };
    if (!slot.removed) this.opts.onOutcome(outcome);
    return outcome;
  }

  private release(slot: Slot): void {
    slot.state = 'idle';
    slot.inFlight = undefined;
    slot.controller = undefined;
    this.active--;
    while (this.active < this.opts.maxConcurrency && this.waiting.length > 0 && !this.stopping) {
      const next = this.waiting.shift()!;
      if (!next.removed) void this.run(next);
    }
  }

  private logOutcome(target: Target, error: CollectError | undefined, wasUp: 0 | 1 | undefined): void {
    const log = this.opts.logger;
    const changed = (error === undefined ? 1 : 0) !== wasUp;
    if (error === undefined) {
      if (changed && wasUp === 0) log.warn({ target: target.name }, 'target is up again');
      return;
    }
    const fields = { target: target.name, code: error.code, reason: error.reason, err: error.message };
    if (changed) log.warn(fields, 'target poll failed');
    else log.debug(fields, 'target poll failed');
  }
}

/** An aborted poll fails for the abort's reason (deadline or shutdown), whatever the collector threw. */
function toCollectError(err: unknown, signal: AbortSignal): CollectError {
  if (signal.aborted && signal.reason instanceof CollectError) {
    const { code, reason } = signal.reason;
    return new CollectError(code, signal.reason.message, { reason, samples: err instanceof CollectError ? err.samples : [], cause: err });
  }
  if (err instanceof CollectError) return err;
  return new CollectError('PROTOCOL', `collector failed: ${(err as Error)?.message ?? String(err)}`, { reason: 'internal', cause: err });
}

/** Whether a reload left a target as it was: the same object, or the same fingerprint. */
function sameTarget(a: Target, b: Target): boolean {
  return a === b || fingerprintOf(a) === fingerprintOf(b);
}
