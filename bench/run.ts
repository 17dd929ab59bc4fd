/** `npm run bench`: runs every benchmark and prints its figures (write them into bench/RESULTS.md). */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchScheduler } from './scheduler.bench.ts';

const here = import.meta.dirname;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}`);

const sched = await benchScheduler();
console.log(`scheduler: ${sched.targets} targets × 20 samples, ${sched.polls} polls measured: ${sched.cpuSecondsPer1000Polls.toFixed(4)} CPU-s per 1,000 polls (target < 0.05)`);

const runChild = (mode: string) =>
  JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'metrics-child.ts'), mode], { encoding: 'utf8' })) as {
    cpuMicrosPerSeries: number; rssBytesPerSeries: number;
  };
const rounds = 3;
const results = { slaguard: [] as ReturnType<typeof runChild>[], bare: [] as ReturnType<typeof runChild>[] };
for (let i = 0; i < rounds; i++) for (const mode of ['bare', 'slaguard'] as const) results[mode].push(runChild(mode));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (mode: 'slaguard' | 'bare') => ({
  cpu: median(results[mode].map((r) => r.cpuMicrosPerSeries)),
  rss: median(results[mode].map((r) => r.rssBytesPerSeries)),
});
const s = row('slaguard');
const b = row('bare');
console.log(`/metrics, 100,000 series, median of ${rounds}:`);
console.log(`  bare prom-client: ${b.cpu.toFixed(2)} µs CPU and ${b.rss.toFixed(0)} B RSS per series`);
console.log(`  slaguard        : ${s.cpu.toFixed(2)} µs CPU and ${s.rss.toFixed(0)} B RSS per series`);
console.log(`  slaguard / bare : CPU ${(s.cpu / b.cpu).toFixed(2)}x, RSS ${(s.rss / b.rss).toFixed(2)}x (target ≤ 1.20x)`);
