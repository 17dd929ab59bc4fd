import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import { alertingMetrics } from './alerting/metrics.ts';
import { Alerting } from './alerting/service.ts';
import { collectorKinds } from '../collectors/index.ts';
import { Scheduler, type SchedulerOptions } from './collector/scheduler.ts';
import { fanOut, type OutcomeSink } from './collector/sinks.ts';
import type { Collector, CollectorKind, Target } from './collector/types.ts';
import type { Config } from './config/schema.ts';
import { formatProblem, ConfigError } from './errors.ts';
import { defaultBufferPath } from './exporters/influx/config.ts';
import { createInfluxWriter, type InfluxWriter } from './exporters/influx/writer.ts';
import { createPrometheusExporter, type PrometheusExporter } from './exporters/prometheus.ts';
import { registerNotifyRoutes } from './http/notify-routes.ts';
import { registerAlertingRoutes } from './http/alerting-routes.ts';
import { alertsPageExtra } from './http/page-alerts.ts';
import { registerRoutes } from './http/routes.ts';
import { createHttpServer } from './http/server.ts';
import { rollupSink } from './reports/rollup-sink.ts';
import { RollupStore } from './reports/rollup-store.ts';
import { registerReportRoutes } from './reports/routes.ts';
import type { FleetRow } from './http/fleet-view.ts';
import { keyValuesOf, type TargetView } from './http/status-view.ts';
import { applyTargetsGradually } from './startup/apply-targets.ts';
import { FleetIndex } from './startup/fleet-index.ts';
import { silentLogger, type Logger } from './log.ts';
import { wireAlertmanager } from './notify/alertmanager-wiring.ts';
import { createNotify, type Notify } from './notify/wire.ts';
import type { NotificationOutbox } from './notify/outbox.ts';
import type { Outbox } from './notify/types.ts';
import type { AlertSource } from './rules/types.ts';
import { registerSlaRoutes } from './sla/routes.ts';
import { SlaRuntime } from './sla/runtime.ts';
import { renderCsv } from './reports/csv.ts';
import { monthlyReportRun } from './reports/daemon.ts';
import { applyShard, shardLabel } from './shard/shard.ts';
import { RulesEngine } from './rules/engine.ts';
import { registerRuleMetrics } from './rules/metrics.ts';
import { SqliteAlertStore } from './rules/persist.ts';
import { seriesSink, targetSeries } from './state/series-sink.ts';
import { SeriesStore } from './state/series-store.ts';
import { openDb, type Db } from './store/db.ts';
import { EventLog } from './store/event-log.ts';
import { ledgerSink } from './store/ledger-sink.ts';
import { StatusLedger, UNKNOWN_REASON } from './store/status-ledger.ts';
import { registerEventLogMetrics, registerStoreMetrics, storeDegraded } from './store/store-health.ts';
import { redactAddress, registerSecrets, secretsIn } from './redact.ts';
import { createTrapService, type TrapService } from './traps/service.ts';
import { VERSION } from './version.ts';

export interface AppOptions {
  logger?: Logger;
  /**
   * Loads the config again for SIGHUP and POST /api/reload; throws (or rejects with) ConfigError when it is bad.
   * `running` gives the polled target of a name, for a loader that keeps unchanged targets as the same objects.
   */
  loadConfig?: (running: (name: string) => Target | undefined) => Config | Promise<Config>;
  /** The clock the ledger writes with (scheduler timing follows the global timers). */
  now?: () => number;
  /** Alerts to act on (the rules engine); until it is wired, none. */
  alertSource?: AlertSource;
  /** Where notifications go (the notify outbox); until it is wired, they are logged and dropped. */
  outbox?: Outbox;
  /** Alerting's clock and timers (tests pass a fake one). */
  alertingClock?: Clock;
  /** The rules engine's clock and timer (tests drive it); by default `now` and Node's timers. */
  ruleTimers?: Clock;
  /** The monthly report run's clock and timer (tests drive it); by default the system clock. */
  reportsClock?: Clock;
}

