import type client from 'prom-client';
import type { Incident, MaintenanceOccurrence } from '../alerting/types.ts';
import type { OutcomeSink } from '../collector/sinks.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { compileMatchers } from '../state/matchers.ts';
import type { Db } from '../store/db.ts';
import { UNKNOWN_REASON, type StatusLedger } from '../store/status-ledger.ts';
import { MissingCalendarYear, WorkCalendar } from './calendar.ts';
import type { AgencyContract } from './config.ts';
import { agencyIds, contractForMonth, contractOnDay } from './contracts.ts';
import { serviceStatusSink, ServiceEvaluator } from './evaluator.ts';
import { createSlaGauges, type SlaGauges } from './gauges.ts';
import { readAgencySelection } from './ledger-read.ts';
import { serviceZones, summariseStatusDaysSliced } from './status-days.ts';
import { SlaLedger } from './ledger.ts';
import { monthOf } from './period.ts';
import { computeAgencyReport } from './report.ts';
import type { AgencyReport } from './report-model.ts';
import { DateTime } from 'luxon';
import type { SlaLiveAgency } from '../http/page-sla.ts';
import { registerStateSeries } from './state-series.ts';

export interface SlaRuntimeOptions {
  db: Db;
  statusLedger: StatusLedger;
  config: () => Config;
  now: () => number;
  logger: Logger;
  registry: client.Registry;
  /** How often the live gauges are recomputed besides on service changes (ms). */
  refreshMs?: number;
  /** Maintenance occurrences in force at a moment (alerting's records), for the per-service state series. */
  maintenanceAt?: (ms: number) => readonly MaintenanceOccurrence[];
}

/**
 * The SLA part of the running daemon: service status from checks into the SLA ledger, incidents
 * and maintenance into the ledger, month-to-date figures for /api/sla and the gauges.
 * Entry points for the rest of the daemon: `sink` (poll outcomes, after the status ledger's sink),
 * `rule(id, firing, at)`, `incident(i)`, `maintenance(o)`.
 */
export class SlaRuntime {
  readonly ledger: SlaLedger;
  readonly evaluator: ServiceEvaluator;
  /** The outcome sink feeding target statuses to the evaluator. */
  readonly sink: OutcomeSink;
  private readonly gauges: SlaGauges;
  private calendar: WorkCalendar;
  private timer: NodeJS.Timeout | undefined;
  private summarising: Promise<void> | undefined;
  private stopped = false;
  private pending: NodeJS.Timeout | undefined;
  private readonly dirty = new Set<string>();
  /** Month-to-date figures per agency as of the last refresh, for the status page. */
  private readonly liveFigures = new Map<string, SlaLiveAgency>();

  constructor(private readonly opts: SlaRuntimeOptions) {
    this.ledger = new SlaLedger(opts.db);
    this.gauges = createSlaGauges(opts.registry);
    const chain = this.ledger.verifyChain();
    this.gauges.chainOk(chain.ok);
    if (!chain.ok) opts.logger.error({ row: chain.row }, `SLA ledger chain broken: ${chain.message}; reports over that row cannot be trusted`);
    this.calendar = new WorkCalendar(opts.config().calendar);
    this.evaluator = new ServiceEvaluator((t) => {
      this.ledger.recordStatus(t.agency, t.service, t.state, t.reason, t.at);
      this.scheduleRefresh(t.agency);
    });
    this.sink = serviceStatusSink(opts.statusLedger, this.evaluator);
    registerStateSeries(opts.registry, {
      contracts: () => this.contractsInForce(this.opts.config()),
      evaluator: this.evaluator,
      calendar: () => this.calendar,
      maintenanceAt: (ms) => this.opts.maintenanceAt?.(ms) ?? [],
      now: this.opts.now,
    });
    this.closeCrashedRun();
    this.applyConfig(opts.config());
  }

  /** Records the contract versions of a (new) config and watches its services. */
  applyConfig(config: Config): void {
    this.calendar = new WorkCalendar(config.calendar);
    for (const c of config.sla.agencies) this.ledger.recordContract(c);
    const watched = this.contractsInForce(config).flatMap((c) => c.services.map((s) => ({ agency: c.id, contract: s })));
    this.evaluator.setServices(watched, this.opts.now());
    this.gauges.keepOnly(new Set(watched.map((w) => w.contract.id)));
    for (const w of watched) this.scheduleRefresh(w.agency);
  }

  /** A rule's firing state changed (wire to `AlertSource.onChange`: firing = `firing(rule).length > 0`). */
  rule(id: string, firing: boolean, at: number): void {
    this.evaluator.rule(id, firing, at);
  }

  /** An incident opened or changed (wire to `AlertingRecords.onIncidentChange`); its `service` label names the service. */
  incident(i: Incident): void {
    const service = i.labels.service;
    const agency = service === undefined ? undefined : this.agencyOf(service);
    if (service !== undefined && agency !== undefined) this.ledger.recordIncident(agency, service, i);
  }

  /**
   * A maintenance occurrence created or changed (wire to `AlertingRecords.onMaintenanceChange`).
   * It covers each service whose labels (agency, service, category, and target for each of its
   * target checks) its matchers accept.
   */
  maintenance(o: MaintenanceOccurrence): void {
    const match = compileMatchers(o.matchers);
    for (const c of this.contractsInForce(this.opts.config())) {
      for (const s of c.services) {
        const base = { agency: c.id, service: s.id, category: s.category };
        const targets = s.health.checks.flatMap((k) => ('target' in k ? [k.target] : []));
        if (match(base) || targets.some((target) => match({ ...base, target }))) this.ledger.recordMaintenance(c.id, s.id, o);
      }
    }
  }

