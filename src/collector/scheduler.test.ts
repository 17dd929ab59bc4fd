import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CollectError } from '../errors.ts';
import { silentLogger } from '../log.ts';
import { Scheduler, type PollOutcome } from './scheduler.ts';
import type { Collector, Target } from './types.ts';

const target = (name: string, intervalMs = 10_000, timeoutMs = 2_000): Target => ({
  name, kind: 'fake', address: '', options: {}, intervalMs, timeoutMs, labels: {},
});

/** A collector whose polls finish only when the test says so. */
function manualCollector() {
  const pending: Array<{ name: string; signal: AbortSignal; resolve: () => void; reject: (e: unknown) => void }> = [];
  const collector: Collector = {
    collect: (t, signal) =>
      new Promise((resolve, reject) => pending.push({ name: t.name, signal, resolve: () => resolve([{ name: 'x', labels: {}, value: 1, ts: Date.now(), kind: 'gauge' }]), reject })),
  };
  return { collector, pending };
}

function build(collector: Collector, opts: { maxConcurrency?: number; jitter?: boolean; random?: () => number } = {}) {
  const outcomes: PollOutcome[] = [];
  const skips: string[] = [];
  const scheduler = new Scheduler({
    maxConcurrency: opts.maxConcurrency ?? 100,
    jitter: opts.jitter ?? false,
    random: opts.random ?? (() => 0),
    logger: silentLogger(),
    collectorFor: () => collector,
    onOutcome: (o) => outcomes.push(o),
    onSkip: (t, _h, _at, why) => skips.push(`${t.name}:${why}`),
  });
  return { scheduler, outcomes, skips };
}

describe('Scheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('polls each target once per interval, starting after its jitter', async () => {
    const collector: Collector = { collect: async () => [] };
    const { scheduler, outcomes } = build(collector, { jitter: true, random: () => 0.5 });
    scheduler.setTargets([target('a', 10_000)]);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(outcomes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcomes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(outcomes).toHaveLength(7);
    expect(outcomes.map((o) => o.startedAt - 1_000_000)).toEqual([5_000, 15_000, 25_000, 35_000, 45_000, 55_000, 65_000]);
    await scheduler.stop(0);
  });

  it('aborts a poll at its deadline and reports TIMEOUT', async () => {
    const { collector, pending } = manualCollector();
    const { scheduler, outcomes } = build(collector);
    scheduler.setTargets([target('a', 10_000, 2_000)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(pending[0]!.signal.aborted).toBe(true);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'TIMEOUT', reason: 'timeout' } });
    expect(outcomes[0]!.health.up).toBe(0);
    expect(outcomes[0]!.health.errors.get('timeout')).toBe(1);
    await scheduler.stop(0);
  });

  it('never polls a target twice at once: a tick during a running poll is skipped and counted', async () => {
    const { collector, pending } = manualCollector();
    const { scheduler, skips } = build(collector);
    // the collector ignores its signal and hangs past the deadline and the next two ticks
    scheduler.setTargets([target('a', 10_000, 2_000)]);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(pending).toHaveLength(1);
    expect(skips).toEqual(['a:stuck', 'a:stuck']);
    expect(scheduler.healthOf('a')!.skipped).toBe(2);
    pending[0]!.resolve();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(pending).toHaveLength(2);
    await scheduler.stop(0);
  });

  it('holds polls beyond the concurrency cap in line and runs them as slots free up', async () => {
    const { collector, pending } = manualCollector();
    const { scheduler, outcomes } = build(collector, { maxConcurrency: 2 });
    scheduler.setTargets([target('a'), target('b'), target('c')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.map((p) => p.name)).toEqual(['a', 'b']);
    pending[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.map((p) => p.name)).toEqual(['a', 'b', 'c']);
    expect(outcomes.map((o) => o.target.name)).toEqual(['a']);
    await scheduler.stop(0);
  });

  it('passes a collector\'s typed error through, with the samples measured before it failed', async () => {
    const collector: Collector = {
      collect: async () => {
        throw new CollectError('PROTOCOL', 'HTTP 500', { reason: 'status', samples: [{ name: 'code', labels: {}, value: 500, ts: 0, kind: 'gauge' }] });
      },
    };
    const { scheduler, outcomes } = build(collector);
    scheduler.setTargets([target('a')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'PROTOCOL', reason: 'status' }, samples: [{ value: 500 }] });
    await scheduler.stop(0);
  });

  it('counts a collector bug as an internal error, not as the target failing', async () => {
    const collector: Collector = { collect: async () => { throw new TypeError('undefined is not a function'); } };
    const { scheduler, outcomes } = build(collector);
    scheduler.setTargets([target('a')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes[0]!.error).toMatchObject({ reason: 'internal' });
    await scheduler.stop(0);
  });

  it('stop() waits for polls in flight up to the grace period', async () => {
    const { collector, pending } = manualCollector();
    const { scheduler } = build(collector);
    scheduler.setTargets([target('a', 10_000, 9_000)]);
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    void scheduler.stop(5_000).then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    pending[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(true);
  });

  it('setTargets() keeps the health of unchanged targets and stops removed ones', async () => {
    const collector: Collector = { collect: async () => [] };
    const { scheduler, outcomes } = build(collector);
    scheduler.setTargets([target('a'), target('b')]);
    await vi.advanceTimersByTimeAsync(0);
    const health = scheduler.healthOf('a');
    scheduler.setTargets([target('a')]);
    expect(scheduler.healthOf('a')).toBe(health);
    expect(scheduler.healthOf('b')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(outcomes.map((o) => o.target.name)).toEqual(['a', 'b', 'a']);
    await scheduler.stop(0);
  });

  it('setTargets() takes a target whose options changed, even when they are regular expressions or sets', async () => {
    const collector: Collector = { collect: async () => [] };
    const { scheduler } = build(collector);
    const withOptions = (exclude: string, types: string[]) => ({ ...target('h'), options: { exclude: new RegExp(exclude), types: new Set(types) } });
    scheduler.setTargets([withOptions('lo', ['tmpfs'])]);
    scheduler.setTargets([withOptions('lo', ['tmpfs'])]);
    expect(scheduler.targets()[0]!.options).toMatchObject({ exclude: /lo/ });
    scheduler.setTargets([withOptions('lo|veth.*', ['tmpfs'])]);
    expect((scheduler.targets()[0]!.options as { exclude: RegExp }).exclude.source).toBe('lo|veth.*');
    scheduler.setTargets([withOptions('lo|veth.*', ['tmpfs', 'overlay'])]);
    expect([...(scheduler.targets()[0]!.options as { types: Set<string> }).types]).toEqual(['tmpfs', 'overlay']);
    await scheduler.stop(0);
  });
});

describe('Scheduler shutdown', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('aborts polls still running after the grace period without reporting the target as failed', async () => {
    const { collector, pending } = manualCollector();
    const { scheduler, outcomes } = build(collector);
    scheduler.setTargets([target('a', 10_000, 9_000)]);
    await vi.advanceTimersByTimeAsync(0);
    pending[0]!.signal.addEventListener('abort', () => pending[0]!.reject(new CollectError('TIMEOUT', 'aborted')));
    const stopped = scheduler.stop(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await stopped;
    expect(pending[0]!.signal.aborted).toBe(true);
    expect(outcomes).toEqual([]);
  });
});
