/**
 * 100,000 targets in one real daemon (`slaguard run`), each an HTTP probe of a loopback server:
 * start-up until the first status page, the page and /metrics with the whole fleet polling, the
 * longest /healthz answer meanwhile, RSS, the ledger's rows, and how long a SIGTERM stop takes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDbReadOnly } from '../src/store/db.ts';

const BIN = join(import.meta.dirname, '../bin/slaguard.js');

export interface FleetFigures {
  targets: number;
  /** Process start to the first /healthz answer (listening). */
  startToListenSeconds: number;
  /** Process start to /readyz "ready" (every target read, checked and scheduled). */
  startToReadySeconds: number;
  /** Process start to the first status page that counts every target. */
  startToFirstPageSeconds: number;
  /** CPU seconds the daemon had used when it was ready. */
  cpuSecondsToReady: number;
  longestHealthzDuringStartSeconds: number;
  /** Longest /healthz answer from a SIGHUP reload of the same file until 10 s after the reload is logged. */
  longestHealthzDuringReloadSeconds: number;
  /** SIGHUP to "configuration reloaded" in the log. */
  reloadSeconds: number;
  /** Longest /healthz answer while /metrics was being scraped. */
  longestHealthzDuringMetricsSeconds: number;
  /**
   * Longest CPU time the daemon's main thread used between two 20 ms timer ticks (one turn of the
   * event loop, roughly), in each phase: what a /healthz gap would be on an idle machine.
   */
  longestMainThreadCpuMs: Record<'loading' | 'steady' | 'metrics' | 'reload', number>;
  pageSeconds: number[];
  pagedSeconds: number[];
  metricsSeconds: number[];
  metricsBytes: number;
  longestHealthzSteadySeconds: number;
  rssBytes: number;
  polls: number;
  stopSeconds: number;
  shutdownGraceSeconds: number;
  ledgerRows: number;
  overloadedRows: number;
}

