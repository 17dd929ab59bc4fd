import type { FastifyInstance } from 'fastify';
import { collectorKinds, startTrapReceiver, type TrapEvent } from '../collectors/index.ts';
import { Scheduler, type SchedulerOptions } from './collector/scheduler.ts';
import { fanOut, type OutcomeSink } from './collector/sinks.ts';
import type { Collector, CollectorKind, Target } from './collector/types.ts';
import type { Config } from './config/schema.ts';
import { formatProblem, ConfigError } from './errors.ts';
import { createPrometheusExporter, type PrometheusExporter } from './exporters/prometheus.ts';
import { registerRoutes } from './http/routes.ts';
import { createHttpServer } from './http/server.ts';
import { keyValuesOf, type TargetView } from './http/status-view.ts';
import { silentLogger, type Logger } from './log.ts';
import { RulesEngine } from './rules/engine.ts';
import { registerRuleMetrics } from './rules/metrics.ts';
import { SqliteAlertStore } from './rules/persist.ts';
import { registerAlertRoutes } from './rules/routes.ts';
import type { Timers } from './rules/timers.ts';
import type { AlertSource } from './rules/types.ts';
import { seriesSink, targetSeries } from './state/series-sink.ts';
import { SeriesStore } from './state/series-store.ts';
import { openDb, type Db } from './store/db.ts';
import { EventLog } from './store/event-log.ts';
import { ledgerSink } from './store/ledger-sink.ts';
import { StatusLedger, UNKNOWN_REASON } from './store/status-ledger.ts';
import { VERSION } from './version.ts';

export interface AppOptions {
  logger?: Logger;
  /** Loads the config again for SIGHUP and POST /api/reload; throws ConfigError when it is bad. */
  loadConfig?: () => Config;
  /** The clock the ledger writes with (scheduler timing follows the global timers). */
  now?: () => number;
  /** The rules engine's clock and timer (tests drive it); by default `now` and Node's timers. */
  ruleTimers?: Timers;
}

/** The wired daemon. Building it opens the store; nothing listens or polls until `start()`. */
export interface App {
  readonly server: FastifyInstance;
  readonly store: SeriesStore;
  readonly ledger: StatusLedger;
  readonly scheduler: Scheduler;
  readonly exporter: PrometheusExporter;
  readonly events: EventLog;
  /** Alerts from the rule packs (pending, firing, changes). */
  readonly rules: AlertSource;
  config(): Config;
  /** Starts polling (and the trap receiver, when configured). */
  start(): Promise<void>;
  /** Applies a new config; server and storage settings need a restart and are kept. */
  applyConfig(config: Config): void;
  /** Re-reads the config through `loadConfig`; on failure keeps the running one. */
  reload(): Promise<{ ok: boolean; problems: string[] }>;
  stop(): Promise<void>;
}

/** The sinks every app has, in order: series store, then status ledger. Shared by the app and the benchmarks. */
export function pollSinks(store: SeriesStore, ledger: StatusLedger): Pick<SchedulerOptions, 'onOutcome' | 'onSkip'> {
  return fanOut([seriesSink(store), ledgerSink(ledger)]);
}

