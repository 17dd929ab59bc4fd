import { silentLogger, type Logger } from '../log.ts';
import type { Outbox } from '../notify/types.ts';
import type { Alert, AlertSource } from '../rules/types.ts';
import type { Db } from '../store/db.ts';
import { AckLinks, ackSecret } from './ack-link.ts';
import { AuditLog } from './audit.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { AlertingConfig } from './config.ts';
import { Dispatcher, type GroupAlert } from './dispatcher.ts';
import { Escalation } from './escalation.ts';
import { IncidentStore, type StoredIncident } from './incident-store.ts';
import { IncidentTracker } from './incidents.ts';
import { levelOf } from './levels.ts';
import { MaintenanceStore, type StoredWindow } from './maintenance.ts';
import type { MaintenanceSpec } from './maintenance-spec.ts';
import { buildRoutes, type Route } from './routing.ts';
import type { AlertingRecords, Incident, IncidentLevel, MaintenanceOccurrence } from './types.ts';

/** Who made a change, for the audit log. */
export interface Actor {
  name: string;
  tokenName: string | null;
  address: string | null;
}

export interface AlertingOptions {
  db: Db;
  /** The current `alerting:` and `maintenance:` config (a getter, so a reload takes effect). */
  config: () => { alerting: AlertingConfig; maintenance: readonly MaintenanceSpec[] };
  source: AlertSource;
  outbox: Outbox;
  clock?: Clock;
  logger?: Logger;
}

/** An active alert as the API and page show it. */
export interface AlertView extends Alert {
  level: IncidentLevel;
  inMaintenance: string | null;
  incident: string | null;
}

const DAY = 86_400_000;
/** Changes that come from the config file (maintenance windows it adds, changes or drops). */
const CONFIG_ACTOR: Actor = { name: 'config', tokenName: null, address: null };
/** How soon a failed wake-up is tried again. */
const RETRY_MS = 5000;

/**
 * Alerting: incidents from firing alerts, escalation, maintenance muting and notification
 * routing, all kept in SQLite. One timer (from the injected clock) wakes it when something is due.
 */
export class Alerting implements AlertingRecords {
  readonly store: IncidentStore;
  readonly incidents: IncidentTracker;
  readonly maintenance: MaintenanceStore;
  readonly audit: AuditLog;
  readonly links: AckLinks;
  readonly dispatcher: Dispatcher;
  private readonly escalation: Escalation;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly known = new Map<string, Alert>();
  /** Alert changes whose incident the database refused (a full disk), in order per fingerprint with when each happened; retried until written. */
  private readonly unwritten = new Map<string, Array<{ alert: Alert; at: number }>>();
  private refusing = false;
  private readonly incidentListeners: Array<(i: Incident) => void> = [];
  private readonly maintenanceListeners: Array<(o: MaintenanceOccurrence) => void> = [];
  private routes: { from: unknown; tree: Route | undefined } = { from: undefined, tree: undefined };
  private timer: unknown;
  private timerAt = Infinity;
  private nextBoundary: number | undefined;
  private started = false;

  constructor(private readonly opts: AlertingOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.logger ?? silentLogger();
    const cfg = () => opts.config().alerting;
    this.store = new IncidentStore(opts.db);
    this.incidents = new IncidentTracker(this.store, cfg, (i) => {
      this.escalation.track(i);
      this.incidentListeners.forEach((l) => l(i));
    });
    this.maintenance = new MaintenanceStore(opts.db);
    this.audit = new AuditLog(opts.db);
    const secret = ackSecret(opts.db, cfg().ack_link.secret);
    this.links = new AckLinks(() => cfg().ack_link.secret ?? secret, () => cfg().ack_link.base_url, () => cfg().ack_link.valid_for);
    this.dispatcher = new Dispatcher(opts.db, {
      outbox: opts.outbox,
      routes: () => this.routeTree(),
      lang: () => cfg().lang,
      muted: (a, now) => a.flapping || a.suppressed || this.maintenance.covering(a.labels, now) !== undefined,
      incidentOf: (fp, now) => {
        const i = this.store.openOfAlert(fp);
        return i && { id: i.id, ackUrl: this.links.url(i.id, now) };
      },
    });
    this.escalation = new Escalation(this.store, {
      outbox: opts.outbox, cfg, ackUrl: (id, at) => this.links.url(id, at),
      snapshots: (i) => i.firing.map((fp) => this.known.get(fp)).filter((a): a is Alert => a !== undefined).map((a) => this.snapshot(a)),
      muted: (i, at) => {
        const alerts = i.firing.map((fp) => this.known.get(fp)).filter((a): a is Alert => a !== undefined);
        return alerts.length > 0 && alerts.every((a) => this.maintenance.covering(a.labels, at) !== undefined);
      },
    });
    this.syncWindows();
    opts.source.onChange((alert) => this.onAlert(alert));
  }

