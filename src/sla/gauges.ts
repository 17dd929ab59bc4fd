import client from 'prom-client';
import { SLA } from '../metrics/names.ts';
import { toMilli } from './arithmetic.ts';
import type { WorkCalendar } from './calendar.ts';
import type { AgencyContract } from './config.ts';
import { monthPeriod, scheduledSpans } from './period.ts';
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
        const monthScheduled = scheduledSpans(period, c.hours, calendar).reduce((n, [a, b]) => n + b - a, 0);
        const base = monthScheduled - s.maintenance_seconds;
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
