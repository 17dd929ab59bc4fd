import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../collector/scheduler.ts';
import type { OutcomeSink } from '../collector/sinks.ts';
import type { Target } from '../collector/types.ts';
import { silentLogger } from '../log.ts';
import { applyTargetsGradually, Turns } from './apply-targets.ts';

const target = (i: number, address = `http://127.0.0.1:9/${i}`): Target => ({
  name: `svc-${i}`, kind: 'http', address, options: {}, intervalMs: 3_600_000, timeoutMs: 1_000, labels: { site: `site-${i % 3}` },
});
const fleet = (n: number) => Array.from({ length: n }, (_, i) => target(i));

let scheduler: Scheduler;
afterEach(async () => {
  await scheduler.stop(0);
});

function setup() {
  scheduler = new Scheduler({
    maxConcurrency: 10, jitter: true, random: () => 0.999, logger: silentLogger(),
    collectorFor: () => ({ collect: () => Promise.resolve([]) }), onOutcome: () => undefined, onSkip: () => undefined,
  });
  const added: string[] = [];
  const removed: string[] = [];
  const sink: OutcomeSink = { onOutcome: () => undefined, onAdd: (t) => added.push(t.name), onRemove: (name) => removed.push(name) };
  // A clock that moves 1 ms per reading: a turn of 5 ms covers a few targets, whatever the machine.
  let ms = 0;
  const apply = (targets: readonly Target[]) => applyTargetsGradually(targets, {
    scheduler, sinks: [sink], now: () => 0, isStopping: () => false, turns: new Turns(5, () => ms++),
  });
  return { apply, added, removed };
}

describe('applyTargetsGradually', () => {
  it('hands a large fleet on in turns: other work (an HTTP request) runs before every target is scheduled', async () => {
    const { apply, added } = setup();
    const scheduledWhenOthersRan: number[] = [];
    let applying = true;
    const other = () => {
      scheduledWhenOthersRan.push(scheduler.names().length);
      if (applying) setImmediate(other);
    };
    setImmediate(other);
    await apply(fleet(3000));
    applying = false;
    expect(scheduler.names()).toHaveLength(3000);
    expect(added).toHaveLength(3000);
    expect(scheduledWhenOthersRan.some((n) => n > 0 && n < 3000)).toBe(true);
  });

  it('a reload keeps unchanged targets and their state, replaces changed ones, stops removed ones and starts new ones', async () => {
    const { apply, added, removed } = setup();
    await apply(fleet(3000));
    const kept = scheduler.healthOf('svc-1')!;
    kept.lastPollAt = 12_345;
    const changedHealth = scheduler.healthOf('svc-2')!;
    added.length = 0;

    // the same file read again: new objects, equal content
    const next = fleet(3001).filter((t) => t.name !== 'svc-3').map((t) => (t.name === 'svc-2' ? target(2, 'http://127.0.0.1:9/moved') : t));
    await apply(next);
    expect(scheduler.healthOf('svc-1')).toBe(kept);
    expect(scheduler.healthOf('svc-1')!.lastPollAt).toBe(12_345);
    expect(scheduler.targets().find((t) => t.name === 'svc-2')!.address).toBe('http://127.0.0.1:9/moved');
    expect(scheduler.healthOf('svc-2')).toBe(changedHealth);
    expect(scheduler.has('svc-3')).toBe(false);
    expect(removed).toEqual(['svc-3']);
    expect(added).toEqual(['svc-3000']);
    expect(scheduler.names()).toHaveLength(3000);
  });
});
