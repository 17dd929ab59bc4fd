/** /metrics with 100,000 series: slaguard's state layer vs a bare prom-client registry, each side in its own process. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Side { cpuMicrosPerSeries: number; rssBytesPerSeries: number }

export function benchMetrics(rounds = 3): { slaguard: { cpu: number; rss: number }; bare: { cpu: number; rss: number }; rounds: number } {
  const runChild = (mode: string) =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'metrics-child.ts'), mode], { encoding: 'utf8' })) as Side;
  const results = { slaguard: [] as Side[], bare: [] as Side[] };
  for (let i = 0; i < rounds; i++) for (const mode of ['bare', 'slaguard'] as const) results[mode].push(runChild(mode));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (mode: 'slaguard' | 'bare') => ({
    cpu: median(results[mode].map((r) => r.cpuMicrosPerSeries)),
    rss: median(results[mode].map((r) => r.rssBytesPerSeries)),
  });
  return { slaguard: summary('slaguard'), bare: summary('bare'), rounds };
}
