import { LABEL, SCHEDULER } from '../metrics/names.ts';
import type { Sample } from './types.ts';

/** Collection health of one target, kept by the scheduler and exported as its `slaguard_*` series. */
export class TargetHealth {
  up: 0 | 1 | undefined;
  lastDurationSeconds = 0;
  lastPollAt = 0;
  lastSampleCount = 0;
  skipped = 0;
  readonly errors = new Map<string, number>();

  /** The health series as they stand now; `slaguard_target_up` carries the collector kind (label `kind`). */
  samples(ts: number, kind: string): Sample[] {
    const out: Sample[] = [
      { name: SCHEDULER.pollSkipped.name, labels: {}, value: this.skipped, ts, kind: 'counter' },
    ];
    for (const [reason, count] of this.errors) {
      out.push({ name: SCHEDULER.pollErrors.name, labels: { [LABEL.reason]: reason }, value: count, ts, kind: 'counter' });
    }
    if (this.up !== undefined) {
      out.push(
        { name: SCHEDULER.up.name, labels: { [LABEL.kind]: kind }, value: this.up, ts, kind: 'gauge' },
        { name: SCHEDULER.pollDuration.name, labels: {}, value: this.lastDurationSeconds, ts, kind: 'gauge' },
        { name: SCHEDULER.lastPoll.name, labels: {}, value: this.lastPollAt / 1000, ts, kind: 'gauge' },
        { name: SCHEDULER.samples.name, labels: {}, value: this.lastSampleCount, ts, kind: 'gauge' },
      );
    }
    return out;
  }
}