  /** Month-to-date reports (or full reports of a past month) from the ledger, one per agency. */
  reports(month?: string): AgencyReport[] {
    const config = this.opts.config();
    const now = this.opts.now();
    const out: AgencyReport[] = [];
    for (const id of agencyIds(config.sla)) {
      const zone = config.sla.agencies.find((a) => a.id === id)!.timezone;
      const m = month ?? monthOf(now, zone);
      const contract = contractForMonth(config.sla, id, m);
      if (contract === undefined) continue;
      out.push(computeAgencyReport({ contract, month: m, selection: readAgencySelection(this.opts.db, config.sla, id, m)!, calendar: this.calendar, now }));
    }
    return out;
  }

  /** Recomputes the gauges of `agencies` (default all) from the ledger: on service changes, on the timer, or when called. */
  refreshGauges(agencies?: ReadonlySet<string>): void {
    const config = this.opts.config();
    const now = this.opts.now();
    for (const id of agencyIds(config.sla)) {
      if (agencies !== undefined && !agencies.has(id)) continue;
      const zone = config.sla.agencies.find((a) => a.id === id)!.timezone;
      const month = monthOf(now, zone);
      const contract = contractForMonth(config.sla, id, month);
      if (contract === undefined) continue;
      try {
        const report = computeAgencyReport({ contract, month, selection: readAgencySelection(this.opts.db, config.sla, id, month)!, calendar: this.calendar, now });
        const budgets = this.gauges.update(contract, report, this.calendar);
        this.liveFigures.set(id, {
          agency: id, name: contract.name, month,
          services: report.services.map((r) => ({
            id: r.id, ...(r.name ? { name: r.name } : {}), target_percent: r.target_percent,
            availability_percent: r.availability_percent, budget_seconds_left: budgets.get(r.id) ?? 0,
          })),
        });
      } catch (err) {
        if (!(err instanceof MissingCalendarYear)) throw err;
        this.opts.logger.error({ agency: id }, err.message);
      }
    }
  }

  /** Month-to-date availability and budget per agency, as of the last refresh (never recomputed per call). */
  live(): SlaLiveAgency[] {
    const ids = new Set(agencyIds(this.opts.config().sla));
    return [...this.liveFigures.values()].filter((a) => ids.has(a.agency));
  }

  /**
   * Starts a summarising pass over the local days that closed more than 10 minutes ago, unless one
   * is running: one service's bounded slice per turn of the event loop. Resolves when the pass ends.
   */
  summariseDays(): Promise<void> {
    this.summarising ??= summariseStatusDaysSliced(this.opts.db, Math.floor(this.opts.now() / 1000) - 600, serviceZones(this.opts.config().sla), () => this.stopped)
      .then(() => undefined, (err: unknown) => { this.opts.logger.error({ err }, 'summarising SLA status days failed'); })
      .finally(() => { this.summarising = undefined; });
    return this.summarising;
  }

  /** Starts the gauge timer (which also starts a summarising pass of closed days per tick, when none is running). */
  start(): void {
    void this.summariseDays();
    this.refreshGauges();
    this.timer = setInterval(() => {
      void this.summariseDays();
      this.refreshGauges();
    }, this.opts.refreshMs ?? 60_000);
    this.timer.unref();
  }

  /** A clean stop: every service turns unknown now. */
  stop(at: number): void {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.pending);
    for (const s of this.evaluator.states()) this.ledger.recordStatus(s.agency, s.service, 'unknown', UNKNOWN_REASON.stopped, at);
  }

  private contractsInForce(config: Config): AgencyContract[] {
    const now = this.opts.now();
    return agencyIds(config.sla).flatMap((id) => {
      const zone = config.sla.agencies.find((a) => a.id === id)!.timezone;
      const c = contractOnDay(config.sla, id, DateTime.fromMillis(now, { zone }).toFormat('yyyy-MM-dd'));
      return c ? [c] : [];
    });
  }

  private agencyOf(service: string): string | undefined {
    return this.opts.config().sla.agencies.find((a) => a.services.some((s) => s.id === service))?.id;
  }

  /** After a run that did not stop cleanly, services still recorded up or down turn unknown when it was last alive. */
  private closeCrashedRun(): void {
    const last = this.opts.db.prepare("SELECT stopped_at FROM daemon_runs WHERE id < ? AND stop_kind = 'crash' AND id = (SELECT MAX(id) FROM daemon_runs WHERE id < ?)").pluck()
      .get(this.opts.statusLedger.runId, this.opts.statusLedger.runId) as number | undefined;
    if (last === undefined) return;
    for (const a of this.opts.config().sla.agencies) {
      for (const s of a.services) {
        const status = this.ledger.lastStatus(s.id);
        if (status && status.state !== 'unknown') this.ledger.recordStatus(a.id, s.id, 'unknown', UNKNOWN_REASON.crashed, Math.max(last, status.at));
      }
    }
  }

  /** Coalesces service changes: the agencies that changed are recomputed at most once a second. */
  private scheduleRefresh(agency: string): void {
    this.dirty.add(agency);
    if (this.timer === undefined || this.pending !== undefined) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      const agencies = new Set(this.dirty);
      this.dirty.clear();
      this.refreshGauges(agencies);
    }, 1000);
    this.pending.unref();
  }
}
