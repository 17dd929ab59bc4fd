/**
 * Scheduler overhead: 5,000 targets whose collector returns 20 samples at once, polled every second
 * through the daemon's real pipeline (scheduler → series store → ledger). Reports CPU-seconds per 1,000 polls.
 */
import { pollSinks } from '../src/app.ts';
import { Scheduler } from '../src/collector/scheduler.ts';
import type { Collector, Sample, Target } from '../src/collector/types.ts';
import { silentLogger } from '../src/log.ts';
import { SeriesStore } from '../src/state/series-store.ts';
import { openDb } from '../src/store/db.ts';
import { StatusLedger } from '../src/store/status-ledger.ts';

const TARGETS = 5_000;
const SAMPLES = 20;
const RUN_MS = 12_000;
const WARMUP_MS = 2_000;

export async function benchScheduler(): Promise<{ polls: number; cpuSecondsPer1000Polls: number; targets: number }> {
  let polls = 0;
  const collector: Collector = {
    async collect() {
      polls++;
      const ts = Date.now();
      const out: Sample[] = new Array(SAMPLES);
      for (let i = 0; i < SAMPLES; i++) out[i] = { name: `bench_metric_${i % 5}`, labels: { index: String(i) }, value: Math.random(), ts, kind: 'gauge' };
      return out;
    },
  };
  const store = new SeriesStore();
  const ledger = new StatusLedger(openDb(':memory:'), { now: Date.now(), version: 'bench' });
  const scheduler = new Scheduler({ maxConcurrency: 256, jitter: true, logger: silentLogger(), collectorFor: () => collector, ...pollSinks(store, ledger) });
  const targets: Target[] = Array.from({ length: TARGETS }, (_, i) => ({
    name: `device-${i}`, kind: 'bench', address: '', options: {}, intervalMs: 1_000, timeoutMs: 900, labels: { site: `site-${i % 10}`, rack: `R${i % 40}` },
  }));
  for (const t of targets) ledger.register(t.name, Date.now());
  scheduler.setTargets(targets);
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const cpu0 = process.cpuUsage();
  const polls0 = polls;
  await new Promise((r) => setTimeout(r, RUN_MS));
  const cpu = process.cpuUsage(cpu0);
  const measured = polls - polls0;
  await scheduler.stop(1_000);
  return { targets: TARGETS, polls: measured, cpuSecondsPer1000Polls: ((cpu.user + cpu.system) / 1e6 / measured) * 1000 };
}
