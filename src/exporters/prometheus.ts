import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import client from 'prom-client';
import type { Logger } from '../log.ts';
import { DAEMON, DEVICE } from '../metrics/names.ts';
import type { SeriesEntry, SeriesFamily, SeriesStore } from '../state/series-store.ts';

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
  /** The same text in pieces, each made in its own turn of the event loop (at most `SERIES_PER_TURN` series): what /metrics streams. */
  chunks(): AsyncGenerator<string>;
}

/** Series of one family formatted per turn of the event loop when /metrics streams a scrape. */
export const SERIES_PER_TURN = 5_000;

/** Wires `store` into a fresh prom-client registry; families appear as collectors create them. */
export function createPrometheusExporter(store: SeriesStore, opts: { version: string; logger: Logger }): PrometheusExporter {
  const registry = new StoreRegistry();
  client.collectDefaultMetrics({ register: registry, prefix: 'slaguard_' });
  for (const metric of registry.getMetricsAsArray()) {
    const { name, type } = metric as unknown as { name: string; type: string };
    // prom-client names three gauges *_total, which Prometheus' lint rejects; and its event-loop lag
    // gauges read eight statistics of a histogram on every scrape: one below does the job for less.
    if ((name.endsWith('_total') && type === 'gauge') || name.startsWith('slaguard_nodejs_eventloop_lag_')) registry.removeSingleMetric(name);
  }
  fewerSystemCalls(registry);
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();
  new client.Gauge({
    name: DAEMON.eventLoopDelayMax.name, help: DAEMON.eventLoopDelayMax.help, registers: [registry],
    collect() {
      this.set(loopDelay.max / 1e9);
      loopDelay.reset();
    },
  });

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
    render: async () => {
      let text = '';
      for await (const piece of registry.chunks()) text += piece;
      return text;
    },
    chunks: () => registry.chunks(),
  };
}

/**
 * Two of prom-client's default collections made cheaper, names, help and values unchanged: the heap
 * gauges from `v8.getHeapStatistics()` (what `process.memoryUsage()` reads, without its /proc read for
 * the RSS), and the three /proc/self/status fields found directly instead of splitting every line.
 */
function fewerSystemCalls(registry: client.Registry): void {
  const gauge = (name: string) => registry.getSingleMetric(`slaguard_${name}`) as client.Gauge | undefined;
  const [heapTotal, heapUsed, external] = [gauge('nodejs_heap_size_total_bytes'), gauge('nodejs_heap_size_used_bytes'), gauge('nodejs_external_memory_bytes')];
  if (heapTotal && heapUsed && external) {
    (heapTotal as unknown as { collect(): void }).collect = () => {
      const heap = getHeapStatistics();
      heapTotal.set(heap.total_heap_size);
      heapUsed.set(heap.used_heap_size);
      external.set(heap.external_memory);
    };
  }
  const [rss, virtual, data] = [gauge('process_resident_memory_bytes'), gauge('process_virtual_memory_bytes'), gauge('process_heap_bytes')];
  if (process.platform === 'linux' && rss && virtual && data) {
    (rss as unknown as { collect(): void }).collect = () => {
      let status: string;
      try {
        status = readFileSync('/proc/self/status', 'latin1');
      } catch {
        return;
      }
      for (const [field, g] of [['VmRSS', rss], ['VmSize', virtual], ['VmData', data]] as const) {
        const kib = statusKib(status, field);
        if (kib !== undefined) g.set(kib * 1024);
      }
    };
  }
}

/** A `NAME:   1234 kB` line's number from /proc/self/status. */
function statusKib(status: string, field: string): number | undefined {
  const at = status.indexOf(`\n${field}:`);
  if (at < 0) return undefined;
  const end = status.indexOf('\n', at + 1);
  const kib = Number(status.slice(at + field.length + 2, end < 0 ? undefined : end).trim().replace(/ kB$/, ''));
  return Number.isFinite(kib) ? kib : undefined;
}

const ADAPTER = Symbol('series-store family');

/** Presents a store family to prom-client as a metric whose values are the live entries. */
function familyAdapter(family: SeriesFamily): client.Metric {
  const adapter = {
    [ADAPTER]: family,
    name: family.name,
    help: family.help,
    type: family.type,
    aggregator: 'sum',
    get: () => ({ name: family.name, help: family.help, type: family.type, aggregator: 'sum', values: [...family.entries] }),
    reset: () => undefined,
  };
  return adapter as unknown as client.Metric;
}

/**
 * prom-client's registry, formatting store families itself: the same text prom-client writes,
 * with each series' label text built once and kept, instead of escaped again on every scrape.
 */
class StoreRegistry extends client.Registry {
  async getMetricsAsString(metric: client.Metric): Promise<string> {
    const family = (metric as unknown as { [ADAPTER]?: SeriesFamily })[ADAPTER];
    if (family === undefined) return (client.Registry.prototype as unknown as { getMetricsAsString(m: client.Metric): Promise<string> }).getMetricsAsString.call(this, metric);
    const lines = [header(family)];
    for (const entry of family.entries) lines.push(seriesLine(family, entry));
    return lines.join('\n');
  }

  /**
   * `metrics()`'s text in pieces: families in order, a large one split every `SERIES_PER_TURN` series,
   * each piece made in its own turn, so neither the scrape's formatting nor one huge string holds up
   * other work (a 100,000-target fleet's /metrics is 60 MiB).
   */
  async *chunks(): AsyncGenerator<string> {
    const metrics = this.getMetricsAsArray();
    for (let i = 0; i < metrics.length; i++) {
      const end = i === metrics.length - 1 ? '\n' : '\n\n';
      const family = (metrics[i] as unknown as { [ADAPTER]?: SeriesFamily })[ADAPTER];
      if (family === undefined) {
        yield `${await this.getMetricsAsString(metrics[i] as unknown as client.Metric)}${end}`;
        continue;
      }
      await new Promise((resolve) => setImmediate(resolve));
      let lines = [header(family)];
      for (const entry of family.entries) {
        lines.push(seriesLine(family, entry));
        if (lines.length < SERIES_PER_TURN) continue;
        yield `${lines.join('\n')}\n`;
        lines = [];
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (lines.length === 0) yield end.slice(1);
      else yield `${lines.join('\n')}${end}`;
    }
  }
}

const header = (family: SeriesFamily): string => `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}`;
const seriesLine = (family: SeriesFamily, entry: SeriesEntry): string => (entry.lineHead ??= `${family.name}${labelText(entry)} `) + formatValue(entry.value);

const sharedTexts = new WeakMap<object, string>();

/** `{sample labels,target labels}`, as prom-client orders them (the line head that holds it is cached on the entry: its labels never change). */
function labelText(entry: SeriesEntry): string {
  let shared = sharedTexts.get(entry.sharedLabels);
  if (shared === undefined) {
    shared = formatLabels(entry.sharedLabels);
    sharedTexts.set(entry.sharedLabels, shared);
  }
  const own = formatLabels(entry.labels);
  const parts = own && shared ? `${own},${shared}` : own || shared;
  return parts ? `{${parts}}` : '';
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`).join(',');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isFinite(v)) return `${v}`;
  if (Number.isNaN(v)) return 'NaN';
  return v > 0 ? '+Inf' : '-Inf';
}
