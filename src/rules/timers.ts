import type { Clock } from '../clock.ts';
import { DueHeap } from './due-heap.ts';

/**
 * Named deadlines behind one timer: the engine sleeps until the earliest one, so `for`, `absent`
 * and expiry cost nothing between polls. Nothing runs until `start()`.
 */
export class DeadlineQueue {
  private readonly due = new Map<string, { at: number; fn: (now: number) => void }>();
  private readonly order = new DueHeap<string>();
  private timer: unknown;
  private armedAt = Infinity;
  private running = false;

  /** `afterRun` is called once after each batch of due deadlines ran (the engine hands out changes there). */
  constructor(private readonly timers: Clock, private readonly afterRun: () => void = () => {}) {}

  /** Runs `fn` at `at` (ms since the epoch) unless rescheduled or cancelled under the same key. */
  schedule(key: string, at: number, fn: (now: number) => void): void {
    this.due.set(key, { at, fn });
    this.order.set(key, at);
    if (at < this.armedAt) this.arm();
  }

  cancel(key: string): void {
    this.due.delete(key);
    this.order.delete(key);
  }

  get size(): number {
    return this.due.size;
  }

  start(): void {
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Infinity;
  }

  /** Runs every deadline that is due now (the timer calls this; so may a caller that just moved time). */
  runDue(): void {
    const now = this.timers.now();
    const ready = this.order.popDue(now).map((key) => [key, this.due.get(key)!] as const);
    for (const [key, d] of ready) {
      if (this.due.get(key) !== d) continue;
      this.due.delete(key);
      d.fn(now);
    }
    if (ready.length > 0) this.afterRun();
    this.arm();
  }

  private arm(): void {
    if (!this.running) return;
    const next = this.order.peek() ?? Infinity;
    if (next === this.armedAt && this.timer !== undefined) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = next;
    if (next === Infinity) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.armedAt = Infinity;
      this.runDue();
    }, Math.max(0, Math.min(next - this.timers.now(), 2 ** 31 - 1)));
  }
}