/** The wired daemon. Building it opens the store; nothing listens or polls until `start()`. */
export interface App {
  readonly server: FastifyInstance;
  readonly store: SeriesStore;
  readonly ledger: StatusLedger;
  readonly scheduler: Scheduler;
  readonly exporter: PrometheusExporter;
  readonly events: EventLog;
  /** The durable notification queue (alerting and reports enqueue here). */
  readonly outbox: NotificationOutbox;
  /** Outbox lifecycle and the Alertmanager forwarder. */
  readonly notify: Notify;
  /** Monthly CPU, memory and storage of agency servers (the reports' utilisation section). */
  readonly rollups: RollupStore;
  /** Incidents, escalation, maintenance windows and notification routing; also the SLA engine's `AlertingRecords`. */
  readonly alerting: Alerting;
  /** SLA ledger and live figures; `rule`, `incident`, `maintenance` are its entry points for rules and alerting. */
  readonly sla: SlaRuntime;
  /** The InfluxDB writer, when `influxdb:` is configured. */
  readonly influx: InfluxWriter | undefined;
  /** Alerts from the rule packs (pending, firing, changes). */
  readonly rules: AlertSource;
  config(): Config;
  /** Starts polling (and the trap receiver, when configured). */
  start(): Promise<void>;
  /**
   * Applies a new config at once, except the targets, which are handed on a slice per turn of the
   * event loop (settles when all are scheduled); server and storage settings need a restart and are kept.
   */
  applyConfig(config: Config): Promise<void>;
  /**
   * Starts the targets still being read (`run` listens first): until they arrive /readyz says
   * starting and the status page says they are loading; rejects, changing nothing, when they cannot be read.
   */
  loadTargets(pending: Promise<Config['targets']>): Promise<void>;
  /** Re-reads the config through `loadConfig`; on failure keeps the running one. */
  reload(): Promise<{ ok: boolean; problems: string[] }>;
  stop(): Promise<void>;
}

/** The host of `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
const hostOf = (address: string): string =>
  address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.split(':').length === 2 ? address.slice(0, address.indexOf(':')) : address;

/** The sinks every app has, in order: series store, then status ledger. Shared by the app and the benchmarks. */
export function pollSinks(store: SeriesStore, ledger: StatusLedger): Pick<SchedulerOptions, 'onOutcome' | 'onSkip'> {
  return fanOut([seriesSink(store), ledgerSink(ledger)]);
}

