/**
 * SLA reports at the scale (issue 8): a month of per-minute status changes for 1,000 services
 * across 50 agencies, every agency's JSON and HTML report computed from the SQLite ledger on disk by
 * the same code as `slaguard report` (read-only connection, evidence selected from the ledger).
 * Target: all of them in under 10 s; peak RSS written down. The ledger is filled first (not timed).
 */
import { agencyIds } from '../src/sla/contracts.ts';
import { defaultThreads, renderAgencies } from '../src/sla/report-pool.ts';
import { benchLedger, SERVICES_PER_AGENCY } from './sla-ledger.ts';

export interface SlaBench {
  agencies: number;
  services: number;
  /** Ledger rows (status lines and the rest) in the database file. */
  rows: number;
  outages: number;
  /** JSON and HTML of every agency: CPU of this process (all threads), and wall clock. */
  cpuSeconds: number;
  wallSeconds: number;
  /** Parts of the CPU (meaningful with 1 thread only): reading the ledger and computing the report, JSON text, HTML text. */
  computeCpuSeconds: number;
  jsonCpuSeconds: number;
  htmlCpuSeconds: number;
  jsonBytes: number;
  htmlBytes: number;
  /** Peak RSS of the process. */
  peakRssBytes: number;
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/**
 * Computes `agencies` agencies' reports of June 2026 (20 services each, 43,200 status rows per
 * service) from the bench ledger and renders each as JSON (as written to a file, indented) and HTML,
 * as `slaguard report --format json,html` does: `threads` worker threads (default one per core),
 * each with its own read-only connection. `flip`: the worst case, up and down alternating every minute.
 */
export async function benchSlaReports(agencies = 50, flip = false, threads = defaultThreads(agencies)): Promise<SlaBench> {
  const ledger = benchLedger(agencies, flip);
  const config = ledger.config;
  const r: SlaBench = { agencies, services: agencies * SERVICES_PER_AGENCY, rows: ledger.rows, outages: 0, cpuSeconds: 0, wallSeconds: 0, computeCpuSeconds: 0, jsonCpuSeconds: 0, htmlCpuSeconds: 0, jsonBytes: 0, htmlBytes: 0, peakRssBytes: 0 };
  const c0 = cpuNow();
  const w0 = performance.now();
  const results = await renderAgencies({ dbPath: ledger.path, sla: config.sla, calendar: config.calendar, month: '2026-06', formats: ['json', 'html'], lang: 'zh-CN' }, agencyIds(config.sla), threads);
  r.wallSeconds = (performance.now() - w0) / 1000;
  r.cpuSeconds = cpuNow() - c0;
  for (const x of results) {
    if (x.error) throw new Error(x.error);
    r.computeCpuSeconds += x.cpu.compute;
    r.jsonCpuSeconds += x.cpu.json ?? 0;
    r.htmlCpuSeconds += x.cpu.html ?? 0;
    r.jsonBytes += x.bytes.json ?? 0;
    r.htmlBytes += x.bytes.html ?? 0;
    r.outages += x.outages;
  }
  r.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const parts = threads === 1
    ? `ledger read and compute ${r.computeCpuSeconds.toFixed(2)} s, JSON ${r.jsonCpuSeconds.toFixed(2)} s, HTML ${r.htmlCpuSeconds.toFixed(2)} s`
    : 'parts not separable across threads (Node 20 has no per-thread CPU clock); run with 1 thread for them';
  console.log(`  (${threads} thread${threads === 1 ? '' : 's'}; ${r.outages.toLocaleString('en')} outages; JSON ${(r.jsonBytes / 2 ** 20).toFixed(0)} MiB, HTML ${(r.htmlBytes / 2 ** 20).toFixed(0)} MiB; CPU: ${parts}; whole process ${r.cpuSeconds.toFixed(2)} s${flip ? '; worst case: up/down flip every minute' : ''})`);
  return r;
}