export async function benchFleet(targets = 100_000, steadySeconds = 60): Promise<FleetFigures> {
  let polls = 0;
  const service = http.createServer((_req, res) => {
    polls++;
    res.end('ok');
  });
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  const svc = (service.address() as AddressInfo).port;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'sgfleet-'));
  const lines = [`server: { listen: "127.0.0.1:${port}" }`, 'storage: { path: fleet.db }', 'scheduler: { max_concurrency: 512, shutdown_grace: 5s }', 'targets:'];
  for (let i = 0; i < targets; i++) lines.push(`  - { name: svc-${i}, kind: http, address: "http://127.0.0.1:${svc}/${i}", interval: 300s, timeout: 10s, labels: { site: site-${i % 50} } }`);
  writeFileSync(join(dir, 'slaguard.yaml'), `${lines.join('\n')}\n`);

  const timed = async (url: string) => {
    const t = performance.now();
    const res = await fetch(url);
    const body = await res.text();
    return { status: res.status, seconds: (performance.now() - t) / 1000, bytes: body.length };
  };
  const t0 = performance.now();
  const stallsFile = join(dir, 'stalls.json');
  const daemon = spawn(process.execPath, ['--import', new URL('./main-thread-stalls.mjs', import.meta.url).href, BIN, 'run', '--config', join(dir, 'slaguard.yaml'), '--log-level', 'info'], {
    cwd: dir, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SLAGUARD_BENCH_STALLS: stallsFile },
  });
  let log = '';
  daemon.stdout.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-100_000)));
  const phases: Array<[number, string]> = [];
  const phase = (name: string) => phases.push([Date.now(), name]);
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${daemon.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const counted = async () => {
    const m = /(\d+) up · (\d+) down · (\d+) unknown/.exec(await (await fetch(`${base}/?lang=en&fragment=1`)).text());
    return m ? Number(m[1]) + Number(m[2]) + Number(m[3]) : 0;
  };
  let longestStart = 0;
  let startToListenSeconds = 0;
  let startToReadySeconds = 0;
  let cpuSecondsToReady = 0;
  for (;;) {
    const r = await timed(`${base}/healthz`).catch(() => undefined);
    if (r !== undefined) {
      longestStart = Math.max(longestStart, r.seconds);
      if (startToListenSeconds === 0) phase('loading');
      startToListenSeconds ||= (performance.now() - t0) / 1000;
      if (startToReadySeconds === 0 && (await timed(`${base}/readyz`)).status === 200) {
        startToReadySeconds = (performance.now() - t0) / 1000;
        cpuSecondsToReady = cpuSeconds();
      }
      if (startToReadySeconds > 0 && (await counted()) === targets) break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startToFirstPageSeconds = (performance.now() - t0) / 1000;

  phase('steady');
  let longestSteady = 0;
  const steadyUntil = performance.now() + steadySeconds * 1000;
  while (performance.now() < steadyUntil) {
    longestSteady = Math.max(longestSteady, (await timed(`${base}/healthz`)).seconds);
    await new Promise((r) => setTimeout(r, 100));
  }
  const pageSeconds: number[] = [];
  const pagedSeconds: number[] = [];
  const metricsSeconds: number[] = [];
  let metricsBytes = 0;
  let longestMetricsHealthz = 0;
  for (let i = 0; i < 3; i++) {
    pageSeconds.push((await timed(`${base}/`)).seconds);
    pagedSeconds.push((await timed(`${base}/?status=up&page=${100 + i}`)).seconds);
    phase('metrics');
    let scraping = true;
    const scrape = timed(`${base}/metrics`).finally(() => (scraping = false));
    while (scraping) {
      longestMetricsHealthz = Math.max(longestMetricsHealthz, (await timed(`${base}/healthz`)).seconds);
      await new Promise((r) => setTimeout(r, 20));
    }
    const m = await scrape;
    phase('steady');
    metricsSeconds.push(m.seconds);
    metricsBytes = m.bytes;
  }
  const reloadsBefore = log.split('configuration reloaded').length;
  phase('reload');
  const tReload = performance.now();
  daemon.kill('SIGHUP');
  let longestReload = 0;
  let reloadSeconds = 0;
  while (reloadSeconds === 0 || performance.now() - tReload < reloadSeconds * 1000 + 10_000) {
    longestReload = Math.max(longestReload, (await timed(`${base}/healthz`)).seconds);
    if (reloadSeconds === 0 && log.split('configuration reloaded').length > reloadsBefore) reloadSeconds = (performance.now() - tReload) / 1000;
    await new Promise((r) => setTimeout(r, 50));
  }
  phase('end');
  const rssBytes = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${daemon.pid}/status`, 'utf8'))![1]) * 1024;

  const tStop = performance.now();
  const exited = new Promise((r) => daemon.once('exit', r));
  daemon.kill('SIGTERM');
  await exited;
  const stopSeconds = (performance.now() - tStop) / 1000;
  service.close();

  const longestMainThreadCpuMs = { loading: 0, steady: 0, metrics: 0, reload: 0 };
  for (const [at, cpuMs] of JSON.parse(readFileSync(stallsFile, 'utf8')) as Array<[number, number]>) {
    const name = phases.filter(([t]) => t <= at).at(-1)?.[1];
    if (name !== undefined && name in longestMainThreadCpuMs) {
      const key = name as keyof typeof longestMainThreadCpuMs;
      longestMainThreadCpuMs[key] = Math.max(longestMainThreadCpuMs[key], cpuMs);
    }
  }
  const db = openDbReadOnly(join(dir, 'fleet.db'));
  const ledgerRows = db.prepare('SELECT count(*) FROM status_transitions').pluck().get() as number;
  const overloadedRows = db.prepare("SELECT count(*) FROM status_transitions WHERE reason LIKE 'poll skipped: slaguard is overloaded%'").pluck().get() as number;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    targets, startToListenSeconds, startToReadySeconds, startToFirstPageSeconds, cpuSecondsToReady, longestHealthzDuringStartSeconds: longestStart, longestHealthzDuringReloadSeconds: longestReload, reloadSeconds, longestHealthzDuringMetricsSeconds: longestMetricsHealthz, longestMainThreadCpuMs, pageSeconds, pagedSeconds, metricsSeconds, metricsBytes,
    longestHealthzSteadySeconds: longestSteady, rssBytes, polls, stopSeconds, shutdownGraceSeconds: 5, ledgerRows, overloadedRows,
  };
}
