import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';

afterEach(() => vi.useRealTimers());

describe('systemClock', () => {
  it('a delay beyond Node\'s 24.8-day timer limit wakes at the limit, not at once', () => {
    vi.useFakeTimers();
    const fired: number[] = [];
    const start = Date.now();
    systemClock.setTimeout(() => fired.push(Date.now() - start), 30 * 86_400_000);
    vi.advanceTimersByTime(60_000);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(fired).toEqual([2 ** 31 - 1]);
  });

  it('a cleared timer never fires', () => {
    vi.useFakeTimers();
    let fired = false;
    systemClock.clearTimeout(systemClock.setTimeout(() => { fired = true; }, 1000));
    vi.advanceTimersByTime(5000);
    expect(fired).toBe(false);
  });
});
