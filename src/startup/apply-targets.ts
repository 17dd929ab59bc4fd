import type { Scheduler } from '../collector/scheduler.ts';
import type { OutcomeSink } from '../collector/sinks.ts';
import type { Target } from '../collector/types.ts';

/** Targets handed on per turn of the event loop: a slice takes milliseconds, so HTTP keeps answering while 100,000 start. */
export const SLICE = 2000;

/** Lets other work (HTTP requests, timers, I/O) run before continuing. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Stops polling the targets that left, tells every sink which left and which joined, then hands
 * the scheduler the new set, `SLICE` targets per turn of the event loop. Resolves when every target is scheduled.
 */
export async function applyTargetsGradually(targets: readonly Target[], deps: {
  scheduler: Scheduler; sinks: readonly OutcomeSink[]; now: () => number; isStopping: () => boolean;
}): Promise<void> {
  const { scheduler, sinks, now } = deps;
  const keep = new Set(targets.map((t) => t.name));
  const running = new Set(scheduler.targets().map((t) => t.name));
  const left = [...running].filter((name) => !keep.has(name));
  const joined = targets.filter((t) => !running.has(t.name));
  scheduler.keepOnly(targets);
  // A fleet of at most one slice is handed on at once, without giving up the turn.
  let slices = 0;
  for (let i = 0; i < left.length; i += SLICE) {
    if (slices++ > 0) await yieldToLoop();
    for (const name of left.slice(i, i + SLICE)) for (const sink of sinks) sink.onRemove?.(name, now());
  }
  for (let i = 0; i < joined.length && !deps.isStopping(); i += SLICE) {
    if (slices++ > 0) await yieldToLoop();
    for (const t of joined.slice(i, i + SLICE)) for (const sink of sinks) sink.onAdd?.(t, now());
  }
  if (slices > 1) await yieldToLoop();
  if (!deps.isStopping()) await scheduler.setTargetsGradually(targets, SLICE, yieldToLoop);
}