/** Builds everything from a config, with no listening, timers or signal handlers. */
export function buildApp(initial: Config, opts: AppOptions = {}): App {
  const logger = opts.logger ?? silentLogger();
  const now = opts.now ?? Date.now;
  let config = applyShard(initial);
  let started = false;

  const kinds = new Map<string, CollectorKind>(collectorKinds.map((k) => [k.kind, k]));
  const collectors = new Map<string, Collector>();
  const collectorFor = (kind: string): Collector => {
    let c = collectors.get(kind);
    if (c === undefined) {
      c = kinds.get(kind)!.create({ logger: logger.child({ collector: kind }) });
      collectors.set(kind, c);
    }
    return c;
  };

  registerSecrets(secretsIn(initial));
  const store = new SeriesStore();
  const exporter = createPrometheusExporter(store, { version: VERSION, logger });
  if (config.shard) exporter.registry.setDefaultLabels({ shard: shardLabel(config.shard) });
  const db: Db = openDb(config.storage.path);
  const ledger = new StatusLedger(db, {
    now: now(), version: VERSION,
    onWriteState: (failing, waiting) => failing === undefined
      ? logger.warn({ written: waiting }, 'the ledger accepts writes again; every waiting status transition is written')
      : logger.error({ err: failing, waiting }, 'the ledger cannot be written: status transitions wait in memory and are written when it can'),
  });
  const events = new EventLog(db, {
    onWriteState: (failing, waiting) => failing === undefined
      ? logger.warn({ written: waiting }, 'the event log accepts writes again; every waiting event is written')
      : logger.error({ err: failing, waiting }, 'the event log cannot be written: events (SNMP traps) wait in memory and are written when it can'),
  });
  registerStoreMetrics(exporter.registry, ledger);
  registerEventLogMetrics(exporter.registry, events);
  const sla = new SlaRuntime({
    db, statusLedger: ledger, config: () => config, now, logger: logger.child({ part: 'sla' }), registry: exporter.registry,
    maintenanceAt: (ms) => alerting.maintenanceBetween(ms, ms + 1),
  });
  const notify = createNotify({ db, config, registry: exporter.registry, logger, now });

  const ruleTimers: Clock = opts.ruleTimers ?? { ...systemClock, now };
  const rules = new RulesEngine({ rules: config.rules.loaded, settings: config.rules.settings, store, ledger, timers: ruleTimers, alertStore: new SqliteAlertStore(db, { logger }),
    // a mass outage ends thousands of polls at once: their alert changes share one commit per event-loop turn
    ...(opts.ruleTimers ? {} : { coalesce: (fn: () => void) => setImmediate(() => {
      try {
        fn();
      } catch (err) {
        logger.error({ err }, 'a consumer of alert changes failed');
      }
    }) }) });
  registerRuleMetrics(exporter.registry, rules);
  events.onEvent((e) => rules.onEvent(e));

  const alertSource = opts.alertSource ?? rules;
  const alertingGauges = alertingMetrics(exporter.registry);
  const alerting = new Alerting({
    db,
    config: () => ({ alerting: config.alerting, maintenance: config.maintenance }),
    source: alertSource,
    outbox: alertingGauges.counting(opts.outbox ?? notify.outbox),
    ...(opts.alertingClock ? { clock: opts.alertingClock } : {}),
    logger: logger.child({ part: 'alerting' }),
  });
  alertingGauges.observe(alerting);
  alerting.onIncidentChange((i) => sla.incident(i));
  alerting.onMaintenanceChange((o) => sla.maintenance(o));
  wireAlertmanager(notify, alertSource, alerting, () => config);
  // Only a change into or out of "firing" can change an SLA `{ rule: ID }` check: pending alerts are skipped,
  // and the rule's other alerts are looked at only when one stops firing (a mass outage makes thousands of changes).
  alertSource.onChange((a, previous) => {
    if (a.state === 'firing') sla.rule(a.rule, true, a.firedAt ?? a.activeAt);
    else if (previous === 'firing') sla.rule(a.rule, (alertSource.firingCount?.(a.rule) ?? alertSource.firing(a.rule).length) > 0, a.resolvedAt ?? a.activeAt);
  });

  let trapService: TrapService | undefined;
  const influx = config.influxdb
    ? createInfluxWriter(config.influxdb, { bufferPath: config.influxdb.bufferPath ?? defaultBufferPath(config.storage.path), registry: exporter.registry, logger: logger.child({ part: 'influx' }) })
    : undefined;


  /** Where poll outcomes go; a new consumer adds itself here. */
  const rollups = new RollupStore(db);
  const rollup = rollupSink(rollups, { flushMs: config.reports.rollupFlushMs });
  const sinks: OutcomeSink[] = [seriesSink(store), ledgerSink(ledger), rules, sla.sink, rollup, ...(influx ? [influx] : [])];
  const monthlyReports = monthlyReportRun(config.reports, {
    agencies: () => sla.live().map((a) => ({ id: a.agency, name: a.name, timezone: agencyZone(a.agency), contacts: agencyContacts(a.agency) })),
    report: (agency, month) => sla.reports(month).find((r) => r.agency === agency.id)!,
    csv: (r) => renderCsv(r, config.reports.schedule.lang), rollups, outbox: notify.outbox, logger: logger.child({ part: 'reports' }),
    ...(opts.reportsClock ? { clock: opts.reportsClock } : {}),
  });
  const latestAgency = (id: string) => config.sla.agencies.filter((a) => a.id === id).at(-1);
  const agencyZone = (id: string) => latestAgency(id)?.timezone ?? 'Asia/Shanghai';
  const agencyContacts = (id: string) => latestAgency(id)?.contacts ?? [];
  const { onOutcome, onSkip } = fanOut(sinks, (err, i) => logger.error({ err, sink: i }, 'a poll-outcome sink failed'));
  const scheduler = new Scheduler({
    maxConcurrency: config.scheduler.maxConcurrency,
    jitter: config.scheduler.jitter,
    logger: logger.child({ part: 'scheduler' }),
    collectorFor,
    onOutcome,
    onSkip,
  });

  const tls = config.server.tls;
  const server = createHttpServer(logger.child({ part: 'http' }), tls ? { certFile: tls.cert_file, keyFile: tls.key_file } : undefined);

  let stopping = false;
  let loading = false;
  let targetsApplied: Promise<void> = Promise.resolve();
  let applies = 0;
  /** Applies the current config's targets once any application under way is done (the latest config wins); a small fleet at once. */
  const applyTargets = (): Promise<void> => {
    const apply = async () => {
      const targets = config.targets;
      await applyTargetsGradually(targets, { scheduler, sinks, now, isStopping: () => stopping });
      if (stopping) return;
      const byKind = new Map<string, number>();
      for (const t of targets) byKind.set(t.kind, (byKind.get(t.kind) ?? 0) + 1);
      exporter.targetsByKind.reset();
      for (const [kind, n] of byKind) exporter.targetsByKind.set({ kind }, n);
    };
    const next = applies === 0 ? apply() : targetsApplied.then(apply);
    applies++;
    targetsApplied = next.catch((err: unknown) => logger.error({ err }, 'the targets could not all be started')).finally(() => applies--);
    return targetsApplied;
  };

  const fleetIndex = new FleetIndex(ledger, () => config.targets);
  const fleet = (): readonly FleetRow[] => fleetIndex.rows();
  const targetViews = (names?: readonly string[]): TargetView[] => {
    const list = names === undefined ? config.targets : names.flatMap((n) => fleetIndex.target(n) ?? []);
    return list.map((t) => {
      const status = ledger.statusOf(t.name);
      const health = scheduler.healthOf(t.name);
      return {
        name: t.name, kind: t.kind, address: redactAddress(t.address), labels: t.labels,
        status: status?.status ?? 'unknown', since: status?.at, reason: status?.reason ?? UNKNOWN_REASON.firstPoll,
        lastPollAt: health?.lastPollAt || undefined,
        values: keyValuesOf(kinds.get(t.kind)?.keyValues ?? [], targetSeries(store, t.name)),
      };
    });
  };

  /** The SNMP target at a sender's address (first in config order), from a map rebuilt after each config change. */
  let snmpTargetsByHost: { of: Config; map: Map<string, string> } | undefined;
  const targetAt = (address: string): string | null => {
    if (snmpTargetsByHost?.of !== config) {
      const map = new Map<string, string>();
      for (const t of config.targets) if (t.kind === 'snmp' && !map.has(hostOf(t.address))) map.set(hostOf(t.address), t.name);
      snmpTargetsByHost = { of: config, map };
    }
    return snmpTargetsByHost.map.get(address) ?? null;
  };
  let heartbeat: NodeJS.Timeout | undefined;
  const app: App = {
    server, store, ledger, scheduler, exporter, events, outbox: notify.outbox, notify, rollups, alerting, sla, influx, rules,
    config: () => config,
    async start() {
      if (config.traps) {
        trapService = createTrapService(config.traps, { events, exporter, targetAt, logger: logger.child({ part: 'traps' }) });
        await trapService.start();
      }
      influx?.start();
      started = true;
      notify.start();
      alerting.start();
      const scheduled = applyTargets();
      rules.start();
      // alerts resumed firing from before a restart emit no change: tell the SLA engine once
      for (const id of new Set(alertSource.active().filter((a) => a.state === 'firing').map((a) => a.rule))) sla.rule(id, true, now());
      exporter.reloadSuccessful.set(1);
      exporter.reloadTimestamp.set(now() / 1000);
      heartbeat = setInterval(() => ledger.heartbeat(now()), config.storage.heartbeatMs);
      heartbeat.unref();
      sla.start();
      monthlyReports?.start();
      await scheduled;
    },
    applyConfig(next) {
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      if (!same(next.server.listen, config.server.listen) || !same(next.server.tls, config.server.tls) || !same(next.storage, config.storage) || !same(next.traps, config.traps)
        || !same(next.influxdb, config.influxdb) || !same(next.shard, config.shard)) {
        logger.warn('server.listen, server.tls, storage, traps, influxdb or shard changed: restart slaguard to apply them; the running ones are kept');
      }
      registerSecrets(secretsIn({ ...next, targets: [] }));
      config = applyShard({ ...next, server: { ...next.server, listen: config.server.listen, tls: config.server.tls }, storage: config.storage, traps: config.traps, influxdb: config.influxdb, shard: config.shard });
      notify.applyConfig(config);
      const scheduled = started ? applyTargets() : Promise.resolve();
      if (started) alerting.applyConfig();
      sla.applyConfig(config);
      rules.setRules(config.rules.loaded, config.rules.settings);
      exporter.reloadSuccessful.set(1);
      exporter.reloadTimestamp.set(now() / 1000);
      return scheduled;
    },
    async loadTargets(pending) {
      loading = true;
      try {
        const targets = await pending;
        await app.applyConfig({ ...config, targets });
      } finally {
        loading = false;
      }
    },
    async reload() {
      if (opts.loadConfig === undefined) return { ok: false, problems: ['slaguard runs on its embedded defaults; there is no config file to reload'] };
      try {
        await app.applyConfig(await opts.loadConfig((name) => scheduler.target(name)));
        logger.info({ targets: config.targets.length }, 'configuration reloaded');
        return { ok: true, problems: [] };
      } catch (err) {
        exporter.reloadSuccessful.set(0);
        const problems = err instanceof ConfigError ? err.problems.map(formatProblem) : [String((err as Error).message)];
        logger.error({ problems }, 'configuration rejected; the running one is kept');
        return { ok: false, problems };
      }
    },
    async stop() {
      stopping = true;
      clearInterval(heartbeat);
      rules.stop();
      await trapService?.stop();
      await Promise.all([scheduler.stop(config.scheduler.shutdownGraceMs), notify.stop(config.scheduler.shutdownGraceMs)]);
      await influx?.stop();
      await server.close();
      alerting.stop();
      monthlyReports?.stop();
      await monthlyReports?.whenIdle();
      sla.stop(now());
      rollup.flush();
      if (!events.flush()) logger.error({ err: events.writeHealth().failing, lost: events.writeHealth().waiting }, 'events waiting for the event log could not be written before stopping');
      if (!ledger.close(now())) logger.error({ err: ledger.writeHealth().failing }, 'the clean stop could not be written to the ledger: the next start counts this run as stopped unexpectedly from its last heartbeat');
      db.close();
    },
  };

  registerRoutes(server, {
    config: () => config,
    ready: () => started && !loading,
    loading: () => loading,
    degraded: () => storeDegraded(ledger, events),
    metrics: async () => ({ contentType: exporter.contentType, body: Readable.from(exporter.chunks(), { objectMode: false }) }),
    targetViews,
    fleet,
    history: (name, from, to) => (ledger.statusOf(name) === undefined ? undefined : ledger.history(name, from, to)),
    pollNow: (name) => scheduler.pollNow(name),
    reload: () => app.reload(),
    events: (limit) => events.recent(limit),
    now,
    pageExtra: alertsPageExtra(alerting, events),
    slaLive: () => sla.live(),
  });
  registerNotifyRoutes(server, { config: () => config, outbox: notify.outbox });
  registerReportRoutes(server, { outDir: () => config.reports.outDir, tokens: () => config.server.auth.tokens });
  registerAlertingRoutes(server, { config: () => config, alerting: () => alerting });
  registerSlaRoutes(server, { config: () => config, reports: (month) => sla.reports(month), now });
  return app;
}
