import { describe, expect, it } from 'vitest';
import { CounterTracker } from './counters.ts';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const TICKS_PER_MIN = 6_000;

describe('CounterTracker', () => {
  it('gives the rate between polls', () => {
    const c = new CounterTracker();
    c.beginPoll(100 * TICKS_PER_MIN, T0);
    expect(c.rate('if1', 1_000n, 64)).toBeUndefined();
    c.beginPoll(101 * TICKS_PER_MIN, T0 + MIN);
    expect(c.rate('if1', 61_000n, 64)).toBe(1_000);
  });

  it('unwraps a Counter32 that passed 2^32', () => {
    const c = new CounterTracker();
    c.beginPoll(100 * TICKS_PER_MIN, T0);
    c.rate('if1', 4_294_967_000n, 32);
    c.beginPoll(101 * TICKS_PER_MIN, T0 + MIN);
    // 296 to the wrap, then 5_704 more: 6_000 octets in 60 s
    expect(c.rate('if1', 5_704n, 32)).toBe(100);
    expect(c.discarded.size).toBe(0);
  });

  it('measures time on the agent\'s clock, so a late poll does not skew the rate', () => {
    const c = new CounterTracker();
    c.beginPoll(100 * TICKS_PER_MIN, T0);
    c.rate('if1', 0n, 64);
    c.beginPoll(101 * TICKS_PER_MIN, T0 + MIN + 5_000); // our poll ran 5 s late; the agent says 60 s
    expect(c.rate('if1', 60_000n, 64)).toBe(1_000);
  });

  it('discards the delta across a device reboot (sysUpTime went back), never a negative rate', () => {
    const c = new CounterTracker();
    c.beginPoll(100 * TICKS_PER_MIN, T0);
    c.rate('if1', 4_000_000_000n, 32);
    c.beginPoll(30 * 100, T0 + MIN); // rebooted 30 s ago
    expect(c.rate('if1', 5_000n, 32)).toBeUndefined();
    expect(c.discarded.get('reboot')).toBe(1);
    c.beginPoll(30 * 100 + TICKS_PER_MIN, T0 + 2 * MIN);
    expect(c.rate('if1', 65_000n, 32)).toBe(1_000);
  });

  it('tells sysUpTime\'s own wrap after 497 days from a reboot', () => {
    const c = new CounterTracker();
    const nearWrap = 2 ** 32 - 3_000; // 30 s before sysUpTime wraps
    c.beginPoll(nearWrap, T0);
    c.rate('if1', 1_000n, 64);
    c.beginPoll(3_000, T0 + MIN); // wrapped 30 s ago: not a reboot
    expect(c.rate('if1', 61_000n, 64)).toBe(1_000);
    expect(c.discarded.size).toBe(0);
  });

  it('discards a 64-bit counter going back (a reset) and a rate above the interface speed', () => {
    const c = new CounterTracker();
    c.beginPoll(100 * TICKS_PER_MIN, T0);
    c.rate('if1', 10_000_000n, 64);
    c.rate('if2', 0n, 64);
    c.beginPoll(101 * TICKS_PER_MIN, T0 + MIN);
    expect(c.rate('if1', 5n, 64)).toBeUndefined();
    // 1 Gbit/s = 125 MB/s at most; 60 s at 200 MB/s is impossible
    expect(c.rate('if2', 12_000_000_000n, 64, 125_000_000)).toBeUndefined();
    expect(Object.fromEntries(c.discarded)).toEqual({ reset: 1, impossible: 1 });
  });

  it('keeps Counter64 precision above 2^53', () => {
    const c = new CounterTracker();
    const big = 2n ** 60n;
    c.beginPoll(100, T0);
    c.rate('if1', big, 64);
    c.beginPoll(100 + TICKS_PER_MIN, T0 + MIN);
    expect(c.rate('if1', big + 60n, 64)).toBe(1);
  });
});
