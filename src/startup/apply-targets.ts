import type { Scheduler } from '../collector/scheduler.ts';
import type { OutcomeSink } from '../collector/sinks.ts';
import type { Target } from '../collector/types.ts';
import { registerSecrets, secretsIn } from '../redact.ts';

/** Targets handed on between two looks at the clock. */
export const SLICE = 500;

/** Longest stretch of work, in milliseconds, before other work (HTTP requests, timers, I/O) gets a turn. */
export const TURN_MS = 15;

/** Lets other work (HTTP requests, timers, I/O) run before continuing. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Work cut into turns of about `TURN_MS`: `due()` says when to `await pause()`. */
export class Turns {
  private started: number;

  constructor(private readonly budgetMs = TURN_MS, private readonly clock: () => number = () => performance.now()) {
    this.started = clock();
  }

  /** Whether this turn has used its time. */
  due(): boolean {
    return this.clock() - this.started >= this.budgetMs;
  }

  /** Gives up the turn, then starts a new one. */
  async pause(): Promise<void> {
    await yieldToLoop();
    this.started = this.clock();
  }
}

/**
 * Stops polling the targets that left (sinks told of each), then starts the new and changed ones
 * (sinks told of each new name; an unchanged target keeps its schedule and state), a few at a time
 * with other work let in every `TURN_MS`: no step looks at the whole fleet in one turn. Resolves when every target is scheduled.
 */
export async function applyTargetsGradually(targets: readonly Target[], deps: {
  scheduler: Scheduler; sinks: readonly OutcomeSink[]; now: () => number; isStopping: () => boolean; turns?: Turns;
}): Promise<void> {
  const { scheduler, sinks, now } = deps;
  const turns = deps.turns ?? new Turns();
  const keep = new Set<string>();
  for (let i = 0; i < targets.length; i += SLICE) {
    if (turns.due()) await turns.pause();
    for (const t of targets.slice(i, i + SLICE)) keep.add(t.name);
  }
  const running = scheduler.names();
  let dropped = false;
  for (let i = 0; i < running.length; i += SLICE) {
    if (turns.due()) await turns.pause();
    for (const name of running.slice(i, i + SLICE)) {
      if (keep.has(name)) continue;
      scheduler.drop(name, false);
      dropped = true;
      for (const sink of sinks) sink.onRemove?.(name, now());
    }
  }
  if (dropped) scheduler.pruneQueue();
  for (let i = 0; i < targets.length && !deps.isStopping(); i += SLICE) {
    if (turns.due()) await turns.pause();
    const slice = targets.slice(i, i + SLICE);
    for (const t of slice) {
      registerSecrets(secretsIn(t));
      if (!scheduler.has(t.name)) for (const sink of sinks) sink.onAdd?.(t, now());
    }
    scheduler.upsert(slice);
  }
}
