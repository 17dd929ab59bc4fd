import { describe, expect, it } from 'vitest';
import type { PollOutcome } from '../collector/scheduler.ts';
import type { Sample, Target } from '../collector/types.ts';
import { DEVICE, HOST } from '../metrics/names.ts';
import { openDb } from '../store/db.ts';
import { rollupSink } from './rollup-sink.ts';
import { RollupStore } from './rollup-store.ts';
import { utilisationSection } from './utilisation.ts';

const target = (name: string, labels: Record<string, string>, kind = 'host'): Target => ({ name, kind, address: '', options: {}, intervalMs: 60_000, timeoutMs: 10_000, labels });
const g = (name: string, value: number, labels: Record<string, string> = {}): Sample => ({ name, labels, value, ts: 0, kind: 'gauge' });
const outcome = (t: Target, at: number, samples: Sample[], ok = true): PollOutcome =>
  ({ target: t, ok, samples, error: undefined, startedAt: at - 50, finishedAt: at, health: {} as PollOutcome['health'] });
const hostSamples = (cpu: number, mem: number, used: [number, number], size: [number, number]) => [
  g(HOST.cpuUtilisation.name, cpu), g(HOST.memUtilisation.name, mem),
  g(HOST.fsUsed.name, used[0], { mountpoint: '/' }), g(HOST.fsSize.name, size[0], { mountpoint: '/' }),
  g(HOST.fsUsed.name, used[1], { mountpoint: '/data' }), g(HOST.fsSize.name, size[1], { mountpoint: '/data' }),
];
const at = (iso: string) => Date.parse(iso);

