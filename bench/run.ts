/** `npm run bench`: runs every benchmark and prints its figures (write them into bench/RESULTS.md). */
import { cpus, totalmem } from 'node:os';
import { benchCli } from './cli.bench.ts';
import { benchFleet } from './fleet100k.bench.ts';
import { benchReload100k } from './reload100k.bench.ts';
import { benchInflux, benchTrapFlood } from './influx.bench.ts';
import { benchMetrics } from './metrics.bench.ts';
import { benchReports } from './reports.bench.ts';
import { benchRules } from './rules.bench.ts';
import { benchScheduler } from './scheduler.bench.ts';
import { benchSlaReports } from './sla.bench.ts';
import { benchSnmp } from './snmp.bench.ts';
import { benchTrapLatency, type TrapLatency } from './trap-latency.bench.ts';

const only = process.argv[2];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}`);

if (!only || only === 'scheduler') {
  const sched = await benchScheduler();
  console.log(`scheduler: ${sched.targets} targets × 20 samples, ${sched.polls} polls measured: ${sched.cpuSecondsPer1000Polls.toFixed(4)} CPU-s per 1,000 polls (target < 0.05)`);
}
if (!only || only === 'metrics') {
  const { slaguard: s, bare: b, rounds } = benchMetrics();
  console.log(`/metrics, 100,000 series, median of ${rounds}:`);
  console.log(`  bare prom-client: ${b.cpu.toFixed(2)} µs CPU and ${b.rss.toFixed(0)} B RSS per series`);
  console.log(`  slaguard        : ${s.cpu.toFixed(2)} µs CPU and ${s.rss.toFixed(0)} B RSS per series`);
  console.log(`  slaguard / bare : CPU ${(s.cpu / b.cpu).toFixed(2)}x, RSS ${(s.rss / b.rss).toFixed(2)}x (target ≤ 1.20x)`);
}
if (!only || only === 'fleet100k') {
  const f = await benchFleet();
  const s = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
  console.log(`fleet: ${f.targets.toLocaleString('en')} HTTP targets (loopback, every 300 s) in one daemon:`);
  console.log(`  start-up: listening after ${f.startToListenSeconds.toFixed(1)} s, ready after ${f.startToReadySeconds.toFixed(1)} s (${f.cpuSecondsToReady.toFixed(1)} CPU-s), every target on the status page after ${f.startToFirstPageSeconds.toFixed(1)} s (longest /healthz meanwhile ${f.longestHealthzDuringStartSeconds.toFixed(2)} s)`);
  console.log(`  SIGHUP reload of the same file: done after ${f.reloadSeconds.toFixed(1)} s; longest /healthz until 10 s after ${f.longestHealthzDuringReloadSeconds.toFixed(2)} s`);
  console.log(`  longest /healthz during a /metrics scrape ${f.longestHealthzDuringMetricsSeconds.toFixed(2)} s`);
  console.log(`  longest main-thread CPU between two 20 ms ticks (ms): ${JSON.stringify(f.longestMainThreadCpuMs)}`);
  console.log(`  status page ${s(f.pageSeconds)} s; page 100+ of up targets ${s(f.pagedSeconds)} s; /metrics ${s(f.metricsSeconds)} s (${(f.metricsBytes / 2 ** 20).toFixed(1)} MiB)`);
  console.log(`  longest /healthz while polling ${f.longestHealthzSteadySeconds.toFixed(2)} s; ${f.polls.toLocaleString('en')} polls answered; RSS ${(f.rssBytes / 2 ** 20).toFixed(0)} MiB`);
  console.log(`  SIGTERM to exit ${f.stopSeconds.toFixed(1)} s (shutdown_grace ${f.shutdownGraceSeconds} s); ledger ${f.ledgerRows.toLocaleString('en')} rows, ${f.overloadedRows} "overloaded" unknowns`);
}
if (!only || only === 'reload100k') {
  console.log('100,000 targets in one in-process daemon: the main thread\'s longest stretch of CPU between two 20 ms ticks');
  for (const f of await benchReload100k()) {
    console.log(`  ${f.phase}: longest ${f.longestStretchMs} ms (${f.stretchesOver100Ms} over 100 ms); main thread ${f.mainThreadCpuSeconds.toFixed(1)} CPU-s, process ${f.cpuSeconds.toFixed(1)} CPU-s, ${f.wallSeconds.toFixed(1)} s wall`);
  }
}
if (!only || only === 'rules') {
  const { full, poll } = benchRules();
  console.log(`rules, full evaluation: ${full.rules} rules over ${full.series} series, ${full.checks} series-rule checks: ${(full.cpuSeconds * 1000).toFixed(0)} ms CPU per pass, ${(full.checksPerCpuSecond / 1e6).toFixed(2)} million checks per CPU-second (target ≥ 2)`);
  console.log(`rules, per poll: ${poll.rules} rules (default pack), ${poll.samples} samples per poll: ${poll.microsPerPoll.toFixed(0)} µs CPU per poll; 2,000 devices every 60 s: ${(poll.fleetShare * 100).toFixed(2)} % of one core (fleet bench 28.4 %; target < 2.84 %)`);
}
if (!only || only.startsWith('snmp')) {
  const r = (await benchSnmp(only === 'snmp-varbind' ? 'varbind' : only?.startsWith('snmp-fleet') ? 'fleet' : undefined, only === 'snmp-fleet-influx')) as {
    perVarbind?: { exporter: { varbinds: number; microsPerVarbind: number; snmpdMicrosPerVarbind: number }; slaguard: { varbinds: number; microsPerVarbind: number; snmpdMicrosPerVarbind: number } };
    fleet?: { devices: number; medianPollMs: number; minSecondsBetweenPolls: number; measuredSeconds: number; renderSeconds: number[]; polls: number; failedPolls: number; targetsPolled: number; mostPollsOfOneTarget: number; cpuShareOfOneCore: number; series: number; rssBytesPerDevice: number };
  };
  if (r.perVarbind) {
    const { exporter: e, slaguard: s } = r.perVarbind;
    console.log('SNMP, IF-MIB (48 veth + lo) and HOST-RESOURCES on the same snmpd:');
    console.log(`  snmp_exporter 0.21: ${e.microsPerVarbind.toFixed(2)} µs CPU per varbind (${e.varbinds} varbinds; snmpd ${e.snmpdMicrosPerVarbind.toFixed(2)} µs)`);
    console.log(`  slaguard pipeline : ${s.microsPerVarbind.toFixed(2)} µs CPU per varbind (${s.varbinds} varbinds; snmpd ${s.snmpdMicrosPerVarbind.toFixed(2)} µs)`);
    console.log(`  varbinds per CPU-second, slaguard / snmp_exporter: ${(e.microsPerVarbind / s.microsPerVarbind).toFixed(2)}x (target ≥ 2x)`);
  }
  const f = r.fleet;
  if (f) {
    console.log(`fleet: ${f.devices} devices (UPS-MIB + 49-interface IF-MIB) every 60 s: ${f.polls} polls of ${f.targetsPolled} devices in ${f.measuredSeconds.toFixed(1)} s (at most ${f.mostPollsOfOneTarget} of one, never two within ${(f.minSecondsBetweenPolls ?? Infinity).toFixed(1)} s; ${f.failedPolls} failed),`);
    console.log(`  a poll took ${f.medianPollMs} ms (median); /metrics scrapes of all of it took ${f.renderSeconds.map((x) => x.toFixed(2)).join(', ')} s,`);
    console.log(`  ${(f.cpuShareOfOneCore * 100).toFixed(1)}% of one core (target < 50%), ${f.series} series, ${(f.rssBytesPerDevice / 1024).toFixed(1)} KiB RSS per device`);
  }
}
if (!only || only === 'reports') {
  const r = await benchReports();
  console.log(`reports: ${r.agencies} agencies, ${r.services} services, ${r.outages} outages (a month of per-minute status changes; objects built in ${r.buildSeconds.toFixed(2)} s):`);
  console.log(`  JSON ${r.jsonSeconds.toFixed(2)} s (${(r.jsonBytes / 2 ** 20).toFixed(1)} MiB), HTML ${r.htmlSeconds.toFixed(2)} s (${(r.htmlBytes / 2 ** 20).toFixed(1)} MiB): ${(r.jsonSeconds + r.htmlSeconds).toFixed(2)} s for all (target < 10 s)`);
  console.log(`  PDF ${r.pdfSecondsPerAgency.toFixed(2)} s per agency; peak RSS ${r.peakRssMiB.toFixed(0)} MiB after JSON and HTML, ${r.peakRssWithPdfMiB.toFixed(0)} MiB with the PDFs`);
}
if (!only || only.startsWith('sla')) {
  const r = await benchSlaReports(Number(process.argv[3] ?? 50), false, process.argv[4] === undefined ? undefined : Number(process.argv[4]));
  console.log(`SLA: ${r.agencies} agencies × 20 services, ${r.rows.toLocaleString('en')} ledger rows on disk (a status change a minute for June 2026):`);
  console.log(`  JSON and HTML reports: ${r.cpuSeconds.toFixed(1)} CPU-s (${(r.cpuSeconds / r.agencies).toFixed(2)} per agency), ${r.wallSeconds.toFixed(1)} s wall, peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
}
if (!only || only === 'influx') {
  const r = await benchInflux();
  const f = (n: number | undefined) => Math.round(n ?? 0).toLocaleString('en');
  console.log(`InfluxDB 1.x, ${f(r.points)} points in batches of 5,000:`);
  console.log(`  plain line protocol over HTTP: ${f(r.plainPerSecond)} points/s, ${r.plainCpuMicrosPerPoint?.toFixed(2)} µs CPU per point`);
  console.log(`  slaguard writer              : ${f(r.writerPerSecond)} points/s, ${r.writerCpuMicrosPerPoint?.toFixed(2)} µs CPU per point`);
  console.log(`  disk buffer: ${f(r.points)} points buffered in ${r.spoolSeconds?.toFixed(1)} s, replayed at ${f(r.replayPerSecond)} points/s (${r.replayCpuMicrosPerPoint?.toFixed(2)} µs CPU per point); InfluxDB counted ${f(r.replayedCount)}`);
}
if (!only || only === 'traps') {
  const r = await benchTrapFlood();
  console.log(`trap flood into slaguard run: ${r.sent} v2c traps sent in ${r.sendSeconds} s; received ${r.received}, dropped ${r.dropped} (received + dropped = ${(r.received ?? 0) + (r.dropped ?? 0)}); the daemon used ${r.daemonCpuSeconds?.toFixed(1)} CPU-s: ${Math.round(r.receivedPerCpuSecond ?? 0)} traps stored per CPU-second`);
}
if (!only || only === 'trap-latency') {
  const show = (r: TrapLatency) => console.log(`trap → webhook, group_wait ${r.groupWait}, ${r.ratePerSecond}/s: ${r.arrived} of ${r.sent} arrived; median ${r.medianMs.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms, max ${r.maxMs.toFixed(0)} ms (target p99 < 1 s); load average ${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)}`);
  show(await benchTrapLatency({ ratePerSecond: 20, groupWait: '0s' }));
  show(await benchTrapLatency({ ratePerSecond: 200, groupWait: '0s' }));
  if (process.argv[3] === 'default') show(await benchTrapLatency({ ratePerSecond: 20, groupWait: '30s' }));
}
if (!only || only === 'cli') {
  const r = benchCli();
  console.log(`CLI start-up, CPU per run (median of 7, min–max), load average ${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)}:`);
  for (const c of r.commands) console.log(`  ${c.name.padEnd(36)} ${c.medianMs.toFixed(0)} ms (${c.minMs.toFixed(0)}–${c.maxMs.toFixed(0)})`);
}
