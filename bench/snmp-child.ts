/** Runs inside the bench namespace (see snmp.bench.ts); prints one JSON line of results. */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSnmpCollector } from '../collectors/snmp/index.ts';
import { snmpOptionsSchema } from '../collectors/snmp/options.ts';
import { Semaphore } from '../collectors/snmp/semaphore.ts';
import { NetSnmpSession } from '../collectors/snmp/session.ts';
import client from 'prom-client';
import { pollSinks } from '../src/app.ts';
import { fanOut } from '../src/collector/sinks.ts';
import { influxSchema } from '../src/exporters/influx/config.ts';
import { createInfluxWriter } from '../src/exporters/influx/writer.ts';
import { seriesSink } from '../src/state/series-sink.ts';
import { ledgerSink } from '../src/store/ledger-sink.ts';
import { Scheduler } from '../src/collector/scheduler.ts';
import type { Target } from '../src/collector/types.ts';
import { createPrometheusExporter } from '../src/exporters/prometheus.ts';
import { silentLogger } from '../src/log.ts';
import { SeriesStore } from '../src/state/series-store.ts';
import { openDb } from '../src/store/db.ts';
import { StatusLedger } from '../src/store/status-ledger.ts';

const args = JSON.parse(process.argv[2]!) as { snmpd: string; snmpdPid: number; exporter: string; exporterPid: number; part?: 'varbind' | 'fleet'; influx?: { url: string; buffer: string } };
const ROUNDS = 400;
/** Rounds in a row of one program before the other's turn. */
const BLOCK = 100;
/** slaguard's rounds before measuring: detection, lookups, and V8's optimising compiler done. */
const WARM_UP_ROUNDS = 300;
const DEVICES = 2_000;
const gc = (globalThis as { gc?: () => void }).gc!;
const [host, port] = args.snmpd.split(':') as [string, string];

/** CPU seconds a process has used so far (utime + stime from /proc; clock ticks are 1/100 s). */
const procCpu = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const target = (name: string, profiles: string[], intervalMs = 60_000): Target<ReturnType<typeof snmpOptionsSchema.parse>> => ({
  name, kind: 'snmp', address: args.snmpd, options: snmpOptionsSchema.parse({ profiles }), intervalMs, timeoutMs: 30_000, labels: { site: 'bench' },
});

// Wait for both servers.
const probe = new NetSnmpSession({ host, port: Number(port), version: 2, community: 'public', timeoutMs: 500, retries: 0, maxRepetitions: 25, maxInFlight: 4 }, new Semaphore(8));
for (let i = 0; i < 100; i++) {
  try {
    await probe.get(['1.3.6.1.2.1.1.3.0'], AbortSignal.timeout(1000));
    await fetch(`${args.exporter}/metrics`);
    break;
  } catch {
    await sleep(100);
  }
}

/** (1) CPU per varbind, side by side: snmp_exporter's scrapes and slaguard's polls of the same agent, in alternating blocks. */
async function measurePerVarbind() {
  const count = async (walks: string[], gets: number) => {
    let n = gets;
    for (const root of walks) n += (await probe.walk(root, AbortSignal.timeout(10_000))).length;
    return n;
  };
  const exporterVarbinds = (await count(['1.3.6.1.2.1.2', '1.3.6.1.2.1.31.1.1'], 1)) + (await count(['1.3.6.1.2.1.25.2.3', '1.3.6.1.2.1.25.3.3.1.2'], 3));
  const scrape = (module: string) => fetch(`${args.exporter}/snmp?target=${args.snmpd}&module=${module}`, { headers: { 'accept-encoding': 'identity' } }).then((r) => r.text());

  const sessions: NetSnmpSession[] = [];
  const globalCap = new Semaphore(256);
  const collector = createSnmpCollector((e) => {
    const s = new NetSnmpSession(e, globalCap);
    sessions.push(s);
    return s;
  });
  const store = new SeriesStore();
  const prom = createPrometheusExporter(store, { version: 'bench', logger: silentLogger() });
  const one = target('bench-switch', ['system', 'if-mib', 'host-resources']);
  const slaguardRound = async () => {
    store.replace('t/bench-switch', { target: 'bench-switch' }, await collector.collect(one, AbortSignal.timeout(10_000)));
    await prom.render();
  };
  const exporterRound = async () => {
    await scrape('if_mib_public');
    await scrape('hr_public');
  };
  // warm-up: detection and lookups once, then the JIT warmed up as in a daemon that has been running a while
  // (after 50 rounds V8 still compiles hot code on its own threads, which the process's CPU counts)
  for (let i = 0; i < 10; i++) await exporterRound();
  for (let i = 0; i < WARM_UP_ROUNDS; i++) await slaguardRound();
  const vb0 = sessions[0]!.varbinds;

  // Blocks of rounds alternate between the two, so both meet the same machine (a VM's speed drifts
  // from one minute to the next); each one's CPU (and snmpd's for it) is summed over its own blocks.
  let exporterCpu = 0;
  let snmpdCpuForExporter = 0;
  let slaguardCpu = 0;
  let snmpdCpuForSlaguard = 0;
  for (let block = 0; block < ROUNDS / BLOCK; block++) {
    let cpu0 = procCpu(args.exporterPid);
    let snmpd0 = procCpu(args.snmpdPid);
    for (let i = 0; i < BLOCK; i++) await exporterRound();
    exporterCpu += procCpu(args.exporterPid) - cpu0;
    snmpdCpuForExporter += procCpu(args.snmpdPid) - snmpd0;
    cpu0 = ownCpu();
    snmpd0 = procCpu(args.snmpdPid);
    for (let i = 0; i < BLOCK; i++) await slaguardRound();
    slaguardCpu += ownCpu() - cpu0;
    snmpdCpuForSlaguard += procCpu(args.snmpdPid) - snmpd0;
  }
  const slaguardVarbinds = sessions[0]!.varbinds - vb0;
  collector.close?.();

  return {
    rounds: ROUNDS,
    exporter: { varbinds: exporterVarbinds * ROUNDS, cpuSeconds: exporterCpu, microsPerVarbind: (exporterCpu / (exporterVarbinds * ROUNDS)) * 1e6, snmpdMicrosPerVarbind: (snmpdCpuForExporter / (exporterVarbinds * ROUNDS)) * 1e6 },
    slaguard: { varbinds: slaguardVarbinds, cpuSeconds: slaguardCpu, microsPerVarbind: (slaguardCpu / slaguardVarbinds) * 1e6, snmpdMicrosPerVarbind: (snmpdCpuForSlaguard / slaguardVarbinds) * 1e6 },
  };
}

