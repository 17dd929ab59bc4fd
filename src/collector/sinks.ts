import type { TargetHealth } from './health.ts';
import type { PollOutcome, SchedulerOptions } from './scheduler.ts';
import type { Target } from './types.ts';

/**
 * A consumer of poll outcomes (series store, status ledger, rules engine, InfluxDB writer...).
 * A new consumer adds a sink to the app's list; it never edits the others.
 */
export interface OutcomeSink {
  /** A poll finished (successfully or not). */
  onOutcome(outcome: PollOutcome): void;
  /** A tick was skipped (see `SchedulerOptions.onSkip`). */
  onSkip?(target: Target, health: TargetHealth, at: number, why: 'in-progress' | 'stuck' | 'queued'): void;
  /** A target left the configuration (reload). */
  onRemove?(target: string, at: number): void;
  /** A target joined the configuration (start or reload); it has not been polled yet. */
  onAdd?(target: Target, at: number): void;
}

/** Hands each scheduler callback to every sink, in order; one sink throwing does not starve the rest. */
export function fanOut(sinks: readonly OutcomeSink[], onError: (err: unknown, sink: number) => void = (err) => { throw err; }): Pick<SchedulerOptions, 'onOutcome' | 'onSkip'> {
  return {
    onOutcome(outcome) {
      for (let i = 0; i < sinks.length; i++) {
        try {
          sinks[i]!.onOutcome(outcome);
        } catch (err) {
          onError(err, i);
        }
      }
    },
    onSkip(target, health, at, why) {
      for (let i = 0; i < sinks.length; i++) {
        try {
          sinks[i]!.onSkip?.(target, health, at, why);
        } catch (err) {
          onError(err, i);
        }
      }
    },
  };
}