/** Builds everything from a config, with no listening, timers or signal handlers. */
export function buildApp(initial: Config, opts: AppOptions = {}): App {
  const logger = opts.logger ?? silentLogger();
  const now = opts.now ?? Date.now;
  let config = initial;
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

  const store = new SeriesStore();
  const exporter = createPrometheusExporter(store, { version: VERSION, logger });
  const db: Db = openDb(config.storage.path);
  const ledger = new StatusLedger(db, { now: now(), version: VERSION });
  const events = new EventLog(db);
  let trapReceiver: { close(): Promise<void> } | undefined;

  const ruleTimers: Timers = opts.ruleTimers ?? { now, setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  const rules = new RulesEngine({ rules: config.rules.loaded, settings: config.rules.settings, store, ledger, timers: ruleTimers, alertStore: new SqliteAlertStore(db) });
  registerRuleMetrics(exporter.registry, rules);
  events.onEvent((e) => rules.onEvent(e));

  /** Where poll outcomes go; a new consumer adds itself here. */
  const sinks: OutcomeSink[] = [seriesSink(store), ledgerSink(ledger), rules];
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

  const applyTargets = (targets: readonly Target[]) => {
    const keep = new Set(targets.map((t) => t.name));
    const running = new Set(scheduler.targets().map((t) => t.name));
    for (const name of running) if (!keep.has(name)) for (const sink of sinks) sink.onRemove?.(name, now());
    for (const t of targets) if (!running.has(t.name)) for (const sink of sinks) sink.onAdd?.(t, now());
    scheduler.setTargets(targets);
    exporter.targetsByKind.reset();
    for (const t of targets) exporter.targetsByKind.inc({ kind: t.kind });
  };

  const targetViews = (): TargetView[] =>
    (started ? scheduler.targets() : config.targets).map((t) => {
      const status = ledger.statusOf(t.name);
      const health = scheduler.healthOf(t.name);
      return {
        name: t.name, kind: t.kind, address: t.address, labels: t.labels,
        status: status?.status ?? 'unknown', since: status?.at, reason: status?.reason ?? UNKNOWN_REASON.firstPoll,
        lastPollAt: health?.lastPollAt || undefined,
        values: keyValuesOf(kinds.get(t.kind)?.keyValues ?? [], targetSeries(store, t.name)),
      };
    });

  const targetAt = (address: string): string | null =>
    config.targets.find((t) => t.kind === 'snmp' && (t.address === address || t.address.startsWith(`${address}:`) || t.address.startsWith(`[${address}]`)))?.name ?? null;
  const startTraps = (traps: NonNullable<Config['traps']>) =>
    startTrapReceiver({
      host: traps.listen.host, port: traps.listen.port, communities: traps.communities, users: traps.users,
      onEvent: (e: TrapEvent) => {
        exporter.trapsReceived.inc({ event: e.kind });
        const { at, kind, severity, summary, ...details } = e;
        events.append({ at, source: 'snmp-trap', kind, severity, target: targetAt(e.address), summary, details });
      },
      onDropped: (reason, from) => {
        exporter.trapsDropped.inc({ reason });
        logger.debug({ reason, from }, 'SNMP trap packet dropped');
      },
    });

  let heartbeat: NodeJS.Timeout | undefined;
  const app: App = {
    server, store, ledger, scheduler, exporter, events, rules,
    config: () => config,
    async start() {
      if (config.traps) trapReceiver = await startTraps(config.traps);
      started = true;
      applyTargets(config.targets);
      rules.start();
      exporter.reloadSuccessful.set(1);
      exporter.reloadTimestamp.set(now() / 1000);
      heartbeat = setInterval(() => ledger.heartbeat(now()), config.storage.heartbeatMs);
      heartbeat.unref();
    },
    applyConfig(next) {
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      if (!same(next.server.listen, config.server.listen) || !same(next.server.tls, config.server.tls) || !same(next.storage, config.storage) || !same(next.traps, config.traps)) {
        logger.warn('server.listen, server.tls, storage or traps changed: restart slaguard to apply them; the running ones are kept');
      }
      config = { ...next, server: { ...next.server, listen: config.server.listen, tls: config.server.tls }, storage: config.storage, traps: config.traps };
      if (started) applyTargets(config.targets);
      rules.setRules(config.rules.loaded, config.rules.settings);
      exporter.reloadSuccessful.set(1);
      exporter.reloadTimestamp.set(now() / 1000);
    },
    async reload() {
      if (opts.loadConfig === undefined) return { ok: false, problems: ['slaguard runs on its embedded defaults; there is no config file to reload'] };
      try {
        app.applyConfig(opts.loadConfig());
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
      clearInterval(heartbeat);
      rules.stop();
      await trapReceiver?.close();
      await scheduler.stop(config.scheduler.shutdownGraceMs);
      await server.close();
      ledger.close(now());
      db.close();
    },
  };

  registerRoutes(server, {
    config: () => config,
    ready: () => started,
    metrics: async () => ({ contentType: exporter.contentType, body: await exporter.render() }),
    targetViews,
    history: (name, from, to) => (ledger.statusOf(name) === undefined ? undefined : ledger.history(name, from, to)),
    pollNow: (name) => scheduler.pollNow(name),
    reload: () => app.reload(),
    events: (limit) => events.recent(limit),
    now,
  });
  registerAlertRoutes(server, { alerts: () => rules.active(), tokens: () => config.server.auth.tokens });
  return app;
}
