import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.ts';
import { SLA } from '../metrics/names.ts';
import { WorkCalendar } from './calendar.ts';
import type { EvidenceLine } from './evidence.ts';
import { createSlaGauges } from './gauges.ts';
import { computeAgencyReport } from './report.ts';

const service = (id: string, maintenance: string) => `        - { id: ${id}, category: application, health: { checks: [ { target: t } ] }, availability: 99, min_outage: 60s, maintenance: ${maintenance} }`;
const config = parseConfigText(`
sla:
  agencies:
    - id: a
      name: { zh-CN: 甲, en: A }
      contract: { version: "1", effective: 2026-01-01 }
      services:
${service('quota', '{ notice: 24h, monthly_quota: 2h }')}
${service('open', '{ notice: 24h }')}
`, { file: 'gauges.test.yaml', baseDir: '/tmp' });
const contract = config.sla.agencies[0]!;
const calendar = new WorkCalendar();

/** June 2026 in Shanghai to the 10th: down 10 min on the 5th; windows of 1 h (2nd) and 3 h (20th, announced on the 1st) in time, 1 h (25th) announced late. */
function lines(id: string): EvidenceLine[] {
  const window = (start: string, end: string, announced: string, ticket: string): EvidenceLine => ({ type: 'maintenance', service: id, start, end, ticket, approved_by: '张伟', announced_at: announced });
  return [
    { type: 'status', service: id, at: '2026-05-30T00:00:00Z', state: 'up', reason: 'ok' },
    { type: 'status', service: id, at: '2026-06-05T00:00:00Z', state: 'down', reason: 'probe down' },
    { type: 'status', service: id, at: '2026-06-05T00:10:00Z', state: 'up', reason: 'ok' },
    window('2026-06-02T00:00:00Z', '2026-06-02T01:00:00Z', '2026-05-30T00:00:00Z', 'CHG-1'),
    window('2026-06-20T00:00:00Z', '2026-06-20T03:00:00Z', '2026-06-01T00:00:00Z', 'CHG-2'),
    window('2026-06-25T00:00:00Z', '2026-06-25T01:00:00Z', '2026-06-24T12:00:00Z', 'CHG-3'),
  ];
}

describe('the error-budget gauge', () => {
  it('counts the month\'s announced maintenance, past and future, up to monthly_quota', async () => {
    const registry = new client.Registry();
    const gauges = createSlaGauges(registry);
    const report = computeAgencyReport({ contract, month: '2026-06', lines: [...lines('quota'), ...lines('open')], calendar, now: Date.parse('2026-06-10T00:00:00Z') });
    expect(report.services.map((s) => [s.maintenance_seconds, s.down_seconds])).toEqual([[3600, 600], [3600, 600]]);
    const budgets = gauges.update(contract, report, calendar);
    // June: 2,592,000 s. quota: 1 h + 3 h announced in time, at most 2 h → (2,592,000 − 7,200) × 1 % = 25,848, less 600 down.
    // open: no quota, 4 h → (2,592,000 − 14,400) × 1 % = 25,776, less 600. The late window counts for neither.
    expect(Object.fromEntries(budgets)).toEqual({ quota: 25_248, open: 25_176 });
    const values = (await registry.getSingleMetric(SLA.errorBudget.name)!.get()).values;
    expect(values.map((v) => [v.labels.service, v.value])).toEqual([['quota', 25_248], ['open', 25_176]]);
  });
});