  /** Syncs config windows, takes in the alerts active now (nothing already notified is sent again) and starts the timer. */
  start(): void {
    this.started = true;
    this.applyConfig();
    for (const a of this.opts.source.active()) this.known.set(a.fingerprint, a);
    this.dispatcher.reconcile(new Set([...this.known.values()].filter((a) => a.state !== 'pending').map((a) => a.fingerprint)), this.clock.now());
    this.reevaluate();
  }

  stop(): void {
    this.started = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.dispatcher.saveDirty();
  }

  /** Applies the current config's maintenance windows. */
  applyConfig(): void {
    const changed = this.syncWindows();
    for (const w of changed) this.emitWindow(w);
    if (changed.length > 0) this.reevaluate();
  }

  private syncWindows(): StoredWindow[] {
    const now = this.clock.now();
    const changed = this.maintenance.syncConfig(this.opts.config().maintenance, now);
    for (const w of changed) this.record(CONFIG_ACTOR, w.endedBy === 'config' ? 'maintenance.end' : 'maintenance.config', w.id, { ticket: w.spec.ticket, approvedBy: w.spec.approvedBy }, now);
    return changed;
  }

  /** The injected clock's time. */
  now(): number {
    return this.clock.now();
  }

  /** Active alerts with their level, maintenance window and incident. */
  alertViews(): AlertView[] {
    const now = this.clock.now();
    const cfg = this.opts.config().alerting;
    return this.opts.source.active().map((a) => this.view(a, now, cfg));
  }

  /** One alert as `alertViews` shows it (a single incident lookup, for per-alert callers). */
  alertView(alert: Alert): AlertView {
    return this.view(alert, this.clock.now(), this.opts.config().alerting);
  }

  private view(a: Alert, now: number, cfg: AlertingConfig): AlertView {
    return {
      ...a,
      level: levelOf(a, cfg),
      inMaintenance: this.maintenance.covering(a.labels, now)?.windowId ?? null,
      incident: this.store.openOfAlert(a.fingerprint)?.id ?? null,
    };
  }

  acknowledge(id: string, actor: Actor, via: 'api' | 'link'): { incident: StoredIncident; already: boolean } | undefined {
    const now = this.clock.now();
    const result = this.incidents.acknowledge(id, actor.name, now);
    if (result && !result.already) this.record(actor, 'incident.acknowledge', id, { via }, now);
    return result;
  }

  addNote(id: string, text: string, actor: Actor): StoredIncident | undefined {
    const now = this.clock.now();
    const incident = this.store.get(id);
    if (incident === undefined) return undefined;
    this.store.addNote(incident.seq, { at: now, author: actor.name, text });
    this.record(actor, 'incident.note', id, { text }, now);
    return incident;
  }

  close(id: string, actor: Actor): StoredIncident | undefined {
    const now = this.clock.now();
    const incident = this.incidents.close(id, actor.name, now);
    if (incident) this.record(actor, 'incident.close', id, null, now);
    this.wake();
    return incident;
  }

  createWindow(spec: MaintenanceSpec, actor: Actor): StoredWindow {
    const now = this.clock.now();
    const w = this.maintenance.create(spec, actor.name, now);
    this.record(actor, 'maintenance.create', w.id, { ticket: spec.ticket, approvedBy: spec.approvedBy }, now);
    this.emitWindow(w);
    this.reevaluate();
    return w;
  }

  endWindow(id: string, actor: Actor): StoredWindow | undefined {
    const now = this.clock.now();
    const before = this.maintenance.get(id);
    const w = this.maintenance.end(id, actor.name, now);
    if (w === undefined) return undefined;
    if (before?.endedAt === null) {
      this.record(actor, 'maintenance.end', id, null, now);
      this.emitWindow(w);
      this.reevaluate();
    }
    return w;
  }

  onIncidentChange(listener: (incident: Incident) => void): void {
    this.incidentListeners.push(listener);
  }

  onMaintenanceChange(listener: (occurrence: MaintenanceOccurrence) => void): void {
    this.maintenanceListeners.push(listener);
  }

  incidentsOpenedBetween(from: number, to: number): Incident[] {
    return this.store.list(from, to, 1_000_000).reverse();
  }

  maintenanceBetween(from: number, to: number): MaintenanceOccurrence[] {
    return this.maintenance.between(from, to);
  }

