/**
 * One side of the /metrics benchmark, in a process of its own so RSS is its own: builds 100,000
 * series either in slaguard's state layer (series store → prom-client registry) or in a bare
 * prom-client Gauge, then serves scrapes. Prints JSON: CPU µs and RSS bytes per series.
 */
import client from 'prom-client';
import { createPrometheusExporter } from '../src/exporters/prometheus.ts';
import { silentLogger } from '../src/log.ts';
import { SeriesStore } from '../src/state/series-store.ts';
import type { Sample } from '../src/collector/types.ts';

const SERIES = 100_000;
const TARGETS = 1_000;
const PER_TARGET = SERIES / TARGETS;
const SCRAPES = 10;
const mode = process.argv[2] as 'slaguard' | 'bare';

const gc = (globalThis as { gc?: () => void }).gc!;
gc();
const rss0 = process.memoryUsage().rss;

let render: () => Promise<string>;
if (mode === 'slaguard') {
  const store = new SeriesStore();
  const exporter = createPrometheusExporter(store, { version: 'bench', logger: silentLogger() });
  exporter.registry.clear();
  for (let t = 0; t < TARGETS; t++) {
    const samples: Sample[] = [];
    for (let i = 0; i < PER_TARGET; i++) samples.push({ name: 'bench_if_in_octets_total', labels: { ifIndex: String(i), ifName: `GE1/0/${i}` }, value: t * i, ts: 0, kind: 'counter' });
    store.replace(`t/device-${t}`, { target: `device-${t}`, site: `site-${t % 10}` }, samples);
  }
  render = () => exporter.render();
} else {
  const registry = new client.Registry();
  const gauge = new client.Counter({ name: 'bench_if_in_octets_total', help: 'bench', labelNames: ['target', 'site', 'ifIndex', 'ifName'], registers: [registry] });
  for (let t = 0; t < TARGETS; t++) {
    for (let i = 0; i < PER_TARGET; i++) gauge.inc({ target: `device-${t}`, site: `site-${t % 10}`, ifIndex: String(i), ifName: `GE1/0/${i}` }, t * i || 0);
  }
  render = () => registry.metrics();
}

const first = await render();
if (first.split('\n').filter((l) => l.startsWith('bench_if_in_octets_total{')).length !== SERIES) throw new Error(`${mode}: wrong series count`);
gc();
const rss1 = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
for (let i = 0; i < SCRAPES; i++) await render();
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  mode,
  series: SERIES,
  cpuMicrosPerSeries: (cpu.user + cpu.system) / SCRAPES / SERIES,
  rssBytesPerSeries: (rss1 - rss0) / SERIES,
}));
