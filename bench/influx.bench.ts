/**
 * InfluxDB and trap benchmarks against a real influxd (Debian `influxdb`, 1.x API) on loopback:
 * (1) write throughput of slaguard's writer (batches of 5,000) against the same points posted as line
 * protocol over plain HTTP in bodies of the same size; (2) replay rate of the disk buffer after an outage;
 * (3) a trap flood of 10,000 traps/s for 10 s into a real daemon (its own process), counting losses.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import client from 'prom-client';
import { influxSchema } from '../src/exporters/influx/config.ts';
import type { InfluxPoint } from '../src/exporters/influx/points.ts';
import { createInfluxWriter } from '../src/exporters/influx/writer.ts';
import { silentLogger } from '../src/log.ts';
import { startInfluxd } from '../test/setup/influxdb.ts';
import { captureTrap } from '../test/helpers/trap-packets.ts';
import { freePort } from '../test/helpers/components.ts';

const POINTS = 500_000;
const BATCH = 5000;

/** 10,000 targets × 50 series of a UPS-like device, at one timestamp per round. */
function points(): InfluxPoint[] {
  const out: InfluxPoint[] = [];
  const t0 = Date.UTC(2026, 10, 1);
  for (let i = 0; out.length < POINTS; i++) {
    const tags = { target: `ups-${i % 10_000}`, site: '主机房', agency: 'finance', service: 'payroll', line: String(i % 50) };
    out.push(['slaguard_ups_input_voltage_volts', tags, 220 + (i % 17), t0 + i]);
  }
  return out;
}

const escTag = (s: string) => s.replace(/[,= \\]/g, (c) => `\\${c}`);
const line = ([m, tags, v, ts]: InfluxPoint) => `${m},${Object.keys(tags).sort().map((k) => `${k}=${escTag(tags[k]!)}`).join(',')} value=${v} ${ts}`;

const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

function writer(url: string, database: string, bufferPath: string, memoryBatches: number) {
  const cfg = influxSchema.parse({ url, database, batch_size: BATCH, flush_interval: '100ms', retry_interval: '200ms', timeout: '30s', buffer: { path: bufferPath, max_size: '2GiB', memory_batches: memoryBatches } });
  return createInfluxWriter(cfg, { bufferPath, registry: new client.Registry(), logger: silentLogger() });
}

