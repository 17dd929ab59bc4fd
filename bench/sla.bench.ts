/**
 * SLA reports at the scale (issue 8): a month of per-minute status changes for 1,000 services
 * across 50 agencies, every agency's JSON and HTML report computed from the SQLite ledger on disk by
 * the same code as `slaguard report` (read-only connection, evidence selected from the ledger).
 * Target: all of them in under 10 s; peak RSS written down. The ledger is filled first (not timed).
 */
import { renderHtml } from '../src/reports/html.ts';
import { WorkCalendar } from '../src/sla/calendar.ts';
import { agencyIds, contractForMonth } from '../src/sla/contracts.ts';
import { readAgencyEvidence } from '../src/sla/ledger-read.ts';
import { computeAgencyReport } from '../src/sla/report.ts';
import { openDbReadOnly } from '../src/store/db.ts';
import { benchLedger, SERVICES_PER_AGENCY } from './sla-ledger.ts';

export interface SlaBench {
  agencies: number;
  services: number;
  /** Ledger rows (status lines and the rest) in the database file. */
  rows: number;
  outages: number;
  /** JSON and HTML of every agency: CPU of this process, and wall clock. */
  cpuSeconds: number;
  wallSeconds: number;
  /** Parts of the CPU: reading the ledger and computing the report, JSON text, HTML text. */
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
 * service) from the bench ledger, one agency at a time, and renders each as JSON (as written to a
 * file, indented) and HTML. `flip`: the worst case, up and down alternating every minute.
 */
export function benchSlaReports(agencies = 50, flip = false): SlaBench {
  const ledger = benchLedger(agencies, flip);
  const config = ledger.config;
  const calendar = new WorkCalendar();
  const r: SlaBench = { agencies, services: agencies * SERVICES_PER_AGENCY, rows: ledger.rows, outages: 0, cpuSeconds: 0, wallSeconds: 0, computeCpuSeconds: 0, jsonCpuSeconds: 0, htmlCpuSeconds: 0, jsonBytes: 0, htmlBytes: 0, peakRssBytes: 0 };
  const w0 = performance.now();
  const db = openDbReadOnly(ledger.path);
  for (const id of agencyIds(config.sla)) {
    const c0 = cpuNow();
    const contract = contractForMonth(config.sla, id, '2026-06')!;
    const report = computeAgencyReport({ contract, month: '2026-06', lines: readAgencyEvidence(db, config.sla, id, '2026-06'), calendar });
    const c1 = cpuNow();
    r.jsonBytes += `${JSON.stringify(report, null, 2)}\n`.length;
    const c2 = cpuNow();
    r.htmlBytes += renderHtml(report, 'zh-CN').length;
    const c3 = cpuNow();
    r.computeCpuSeconds += c1 - c0;
    r.jsonCpuSeconds += c2 - c1;
    r.htmlCpuSeconds += c3 - c2;
    r.outages += report.services.reduce((n, s) => n + s.outages.length, 0);
  }
  db.close();
  r.wallSeconds = (performance.now() - w0) / 1000;
  r.cpuSeconds = r.computeCpuSeconds + r.jsonCpuSeconds + r.htmlCpuSeconds;
  r.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  console.log(`  (${r.outages.toLocaleString('en')} outages; CPU: ledger read and compute ${r.computeCpuSeconds.toFixed(2)} s, JSON ${r.jsonCpuSeconds.toFixed(2)} s (${(r.jsonBytes / 2 ** 20).toFixed(0)} MiB), HTML ${r.htmlCpuSeconds.toFixed(2)} s (${(r.htmlBytes / 2 ** 20).toFixed(0)} MiB)${flip ? '; worst case: up/down flip every minute' : ''})`);
  return r;
}