describe('resource roll-up sink', () => {
  it('gives each agency server its monthly peak and average from known samples, by the agency calendar, written in batches', () => {
    const db = openDb(':memory:');
    const store = new RollupStore(db);
    const sink = rollupSink(store, { flushMs: 100 * 86_400_000, zoneOf: () => 'Asia/Shanghai' });
    const web = target('ggzy-web-01', { agency: 'ggzy' });
    const db1 = target('ggzy-db-01', { agency: 'ggzy' }, 'snmp');
    const other = target('lab-01', {});
    // 2026-02-28 23:59 Shanghai is still February: stays out of March
    sink.onOutcome(outcome(web, at('2026-02-28T15:59:00Z'), hostSamples(0.9, 0.9, [90, 0], [100, 100])));
    // March (Shanghai): CPU 0.02, 0.04, 0.06 → avg 0.04, peak 0.06; memory 0.5, 0.7, 0.6; storage (30+10)/(100+100)=0.2, then 0.3, 0.25
    sink.onOutcome(outcome(web, at('2026-02-28T16:00:00Z'), hostSamples(0.02, 0.5, [30, 10], [100, 100])));
    sink.onOutcome(outcome(web, at('2026-03-15T04:00:00Z'), hostSamples(0.04, 0.7, [40, 20], [100, 100])));
    expect(db.prepare('SELECT COUNT(*) FROM resource_rollup_daily').pluck().get()).toBe(0); // not written per sample
    sink.onOutcome(outcome(web, at('2026-03-31T15:00:00Z'), hostSamples(0.06, 0.6, [30, 20], [100, 100])));
    // a failed poll and a target without an agency add nothing
    sink.onOutcome(outcome(web, at('2026-03-31T15:10:00Z'), hostSamples(1, 1, [100, 100], [100, 100]), false));
    sink.onOutcome(outcome(other, at('2026-03-31T15:11:00Z'), hostSamples(1, 1, [100, 100], [100, 100])));
    // an SNMP server: two processors, hrStorage RAM and disks (RAM and swap are not storage)
    const snmp = (cpu: [number, number], disk: number) => [
      g(DEVICE.cpuUtilisation.name, cpu[0], { cpu: '1' }), g(DEVICE.cpuUtilisation.name, cpu[1], { cpu: '2' }),
      g(DEVICE.storageSize.name, 1000, { storage: 'Physical memory' }), g(DEVICE.storageUsed.name, 250, { storage: 'Physical memory' }),
      g(DEVICE.storageSize.name, 1000, { storage: 'Swap space' }), g(DEVICE.storageUsed.name, 1000, { storage: 'Swap space' }),
      g(DEVICE.storageSize.name, 1000, { storage: '/' }), g(DEVICE.storageUsed.name, disk, { storage: '/' }),
    ];
    sink.onOutcome(outcome(db1, at('2026-03-10T00:00:00Z'), snmp([0.5, 0.7], 400)));
    sink.onOutcome(outcome(db1, at('2026-03-10T00:01:00Z'), snmp([0.9, 0.9], 600)));
    sink.flush();
    sink.onOutcome(outcome(web, at('2026-04-01T00:00:00Z'), hostSamples(0.5, 0.5, [0, 0], [1, 1])));
    sink.flush();

    const march = utilisationSection('2026-03', store.monthly('ggzy', '2026-03'));
    expect(march.servers.map((s) => s.target)).toEqual(['ggzy-db-01', 'ggzy-web-01']);
    const w = march.servers[1]!;
    expect(w.cpu!.samples).toBe(3);
    expect(w.cpu!.average).toBeCloseTo(0.04, 12);
    expect(w.cpu!.peak).toBe(0.06);
    expect(w.memory!.average).toBeCloseTo(0.6, 12);
    expect(w.memory!.peak).toBe(0.7);
    expect(w.storage!.average).toBeCloseTo(0.25, 12);
    expect(w.storage!.peak).toBeCloseTo(0.3, 12);
    expect(w.idle).toBe(true); // avg 4 % < 5 %, peak 6 % < 20 %
    const d = march.servers[0]!;
    expect(d.cpu).toEqual({ average: 0.75, peak: 0.9, samples: 2 });
    expect(d.memory).toEqual({ average: 0.25, peak: 0.25, samples: 2 });
    expect(d.storage).toEqual({ average: 0.5, peak: 0.6, samples: 2 });
    expect(d.idle).toBe(false);
    expect(store.monthly('ggzy', '2026-02')).toEqual([
      { target: 'ggzy-web-01', resource: 'cpu', count: 1, sum: 0.9, max: 0.9 },
      { target: 'ggzy-web-01', resource: 'memory', count: 1, sum: 0.9, max: 0.9 },
      { target: 'ggzy-web-01', resource: 'storage', count: 1, sum: 0.45, max: 0.45 },
    ]);
    expect(store.daily('ggzy', '2026-03-01', '2026-04-01').filter((c) => c.target === 'ggzy-web-01' && c.resource === 'cpu').map((c) => c.day)).toEqual(['2026-03-01', '2026-03-15', '2026-03-31']);
    expect(store.monthly('', '2026-03')).toEqual([]);
  });

  it('flushes by poll time: nothing before flushMs has passed, everything after, and counts add up across flushes', () => {
    const db = openDb(':memory:');
    const store = new RollupStore(db);
    const sink = rollupSink(store, { flushMs: 60_000 });
    const web = target('w', { agency: 'a' });
    const t0 = at('2026-03-02T00:00:00Z');
    for (let i = 0; i < 6; i++) sink.onOutcome(outcome(web, t0 + i * 10_000, [g(HOST.cpuUtilisation.name, i / 10)]));
    expect(store.monthly('a', '2026-03')).toEqual([]);
    sink.onOutcome(outcome(web, t0 + 60_000, [g(HOST.cpuUtilisation.name, 0.05)]));
    expect(store.monthly('a', '2026-03')).toEqual([{ target: 'w', resource: 'cpu', count: 7, sum: expect.closeTo(1.55, 12), max: 0.5 }]);
    sink.onOutcome(outcome(web, t0 + 70_000, [g(HOST.cpuUtilisation.name, 0.8)]));
    sink.flush();
    expect(store.monthly('a', '2026-03')).toEqual([{ target: 'w', resource: 'cpu', count: 8, sum: expect.closeTo(2.35, 12), max: 0.8 }]);
  });
});