/** Runs the three figures; returns them for bench/run.ts to print. */
export async function benchInflux(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'sgbench-influx-'));
  const influxd = await startInfluxd();
  try {
    const data = points();
    await fetch(`${influxd.url}/query?q=${encodeURIComponent('CREATE DATABASE plain')}`, { method: 'POST' });

    let cpu = process.cpuUsage();
    let t = performance.now();
    for (let i = 0; i < data.length; i += BATCH) {
      const body = data.slice(i, i + BATCH).map(line).join('\n');
      const res = await fetch(`${influxd.url}/write?db=plain&precision=ms`, { method: 'POST', body });
      if (res.status !== 204) throw new Error(`plain write: ${res.status} ${await res.text()}`);
    }
    const plainSeconds = (performance.now() - t) / 1000;
    const plainCpu = cpuSeconds(cpu);

    const w = writer(influxd.url, 'batched', join(dir, 'buffer-a'), POINTS / BATCH);
    w.start();
    cpu = process.cpuUsage();
    t = performance.now();
    for (let i = 0; i < data.length; i += 1000) w.add(data.slice(i, i + 1000));
    await w.drained();
    const writerSeconds = (performance.now() - t) / 1000;
    const writerCpu = cpuSeconds(cpu);
    await w.stop();

    const downPort = await freePort();
    const r = writer(`http://127.0.0.1:${downPort}`, 'replayed', join(dir, 'buffer-b'), 4);
    r.start();
    t = performance.now();
    for (let i = 0; i < data.length; i += 1000) r.add(data.slice(i, i + 1000));
    await new Promise((res) => setTimeout(res, 500));
    const spoolSeconds = (performance.now() - t) / 1000;
    const second = await startInfluxd({ port: downPort });
    cpu = process.cpuUsage();
    t = performance.now();
    await r.drained();
    const replaySeconds = (performance.now() - t) / 1000;
    const replayCpu = cpuSeconds(cpu);
    await r.stop();
    const [count] = await second.query('replayed', 'SELECT count(value) FROM slaguard_ups_input_voltage_volts');
    await second.stop();

    return {
      points: POINTS, plainPerSecond: POINTS / plainSeconds, plainCpuMicrosPerPoint: (plainCpu / POINTS) * 1e6,
      writerPerSecond: POINTS / writerSeconds, writerCpuMicrosPerPoint: (writerCpu / POINTS) * 1e6,
      spoolSeconds, replayPerSecond: POINTS / replaySeconds, replayCpuMicrosPerPoint: (replayCpu / POINTS) * 1e6,
      replayedCount: Number(count?.values[0]?.[1] ?? 0),
    };
  } finally {
    await influxd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 10,000 traps/s for 10 s from another process into a daemon (`slaguard run`) with traps on; stored + counted drops = sent. */
export async function benchTrapFlood(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'sgbench-traps-'));
  const trapPort = await freePort();
  const httpPort = await freePort();
  writeFileSync(join(dir, 'slaguard.yaml'), `server: { listen: 127.0.0.1:${httpPort} }
storage: { path: ${join(dir, 'slaguard.db')} }
traps: { listen: 127.0.0.1:${trapPort}, communities: [public] }
`);
  const daemon = spawn(process.execPath, [join(import.meta.dirname, '../bin/slaguard.js'), 'run', '-c', join(dir, 'slaguard.yaml')], { stdio: 'ignore' });
  const metrics = async () => {
    const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    const sum = (re: RegExp) => [...text.matchAll(re)].reduce((a, m) => a + Number(m[1]), 0);
    return { received: sum(/^slaguard_snmp_traps_total\{[^}]*\} (\d+)$/gm), dropped: sum(/^slaguard_snmp_traps_dropped_total\{[^}]*\} (\d+)$/gm) };
  };
  try {
    for (let i = 0; ; i++) {
      try {
        await metrics();
        break;
      } catch {
        if (i > 300) throw new Error('slaguard did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const cpuOf = (pid: number) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    };
    const packet = await captureTrap('v2c');
    const cpuBefore = cpuOf(daemon.pid!);
    const sender = join(dir, 'flood.mjs');
    writeFileSync(sender, `import { createSocket } from 'node:dgram';
const packet = Buffer.from(process.argv[2], 'hex'); const port = Number(process.argv[3]);
const socket = createSocket('udp4'); let sent = 0; const start = Date.now();
for (let tick = 0; tick < 1000; tick++) {
  const wait = start + tick * 10 - Date.now(); if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await Promise.all(Array.from({ length: 100 }, () => new Promise((r) => socket.send(packet, port, '127.0.0.1', (err) => { if (!err) sent++; r(); }))));
}
socket.close(); console.log(JSON.stringify({ sent, seconds: (Date.now() - start) / 1000 }));
`);
    const child = spawn(process.execPath, [sender, packet.toString('hex'), String(trapPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => child.once('exit', r));
    const { sent, seconds } = JSON.parse(out) as { sent: number; seconds: number };
    let m = await metrics();
    for (let i = 0; i < 100 && m.received + m.dropped < sent; i++) {
      await new Promise((r) => setTimeout(r, 200));
      m = await metrics();
    }
    await new Promise((r) => setTimeout(r, 1200));
    m = await metrics();
    const cpu = cpuOf(daemon.pid!) - cpuBefore;
    return { sent, sendSeconds: seconds, received: m.received, dropped: m.dropped, daemonCpuSeconds: cpu, receivedPerCpuSecond: m.received / cpu };
  } finally {
    daemon.kill('SIGTERM');
    await new Promise((r) => daemon.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
