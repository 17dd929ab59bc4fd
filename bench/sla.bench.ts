/**
 * SLA reports at the scale (issue 8): a month of per-minute status changes for 1,000 services
 * across 50 agencies, every agency's JSON and HTML report computed from its evidence lines by the
 * same code as `slaguard report`. Target: all of them in under 10 s; peak RSS written down.
 */
import { parseConfigText } from '../src/config/load.ts';
import { renderHtml } from '../src/reports/html.ts';
import { WorkCalendar } from '../src/sla/calendar.ts';
import type { EvidenceLine } from '../src/sla/evidence.ts';
import { computeAgencyReport } from '../src/sla/report.ts';
import { rng } from './reports-data.ts';

const SERVICES_PER_AGENCY = 20;
const MINUTES = 30 * 1440;
const START = Date.parse('2026-05-31T16:00:00Z');


const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const UP_REASONS = ['3/3 probes up', '2/3 probes up (probe-c TIMEOUT)'];
const DOWN_REASONS = ['2/3 probes down (HTTP 503)', '3/3 probes down (TIMEOUT)'];

/**
 * One agency's evidence for June 2026 (Asia/Shanghai): a status line every minute of every service,
 * each a change (of state, or of which checks are up). `flip`: up and down alternate every minute
 * (a 75 s outage every two minutes, 21,600 per service: the engine's worst case). Otherwise a seeded
 * random walk: about one 1–30 min outage a day, an unknown stretch every three days, reasons
 * alternating minute by minute; plus a 2-hour maintenance window a week and two incidents per service.
 */
export function agencyEvidence(agency: number, flip: boolean): EvidenceLine[] {
  const rand = rng(agency + 1);
  const lines: EvidenceLine[] = [];
  for (let i = 0; i < SERVICES_PER_AGENCY; i++) {
    const service = `s${i}`;
    let left = 0;
    let state: 'up' | 'down' | 'unknown' = 'up';
    for (let m = 0; m < MINUTES; m++) {
      if (flip) {
        lines.push({ type: 'status', service, at: iso(START + m * 60_000 + (m % 2) * 15_000), state: m % 2 ? 'up' : 'down', reason: 'probe down (TIMEOUT)' });
        continue;
      }
      if (left === 0) {
        const r = rand();
        state = r < 1 / 1440 ? 'down' : r < 1 / 1440 + 1 / 4320 ? 'unknown' : 'up';
        left = state === 'down' ? 1 + Math.floor(rand() * 30) : state === 'unknown' ? 1 + Math.floor(rand() * 10) : 1;
      }
      left--;
      const reason = state === 'up' ? UP_REASONS[m % 2]! : state === 'down' ? DOWN_REASONS[m % 2]! : 'no answer from the checks';
      lines.push({ type: 'status', service, at: iso(START + m * 60_000), state, reason });
    }
    if (flip) continue;
    for (let w = 0; w < 4; w++) {
      const start = START + (w * 7 + 3) * 86_400_000 + 3_600_000;
      lines.push({ type: 'maintenance', service, start: iso(start), end: iso(start + 7_200_000), ticket: `CHG-${agency}-${i}-${w}`, approved_by: '张伟', announced_at: iso(start - 2 * 86_400_000) });
    }
    for (let k = 0; k < 2; k++) {
      const opened = START + (k * 13 + 5) * 86_400_000;
      lines.push({ type: 'incident', id: `INC-${agency}-${i}-${k}`, service, level: 2, opened: iso(opened), acknowledged: iso(opened + 600_000), restored: k ? null : iso(opened + 5_400_000) });
    }
  }
  return lines;
}

export interface SlaBench {
  agencies: number;
  services: number;
  lines: number;
  outages: number;
  /** JSON and HTML of every agency: CPU of this process, and wall clock. */
  cpuSeconds: number;
  wallSeconds: number;
  /** Parts of the CPU: report computation, JSON text, HTML text. */
  computeCpuSeconds: number;
  jsonCpuSeconds: number;
  htmlCpuSeconds: number;
  jsonBytes: number;
  htmlBytes: number;
  /** Peak RSS of the process (evidence of one agency in memory at a time, as the report command reads it). */
  peakRssBytes: number;
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/**
 * Computes `agencies` agencies' reports of June 2026 (20 services each, 43,200 status lines per
 * service), one agency's evidence in memory at a time, and renders each as JSON (as written to a
 * file, indented) and HTML. Building the evidence lines stands for reading the ledger and is not timed.
 */
export function benchSlaReports(agencies = 50, flip = false): SlaBench {
  const services = Array.from({ length: SERVICES_PER_AGENCY }, (_, i) => `        - { id: s${i}, category: application, health: { checks: [ { target: t${i} } ] }, availability: 99.9, min_outage: 30s, maintenance: { notice: 24h, monthly_quota: 8h } }`).join('\n');
  const config = parseConfigText(`sla:\n  agencies:\n    - id: a\n      name: { zh-CN: 甲, en: A }\n      contract: { version: "1", effective: 2026-01-01 }\n      services:\n${services}\n`, { file: 'bench', baseDir: '/tmp' });
  const contract = config.sla.agencies[0]!;
  const calendar = new WorkCalendar();
  const r: SlaBench = { agencies, services: agencies * SERVICES_PER_AGENCY, lines: 0, outages: 0, cpuSeconds: 0, wallSeconds: 0, computeCpuSeconds: 0, jsonCpuSeconds: 0, htmlCpuSeconds: 0, jsonBytes: 0, htmlBytes: 0, peakRssBytes: 0 };
  for (let a = 0; a < agencies; a++) {
    const evidence = agencyEvidence(a, flip);
    r.lines += evidence.length;
    const w0 = performance.now();
    const c0 = cpuNow();
    const report = computeAgencyReport({ contract: { ...contract, id: `a${a}` }, month: '2026-06', lines: evidence, calendar });
    const c1 = cpuNow();
    r.jsonBytes += `${JSON.stringify(report, null, 2)}\n`.length;
    const c2 = cpuNow();
    r.htmlBytes += renderHtml(report, 'zh-CN').length;
    const c3 = cpuNow();
    r.wallSeconds += (performance.now() - w0) / 1000;
    r.computeCpuSeconds += c1 - c0;
    r.jsonCpuSeconds += c2 - c1;
    r.htmlCpuSeconds += c3 - c2;
    r.outages += report.services.reduce((n, s) => n + s.outages.length, 0);
  }
  r.cpuSeconds = r.computeCpuSeconds + r.jsonCpuSeconds + r.htmlCpuSeconds;
  r.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  console.log(`  (${r.outages.toLocaleString('en')} outages; CPU: compute ${r.computeCpuSeconds.toFixed(2)} s, JSON ${r.jsonCpuSeconds.toFixed(2)} s (${(r.jsonBytes / 2 ** 20).toFixed(0)} MiB), HTML ${r.htmlCpuSeconds.toFixed(2)} s (${(r.htmlBytes / 2 ** 20).toFixed(0)} MiB)${flip ? '; worst case: up/down flip every minute' : ''})`);
  return r;
}