  /** Does everything due now and sets the timer for the next thing due; a failure is logged and retried shortly. */
  wake(): void {
    if (!this.started) return;
    const now = this.clock.now();
    let next: number;
    try {
      // what falls due together (thousands of escalations or closings after a mass outage) is one commit
      next = this.opts.db.transaction(() => this.due(now))();
    } catch (err) {
      this.log.error({ err }, 'alerting failed to flush, escalate or close; retrying shortly');
      next = now + RETRY_MS;
    }
    // a burst of changes mostly leaves the next due time where it was: the timer stays
    if (next === this.timerAt && this.timer !== undefined) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerAt = next;
    this.timer = Number.isFinite(next) ? this.clock.setTimeout(() => {
      this.timer = undefined;
      this.wake();
    }, Math.max(1, next - now)) : undefined;
  }

  private due(now: number): number {
    if (this.nextBoundary !== undefined && now >= this.nextBoundary) {
      this.escalation.reset();
      this.evaluateAll(now);
    }
    this.nextBoundary = this.maintenance.nextBoundary(now);
    this.retryUnwritten();
    const dues = [
      this.unwritten.size > 0 ? now + RETRY_MS : undefined,
      this.dispatcher.flushDue(now),
      this.escalation.run(now),
      this.incidents.closeRestored(now),
      this.nextBoundary,
    ].filter((t): t is number => t !== undefined);
    return Math.min(Infinity, ...dues);
  }

  private record(actor: Actor, action: string, subject: string, details: unknown, at: number): void {
    this.audit.record({ at, actor: actor.name, tokenName: actor.tokenName, action, subject, details, address: actor.address });
  }

  private onAlert(alert: Alert): void {
    try {
      if (alert.state === 'resolved') this.known.delete(alert.fingerprint);
      else this.known.set(alert.fingerprint, alert);
      this.evaluate(alert, this.clock.now());
      this.wake();
    } catch (err) {
      this.log.error({ err, alert: alert.fingerprint }, 'alerting failed to take an alert change');
    }
  }

  private reevaluate(): void {
    this.escalation.reset();
    this.evaluateAll(this.clock.now());
    this.wake();
  }

  private evaluateAll(now: number): void {
    for (const a of this.known.values()) this.evaluate(a, now);
  }

  private evaluate(alert: Alert, now: number): void {
    const waiting = this.unwritten.get(alert.fingerprint);
    if (waiting !== undefined) waiting.push({ alert, at: now });
    else if (!this.track(alert, now)) this.unwritten.set(alert.fingerprint, [{ alert, at: now }]);
    if (alert.state !== 'pending') this.dispatcher.update(this.snapshot(alert), now);
  }

  /** Writes the alert changes the database refused, each alert's in order, at the times they happened. */
  private retryUnwritten(): void {
    for (const [fp, changes] of this.unwritten) {
      while (changes.length > 0 && this.track(changes[0]!.alert, changes[0]!.at)) changes.shift();
      if (changes.length > 0) return;
      this.unwritten.delete(fp);
    }
    if (this.refusing) this.log.warn('incidents can be written again; every alert change that waited is written');
    this.refusing = false;
  }

  /** Opens, joins or restores the alert's incident; false when SQLite refuses the write (e.g. a full disk; logged once until it accepts again). */
  private track(alert: Alert, at: number): boolean {
    try {
      if (alert.state !== 'firing' || alert.suppressedBy !== undefined) this.incidents.relieved(alert.fingerprint, at);
      else if (this.maintenance.covering(alert.labels, at) === undefined) this.incidents.attention(alert, at);
      return true;
    } catch (err) {
      if (!String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_')) throw err;
      if (!this.refusing) this.log.error({ err, alert: alert.fingerprint }, 'incidents cannot be written; alert changes wait in memory and are retried every few seconds');
      this.refusing = true;
      return false;
    }
  }

  private snapshot(a: Alert): GroupAlert {
    return {
      fingerprint: a.fingerprint, status: a.state === 'resolved' ? 'resolved' : 'firing', labels: a.labels, summary: a.summary,
      description: a.description, value: a.value, level: levelOf(a, this.opts.config().alerting), severity: a.severity,
      startsAt: a.firedAt ?? a.activeAt, endsAt: a.resolvedAt, flapping: a.flapping, suppressed: a.suppressedBy !== undefined,
    };
  }

  private routeTree(): Route | undefined {
    const input = this.opts.config().alerting.route;
    if (this.routes.from !== input) this.routes = { from: input, tree: buildRoutes(input) };
    return this.routes.tree;
  }

  private emitWindow(w: StoredWindow): void {
    const now = this.clock.now();
    for (const o of this.maintenance.between(now - 31 * DAY, now + 31 * DAY)) {
      if (o.windowId === w.id) this.maintenanceListeners.forEach((l) => l(o));
    }
  }
}
