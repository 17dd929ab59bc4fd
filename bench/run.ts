/** `npm run bench`: runs every benchmark and prints its figures (write them into bench/RESULTS.md). */
import { cpus, totalmem } from 'node:os';
import { benchMetrics } from './metrics.bench.ts';
import { benchRules } from './rules.bench.ts';
import { benchScheduler } from './scheduler.bench.ts';
import { benchSnmp } from './snmp.bench.ts';

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
if (!only || only === 'rules') {
  const { full, poll } = benchRules();
  console.log(`rules, full evaluation: ${full.rules} rules over ${full.series} series, ${full.checks} series-rule checks: ${(full.cpuSeconds * 1000).toFixed(0)} ms CPU per pass, ${(full.checksPerCpuSecond / 1e6).toFixed(2)} million checks per CPU-second (target ≥ 2)`);
  console.log(`rules, per poll: ${poll.rules} rules (default pack), ${poll.samples} samples per poll: ${poll.microsPerPoll.toFixed(0)} µs CPU per poll; 2,000 devices every 60 s: ${(poll.fleetShare * 100).toFixed(2)} % of one core (fleet bench 28.4 %; target < 2.84 %)`);
}
if (!only || only.startsWith('snmp')) {
  const r = (await benchSnmp(only === 'snmp-varbind' ? 'varbind' : only === 'snmp-fleet' ? 'fleet' : undefined)) as {
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
    console.log(`fleet: ${f.devices} devices (UPS-MIB + 49-interface IF-MIB) every 60 s: ${f.polls} polls of ${f.targetsPolled} devices in ${f.measuredSeconds.toFixed(1)} s (at most ${f.mostPollsOfOneTarget} of one, never two within ${f.minSecondsBetweenPolls.toFixed(1)} s; ${f.failedPolls} failed),`);
    console.log(`  a poll took ${f.medianPollMs} ms (median); /metrics scrapes of all of it took ${f.renderSeconds.map((x) => x.toFixed(2)).join(', ')} s,`);
    console.log(`  ${(f.cpuShareOfOneCore * 100).toFixed(1)}% of one core (target < 50%), ${f.series} series, ${(f.rssBytesPerDevice / 1024).toFixed(1)} KiB RSS per device`);
  }
}
