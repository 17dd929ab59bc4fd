import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { TargetHealth } from '../src/collector/health.ts';
import type { Target } from '../src/collector/types.ts';
import { parseConfigText } from '../src/config/load.ts';
import { freePort, waitFor } from './helpers/components.ts';
import { startInfluxd, type Influxd } from './setup/influxdb.ts';

const T0 = Date.UTC(2026, 10, 1);
const METRIC = 'slaguard_ups_battery_charge_ratio';
const target: Target = { name: 'ups-a1', kind: 'snmp', address: '127.0.0.1', options: {}, intervalMs: 1000, timeoutMs: 500, labels: { site: '主机房', agency: 'finance', service: 'payroll' } };
const servers: Influxd[] = [];
const apps: App[] = [];

function app(url: string, bufferDir: string, extra = ''): App {
  const a = buildApp(parseConfigText(`storage: { path: ':memory:' }
influxdb:
  url: ${url}
  database: slaguard
  batch_size: 25
  flush_interval: 20ms
  retry_interval: 50ms
  timeout: 1s
  buffer: { path: ${bufferDir}${extra} }
`, { file: 'influx.yaml', baseDir: process.cwd() }));
  apps.push(a);
  return a;
}

/** One poll of `target` whose one sample is number i, at T0 + i s. */
function poll(a: App, i: number): void {
  const health = new TargetHealth();
  const ts = T0 + i * 1000;
  a.influx!.onOutcome({ target, ok: true, samples: [{ name: METRIC, labels: { ups: 'ups1' }, value: i, ts, kind: 'gauge' }], error: undefined, startedAt: ts, finishedAt: ts, health });
}

const metric = async (a: App, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await a.exporter.render())?.[1] ?? NaN);

afterAll(async () => {
  for (const a of apps) await a.stop().catch(() => undefined);
  for (const s of servers) await s.stop();
});

describe('InfluxDB writer', () => {
  it('loses no point while InfluxDB is down, across a daemon restart, and replays them in order, none twice', async () => {
    const influxd = await startInfluxd();
    servers.push(influxd);
    const buffer = mkdtempSync(join(tmpdir(), 'influx-buffer-'));
    const first = app(influxd.url, buffer);
    await first.start();
    let i = 0;
    for (; i < 200; i++) poll(first, i);
    await first.influx!.drained();
    expect(await metric(first, 'slaguard_influx_points_written_total')).toBeGreaterThanOrEqual(200);

    await influxd.stop();
    for (; i < 500; i++) {
      poll(first, i);
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 30));
    }
    await waitFor('points in the disk buffer', async () => (await metric(first, 'slaguard_influx_points_buffered')) > 0);
    await first.stop();

    const second = app(influxd.url, buffer);
    await second.start();
    for (; i < 600; i++) poll(second, i);
    await influxd.start();
    await second.influx!.drained();
    expect(await metric(second, 'slaguard_influx_points_buffered')).toBe(0);

    const [count] = await influxd.query('slaguard', `SELECT count(value) FROM ${METRIC}`);
    expect(count!.values[0]![1]).toBe(600);
    const [rows] = await influxd.query('slaguard', `SELECT value, target, site, agency, service, ups FROM ${METRIC} ORDER BY time`);
    expect(rows!.values.map((r) => r[1])).toEqual(Array.from({ length: 600 }, (_, k) => k));
    expect(rows!.values.map((r) => r[0])).toEqual(Array.from({ length: 600 }, (_, k) => T0 + k * 1000));
    expect(rows!.values[0]!.slice(2)).toEqual(['ups-a1', '主机房', 'finance', 'payroll', 'ups1']);
    const [up] = await influxd.query('slaguard', 'SELECT count(value) FROM slaguard_poll_skipped_total');
    expect(up!.values[0]![1]).toBe(600);
  });

  it('keeps the disk buffer within max_size: the oldest points are dropped and counted, the newest replayed', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const buffer = mkdtempSync(join(tmpdir(), 'influx-buffer-'));
    const a = app(url, buffer, ', max_size: 8KiB');
    await a.start();
    for (let i = 0; i < 400; i++) {
      poll(a, i);
      if (i % 25 === 24) await new Promise((r) => setTimeout(r, 30));
    }
    await waitFor('all 800 points buffered or dropped', async () =>
      (await metric(a, 'slaguard_influx_points_buffered')) + (await metric(a, 'slaguard_influx_points_dropped_total\\{reason="buffer_full"\\}')) === 800);
    const dropped = await metric(a, 'slaguard_influx_points_dropped_total\\{reason="buffer_full"\\}');
    expect(dropped).toBeGreaterThan(0);
    expect(await metric(a, 'slaguard_influx_buffer_bytes')).toBeLessThanOrEqual(8192);

    const influxd = await startInfluxdOn(port);
    await a.influx!.drained();
    const [rows] = await influxd.query('slaguard', `SELECT value FROM ${METRIC} ORDER BY time`);
    const [health] = await influxd.query('slaguard', 'SELECT count(value) FROM slaguard_poll_skipped_total');
    expect(rows!.values.length + (health!.values[0]![1] as number)).toBe(800 - dropped);
    const kept = rows!.values.length;
    expect(kept).toBeLessThan(400);
    expect(rows!.values.map((r) => r[1])).toEqual(Array.from({ length: kept }, (_, k) => 400 - kept + k));
  });
});

describe('InfluxDB disk buffer left by an earlier run', () => {
  it('replays its segments at start, and drops (and counts) one that cannot be read instead of stopping', async () => {
    const influxd = await startInfluxd();
    servers.push(influxd);
    const buffer = mkdtempSync(join(tmpdir(), 'influx-buffer-'));
    writeFileSync(join(buffer, '0000000000000001-3.jsonl'), '["slaguard_x",{"target":"a"},1,17');
    writeFileSync(join(buffer, '0000000000000002-2.jsonl'), `["${METRIC}",{"target":"a"},1,${T0}]\n["${METRIC}",{"target":"a"},2,${T0 + 1000}]`);
    const a = app(influxd.url, buffer);
    await a.start();
    await a.influx!.drained();
    expect(await metric(a, 'slaguard_influx_points_dropped_total\\{reason="unreadable"\\}')).toBe(3);
    const [rows] = await influxd.query('slaguard', `SELECT value FROM ${METRIC} ORDER BY time`);
    expect(rows!.values.map((r) => r[1])).toEqual([1, 2]);
    expect(readdirSync(buffer)).toEqual([]);
  });
});

async function startInfluxdOn(port: number): Promise<Influxd> {
  const influxd = await startInfluxd({ port });
  servers.push(influxd);
  return influxd;
}
