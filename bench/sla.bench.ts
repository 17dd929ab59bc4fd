/** SLA reports at scale: per-minute status changes for a month, 20 services per agency, JSON reports computed from evidence. */
import { parseConfigText } from '../src/config/load.ts';
import { WorkCalendar } from '../src/sla/calendar.ts';
import type { EvidenceLine } from '../src/sla/evidence.ts';
import { computeAgencyReport } from '../src/sla/report.ts';

const SERVICES_PER_AGENCY = 20;

/** Computes `agencies` reports of June 2026 (30 days, 43,200 status changes per service), one agency's evidence in memory at a time. */
export function benchSlaReports(agencies = 50): { agencies: number; services: number; lines: number; cpuSeconds: number; wallSeconds: number; peakRssBytes: number } {
  const services = Array.from({ length: SERVICES_PER_AGENCY }, (_, i) => `        - { id: s${i}, category: application, health: { checks: [ { target: t${i} } ] }, availability: 99.9, min_outage: 30s }`).join('\n');
  const config = parseConfigText(`sla:\n  agencies:\n    - id: a\n      name: { zh-CN: 甲, en: A }\n      contract: { version: "1", effective: 2026-01-01 }\n      services:\n${services}\n`, { file: 'bench', baseDir: '/tmp' });
  const contract = config.sla.agencies[0]!;
  const calendar = new WorkCalendar();
  const start = Date.parse('2026-05-31T16:00:00Z');
  let cpu = 0;
  let wall = 0;
  let peak = 0;
  let lines = 0;
  for (let a = 0; a < agencies; a++) {
    const evidence: EvidenceLine[] = [];
    for (let i = 0; i < SERVICES_PER_AGENCY; i++) {
      for (let m = 0; m < 43_200; m++) {
        evidence.push({ type: 'status', service: `s${i}`, at: new Date(start + m * 60_000 + (m % 2) * 15_000).toISOString().replace('.000Z', 'Z'), state: m % 2 ? 'up' : 'down', reason: 'probe down (TIMEOUT)' });
      }
    }
    lines += evidence.length;
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const report = computeAgencyReport({ contract, month: '2026-06', lines: evidence, calendar });
    JSON.stringify(report);
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1e6;
    wall += (performance.now() - w0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  return { agencies, services: agencies * SERVICES_PER_AGENCY, lines, cpuSeconds: cpu, wallSeconds: wall, peakRssBytes: peak };
}
