import type { Clock } from '../../src/clock.ts';

/** A clock whose timers run only when the test moves time: `advance` fires due timers in order, each at its own time. */
export class FakeClock implements Clock {
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;

  constructor(public t = Date.UTC(2026, 0, 5, 2, 0, 0)) {}

  readonly now = (): number => this.t;

  readonly setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.ids;
    this.timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== handle);
  };

  /** Moves time forward by `ms`, running each timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (let next = this.nextDue(end); next !== undefined; next = this.nextDue(end)) this.fire(next);
    this.t = end;
  }

  /** Moves time to `until` like `advance`, awaiting `idle()` before each timer (for code that works asynchronously after a timer). */
  async advanceTo(until: number, idle: () => Promise<void>): Promise<void> {
    for (;;) {
      await idle();
      const next = this.nextDue(until);
      if (next === undefined) break;
      this.fire(next);
    }
    this.t = Math.max(this.t, until);
  }

  private nextDue(end: number): { at: number; fn: () => void; id: number } | undefined {
    let next: { at: number; fn: () => void; id: number } | undefined;
    for (const x of this.timers) if (x.at <= end && (next === undefined || x.at < next.at || (x.at === next.at && x.id < next.id))) next = x;
    return next;
  }

  private fire(timer: { at: number; fn: () => void; id: number }): void {
    this.timers = this.timers.filter((x) => x !== timer);
    this.t = Math.max(this.t, timer.at);
    timer.fn();
  }
}
