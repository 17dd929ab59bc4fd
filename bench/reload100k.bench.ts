/**
 * The main thread's longest stretch of work (CPU time between two 20 ms timer ticks, read from
 * /proc) while one in-process daemon loads 100,000 targets through the config worker, serves its
 * status page, has every target's series scraped by /metrics, and reloads the same file. CPU
 * stretches, unlike wall-clock gaps, mean the same on a machine shared with other work.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { TargetHealth } from '../src/collector/health.ts';
import { loadConfigAsync, loadStaged } from '../src/config/load-async.ts';
import { HTTP } from '../src/metrics/names.ts';
import { seriesSink } from '../src/state/series-sink.ts';

export interface PhaseFigures {
  phase: string;
  wallSeconds: number;
  /** CPU of the whole process (the config worker included). */
  cpuSeconds: number;
  mainThreadCpuSeconds: number;
  /** Longest main-thread CPU between two 20 ms ticks: a /healthz request waits about this long on an idle machine. */
  longestStretchMs: number;
  stretchesOver100Ms: number;
}

export async function benchReload100k(targets = 100_000): Promise<PhaseFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sgreload-'));
  const lines = ['storage: { path: fleet.db }', 'targets:'];
  for (let i = 0; i < targets; i++) lines.push(`  - { name: svc-${i}, kind: http, address: "http://127.0.0.1:9/${i}", interval: 24h, timeout: 10s, labels: { site: site-${i % 50} } }`);
  const file = join(dir, 'slaguard.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const stat = `/proc/self/task/${process.pid}/stat`;
  const mainCpuMs = () => {
    const f = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  };
  let last = mainCpuMs();
  let longest = 0;
  let over = 0;
  const tick = setInterval(() => {
    const now = mainCpuMs();
    longest = Math.max(longest, now - last);
    if (now - last >= 100) over++;
    last = now;
  }, 20);
  const figures: PhaseFigures[] = [];
  const phase = async (name: string, work: () => Promise<unknown>) => {
    await new Promise((r) => setTimeout(r, 100));
    longest = 0;
    over = 0;
    last = mainCpuMs();
    const cpu0 = process.cpuUsage();
    const main0 = mainCpuMs();
    const t0 = performance.now();
    await work();
    await new Promise((r) => setTimeout(r, 100));
    const cpu = process.cpuUsage(cpu0);
    figures.push({
      phase: name, wallSeconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6,
      mainThreadCpuSeconds: (mainCpuMs() - main0) / 1000, longestStretchMs: longest, stretchesOver100Ms: over,
    });
  };
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const staged = loadStaged(file);
    const app = buildApp(staged.first, { loadConfig: (running) => loadConfigAsync(file, process.env, running) });
    await app.start();
    const page = () => app.server.inject({ url: '/?lang=en&fragment=1' });
    await phase('targets loaded after listening', () => app.loadTargets(staged.targets!));
    await phase('first status page', page);
    // every target polled once: its HTTP series and its collection-health series
    const sink = seriesSink(app.store);
    for (const target of app.config().targets) {
      const health = new TargetHealth();
      health.up = 1;
      const samples = ([[HTTP.statusCode, 200], [HTTP.duration, 0.004], [HTTP.bodyMatched, 1], [HTTP.certExpiry, 1_800_000_000]] as const)
        .map(([def, value]) => ({ name: def.name, labels: {}, value, ts: 0, kind: 'gauge' as const }));
      sink.onOutcome({ target, ok: true, samples, error: undefined, startedAt: 0, finishedAt: 0, health });
    }
    let bytes = 0;
    await phase('/metrics scrape', async () => (bytes = (await app.server.inject({ url: '/metrics' })).body.length));
    figures.at(-1)!.phase += ` (${(bytes / 2 ** 20).toFixed(1)} MiB)`;
    await phase('SIGHUP reload of the same file', async () => {
      const r = await app.reload();
      if (!r.ok) throw new Error(r.problems.join('\n'));
    });
    await phase('status page after the reload', page);
    await app.stop();
  } finally {
    clearInterval(tick);
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
