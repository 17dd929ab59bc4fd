import client from 'prom-client';
import type { Logger } from '../log.ts';
import { DAEMON, DEVICE } from '../metrics/names.ts';
import type { SeriesFamily, SeriesStore } from '../state/series-store.ts';

/** The registry behind /metrics: slaguard's own process metrics plus every family in the store. */
export interface PrometheusExporter {
  readonly registry: client.Registry;
  readonly contentType: string;
  reloadSuccessful: client.Gauge<string>;
  reloadTimestamp: client.Gauge<string>;
  targetsByKind: client.Gauge<'kind'>;
  trapsReceived: client.Counter<'event'>;
  trapsDropped: client.Counter<'reason'>;
  /** The exposition text, as served on /metrics. */
  render(): Promise<string>;
}

/** Wires `store` into a fresh prom-client registry; families appear as collectors create them. */
export function createPrometheusExporter(store: SeriesStore, opts: { version: string; logger: Logger }): PrometheusExporter {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'slaguard_' });
  // prom-client names three gauges *_total, which Prometheus' lint rejects: leave them out.
  for (const metric of registry.getMetricsAsArray()) {
    if (metric.name.endsWith('_total') && (metric as unknown as { type: string }).type === 'gauge') registry.removeSingleMetric(metric.name);
  }

  const reloadSuccessful = new client.Gauge({ name: DAEMON.reloadOk.name, help: DAEMON.reloadOk.help, registers: [registry] });
  const reloadTimestamp = new client.Gauge({ name: DAEMON.reloadTime.name, help: DAEMON.reloadTime.help, registers: [registry] });
  const targetsByKind = new client.Gauge({ name: DAEMON.targets.name, help: DAEMON.targets.help, labelNames: ['kind'], registers: [registry] });
  const trapsReceived = new client.Counter({ name: DEVICE.traps.name, help: DEVICE.traps.help, labelNames: ['event'], registers: [registry] });
  const trapsDropped = new client.Counter({ name: DEVICE.trapsDropped.name, help: DEVICE.trapsDropped.help, labelNames: ['reason'], registers: [registry] });
  new client.Gauge({ name: DAEMON.buildInfo.name, help: DAEMON.buildInfo.help, labelNames: ['version'], registers: [registry] })
    .set({ version: opts.version }, 1);

  const register = (family: SeriesFamily): void => {
    if (registry.getSingleMetric(family.name) !== undefined) {
      opts.logger.warn({ metric: family.name }, 'metric name clashes with one of slaguard\'s own; its series are not exported');
      return;
    }
    registry.registerMetric(familyAdapter(family));
  };
  for (const family of store.families.values()) register(family);
  store.onNewFamily(register);

  return {
    registry,
    contentType: registry.contentType,
    reloadSuccessful,
    reloadTimestamp,
    targetsByKind,
    trapsReceived,
    trapsDropped,
    render: () => registry.metrics(),
  };
}

/** Presents a store family to prom-client as a metric whose values are the live entries. */
function familyAdapter(family: SeriesFamily): client.Metric {
  const adapter = {
    name: family.name,
    help: family.help,
    type: family.type,
    aggregator: 'sum',
    get: () => ({
      name: family.name,
      help: family.help,
      type: family.type,
      aggregator: 'sum',
      values: [...family.entries],
    }),
    reset: () => undefined,
  };
  return adapter as unknown as client.Metric;
}
