// Loaded into the benchmarked daemon with --import: every 20 ms, how much CPU its main thread used
// since the last tick (from /proc). A turn of the event loop that holds the thread for X ms of CPU
// shows as X here even on a machine so busy that wall-clock gaps mostly measure waiting for a core.
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread && process.env.SLAGUARD_BENCH_STALLS) {
  const stat = `/proc/self/task/${process.pid}/stat`;
  const cpuMs = () => {
    const f = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  };
  let last = cpuMs();
  const stalls = [];
  setInterval(() => {
    const now = cpuMs();
    if (now - last >= 60) stalls.push([Date.now(), now - last]);
    last = now;
  }, 20).unref();
  process.on('exit', () => writeFileSync(process.env.SLAGUARD_BENCH_STALLS, JSON.stringify(stalls)));
}
