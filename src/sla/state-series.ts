import client from 'prom-client';
import type { MaintenanceOccurrence } from '../alerting/types.ts';
import { SLA_SERIES } from '../metrics/names.ts';
import { compileMatchers } from '../state/matchers.ts';
import type { WorkCalendar } from './calendar.ts';
import type { AgencyContract } from './config.ts';
import type { ServiceEvaluator } from './evaluator.ts';
import { monthOf, monthPeriod, scheduledSpans, type Span } from './period.ts';

const STATES = ['up', 'down', 'unknown', 'maintenance', 'unscheduled'] as const;

export interface StateSeriesSource {
  contracts(): readonly AgencyContract[];
  evaluator: ServiceEvaluator;
  calendar(): WorkCalendar;
  /** Maintenance occurrences in force at `ms`. */
  maintenanceAt(ms: number): readonly MaintenanceOccurrence[];
  now(): number;
}

/**
 * The per-service state series Prometheus computes SLA error ratios from (`slaguard rules export`):
 * one series per state, 1 for the state the service is in at the scrape, and the start of each
 * agency's current period. Computed at scrape time from the evaluator: a handful of series per service.
 */
export function registerStateSeries(registry: client.Registry, source: StateSeriesSource): void {
  const spans = new Map<string, { month: string; spans: Span[] }>();
  const scheduledNow = (c: AgencyContract, s: AgencyContract['services'][number], ms: number): boolean => {
    if (s.hours === '7x24') return true;
    const month = monthOf(ms, c.timezone);
    const key = `${c.id}/${s.id}`;
    let cached = spans.get(key);
    if (cached?.month !== month) spans.set(key, (cached = { month, spans: scheduledSpans(monthPeriod(month, c.timezone), s.hours, source.calendar()) }));
    const t = Math.floor(ms / 1000);
    return cached.spans.some(([a, b]) => t >= a && t < b);
  };
  new client.Gauge({
    name: SLA_SERIES.serviceState.name, help: SLA_SERIES.serviceState.help, labelNames: ['agency', 'service', 'category', 'state'], registers: [registry],
    collect() {
      this.reset();
      const now = source.now();
      const states = new Map(source.evaluator.states().map((s) => [`${s.agency}/${s.service}`, s.state]));
      const windows = source.maintenanceAt(now).map((o) => compileMatchers(o.matchers));
      for (const c of source.contracts()) {
        for (const s of c.services) {
          const base = { agency: c.id, service: s.id, category: s.category };
          const targets = s.health.checks.flatMap((k) => ('target' in k ? [k.target] : []));
          const inMaintenance = windows.some((match) => match(base) || targets.some((target) => match({ ...base, target })));
          const state = !scheduledNow(c, s, now) ? 'unscheduled' : inMaintenance ? 'maintenance' : (states.get(`${c.id}/${s.id}`) ?? 'unknown');
          for (const st of STATES) this.set({ ...base, state: st }, st === state ? 1 : 0);
        }
      }
    },
  });
  new client.Gauge({
    name: SLA_SERIES.periodStart.name, help: SLA_SERIES.periodStart.help, labelNames: ['agency'], registers: [registry],
    collect() {
      this.reset();
      const now = source.now();
      for (const c of source.contracts()) this.set({ agency: c.id }, monthPeriod(monthOf(now, c.timezone), c.timezone).start);
    },
  });
}
