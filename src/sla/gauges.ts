import client from 'prom-client';
import { SLA } from '../metrics/names.ts';
import { toMilli } from './arithmetic.ts';
import type { WorkCalendar } from './calendar.ts';
import type { AgencyContract } from './config.ts';
import { monthPeriod, scheduledSpans, type Span } from './period.ts';
import type { AgencyReport } from './report-model.ts';

const LABELS = ['agency', 'service', 'category'] as const;

/** The SLA gauges on /metrics; `update` sets them from a month-to-date report, never per scrape. */
export interface SlaGauges {
  /** Sets the gauges; returns each service's remaining error budget in seconds. */
  update(contract: AgencyContract, report: AgencyReport, calendar: WorkCalendar): Map<string, number>;
  chainOk(ok: boolean): void;
  /** Drops the series of services no longer configured. */
  keepOnly(services: ReadonlySet<string>): void;
}

/** Registers the SLA gauges in `registry`. */
export function createSlaGauges(registry: client.Registry): SlaGauges {
  const make = (d: { name: string; help: string }, labelNames: readonly string[] = LABELS) =>
    new client.Gauge({ name: d.name, help: d.help, labelNames: [...labelNames], registers: [registry] });
  const availability = make(SLA.availability);
  const budget = make(SLA.errorBudget);
  const target = make(SLA.target);
  const chain = make(SLA.chainOk, []);
  const seen = new Map<string, Record<(typeof LABELS)[number], string>>();
  return {
    update(contract, report, calendar) {
      const budgets = new Map<string, number>();
      const period = monthPeriod(report.period.month, contract.timezone);
      for (const s of report.services) {
        const c = contract.services.find((x) => x.id === s.id)!;
        const labels = { agency: contract.id, service: s.id, category: s.category };
        seen.set(s.id, labels);
        target.set(labels, s.target_percent);
        if (s.availability_percent === null) availability.remove(labels);
        else availability.set(labels, s.availability_percent);
        const spans = scheduledSpans(period, c.hours, calendar);
        const monthScheduled = spans.reduce((n, [a, b]) => n + b - a, 0);
        const base = monthScheduled - monthMaintenance(s, spans, c.maintenance.monthly_quota);
        const allowed = Math.floor((base * (100_000 - toMilli(s.target_percent))) / 100_000);
        const spent = s.down_seconds + (s.unknown_policy === 'down' ? s.unknown_seconds : 0);
        budget.set(labels, allowed - spent);
        budgets.set(s.id, allowed - spent);
      }
      return budgets;
    },
    chainOk(ok) {
      chain.set(ok ? 1 : 0);
    },
    keepOnly(services) {
      for (const [id, labels] of seen) {
        if (services.has(id)) continue;
        for (const g of [availability, budget, target]) g.remove(labels);
        seen.delete(id);
      }
    },
  };
}

/**
 * Maintenance the month will exclude as far as known now: every window announced in time (the
 * report lists them, past and future) within scheduled time, at most `monthly_quota`; never less
 * than what the month has excluded so far.
 */
function monthMaintenance(s: AgencyReport['services'][number], scheduled: readonly Span[], quotaMs: number | undefined): number {
  const windows = s.maintenance.map((w) => [Date.parse(w.start) / 1000, Date.parse(w.end) / 1000] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [a0, b] of windows) {
    const a = Math.max(a0, reach);
    if (b <= a) continue;
    for (const [x, y] of scheduled) total += Math.max(0, Math.min(b, y) - Math.max(a, x));
    reach = b;
  }
  const quota = quotaMs === undefined ? Number.POSITIVE_INFINITY : Math.floor(quotaMs / 1000);
  return Math.max(s.maintenance_seconds, Math.min(total, quota));
}