/** (2) 2,000 devices at a 60 s interval through the daemon's pipeline: CPU share of one core, memory per device. */
async function measureFleet() {
  const fleetStore = new SeriesStore();
  const fleetProm = createPrometheusExporter(fleetStore, { version: 'bench', logger: silentLogger() });
  const ledger = new StatusLedger(openDb(':memory:'), { now: Date.now(), version: 'bench' });
  const fleetCollector = createSnmpCollector();
  let polls = 0;
  let failures = 0;
  const perTarget = new Map<string, number>();
  const lastStart = new Map<string, number>();
  let minGap = Infinity;
  const durations: number[] = [];
  // with `influx`, the InfluxDB writer is one more sink, as in the app
  const writer = args.influx && createInfluxWriter(influxSchema.parse({ url: args.influx.url, database: 'fleet', buffer: { path: args.influx.buffer } }),
    { bufferPath: args.influx.buffer, registry: new client.Registry(), logger: silentLogger() });
  writer?.start();
  const sinks = writer ? fanOut([seriesSink(fleetStore), ledgerSink(ledger), writer]) : pollSinks(fleetStore, ledger);
  const scheduler = new Scheduler({
    maxConcurrency: 256, jitter: true, logger: silentLogger(), collectorFor: () => fleetCollector,
    onOutcome: (o) => {
      polls++;
      perTarget.set(o.target.name, (perTarget.get(o.target.name) ?? 0) + 1);
      const last = lastStart.get(o.target.name);
      if (last !== undefined) minGap = Math.min(minGap, o.startedAt - last);
      lastStart.set(o.target.name, o.startedAt);
      durations.push(o.finishedAt - o.startedAt);
      if (!o.ok) failures++;
      sinks.onOutcome(o);
    },
    onSkip: sinks.onSkip,
  });
  gc();
  const rss0 = process.memoryUsage().rss;
  scheduler.setTargets(Array.from({ length: DEVICES }, (_, i) => target(`device-${i}`, ['system', 'if-mib', 'ups-mib'])));
  await sleep(125_000); // two intervals: every device detected, lookups walked, polling in its steady state
  gc();
  const rss1 = process.memoryUsage().rss;
  const series = [...fleetStore.families.values()].reduce((n, f) => n + f.entries.size, 0);
  const renderSeconds: number[] = [];
  const cpu0 = ownCpu();
  const wall0 = performance.now();
  const polls0 = polls;
  perTarget.clear();
  minGap = Infinity;
  durations.length = 0;
  const failures0 = failures;
  for (let i = 0; i < 4; i++) {
    await sleep(15_000);
    const t0 = performance.now();
    await fleetProm.render(); // a Prometheus scrape every 15 s
    renderSeconds.push((performance.now() - t0) / 1000);
  }
  const fleetCpu = ownCpu() - cpu0;
  const seconds = (performance.now() - wall0) / 1000;
  await scheduler.stop(1_000);
  await writer?.stop();
  return {
    devices: DEVICES, intervalSeconds: 60, measuredSeconds: seconds, polls: polls - polls0, failedPolls: failures - failures0,
    cpuShareOfOneCore: fleetCpu / seconds, renderSeconds, minSecondsBetweenPolls: minGap / 1000,
    medianPollMs: [...durations].sort((a, b) => a - b)[Math.floor(durations.length / 2)]!, targetsPolled: perTarget.size, mostPollsOfOneTarget: Math.max(...perTarget.values()), series, rssBytesPerDevice: (rss1 - rss0) / DEVICES,
  };
}

const perVarbind = args.part === 'fleet' ? undefined : await measurePerVarbind();
const fleet = args.part === 'varbind' ? undefined : await measureFleet();
console.log(JSON.stringify({ perVarbind, fleet }));
process.exit(0);
