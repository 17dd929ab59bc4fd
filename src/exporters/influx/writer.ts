import { InfluxDB } from 'influx';
import client from 'prom-client';
import type { OutcomeSink } from '../../collector/sinks.ts';
import type { Logger } from '../../log.ts';
import { INFLUX } from '../../metrics/names.ts';
import type { InfluxConfig } from './config.ts';
import { outcomePoints, toIPoint, type InfluxPoint } from './points.ts';
import { Spool } from './spool.ts';

/** What `start`/`stop` add to a sink. */
export interface InfluxWriter extends OutcomeSink {
  /** Starts the flush and replay timers (InfluxDB need not be up). */
  start(): void;
  /** Sends or buffers what is in memory, then stops; nothing is lost. */
  stop(): Promise<void>;
  /** Queues points directly (benchmarks and the sink itself). */
  add(points: readonly InfluxPoint[]): void;
  /** Resolves when memory and the disk buffer are empty (tests and benchmarks). */
  drained(): Promise<void>;
}

/**
 * Writes poll outcomes to InfluxDB in batches (by `batch_size` and `flush_interval`). One request is in
 * flight at a time; up to `buffer.memory_batches` batches wait in memory. A batch that fails, that finds
 * the memory queue full, or comes while InfluxDB is failing goes to the disk buffer. Batches are sent by
 * sequence number, from memory or disk, so points reach InfluxDB in the order they were made.
 */
export function createInfluxWriter(cfg: InfluxConfig, opts: { bufferPath: string; registry: client.Registry; logger: Logger }): InfluxWriter {
  const log = opts.logger;
  const hosts = cfg.urls.map((u) => {
    const url = new URL(u);
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), protocol: url.protocol.slice(0, -1) as 'http' | 'https', path: url.pathname.replace(/\/$/, '') };
  });
  const db = new InfluxDB({
    hosts, database: cfg.database,
    ...(cfg.username !== undefined ? { username: cfg.username, password: cfg.password ?? '' } : {}),
    pool: { requestTimeout: cfg.timeoutMs, maxRetries: hosts.length - 1 },
  });
  const spool = new Spool(opts.bufferPath, cfg.bufferMaxBytes);
  const reg = [opts.registry];
  const written = new client.Counter({ name: INFLUX.written.name, help: INFLUX.written.help, registers: reg });
  const dropped = new client.Counter({ name: INFLUX.dropped.name, help: INFLUX.dropped.help, labelNames: ['reason'], registers: reg });
  const errors = new client.Counter({ name: INFLUX.writeErrors.name, help: INFLUX.writeErrors.help, labelNames: ['reason'], registers: reg });
  new client.Gauge({ name: INFLUX.buffered.name, help: INFLUX.buffered.help, registers: reg, collect() { this.set(spool.points); } });
  new client.Gauge({ name: INFLUX.bufferedBytes.name, help: INFLUX.bufferedBytes.help, registers: reg, collect() { this.set(spool.bytes); } });

  let pending: InfluxPoint[] = [];
  let seq = spool.nextSeq;
  let inFlight: Promise<void> | undefined;
  let dbReady = !cfg.createDatabase;
  let retryAt = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  let replayTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const waiters: Array<() => void> = [];

  const toDisk = (batchSeq: number, points: InfluxPoint[]) => {
    const lost = spool.push(batchSeq, points);
    if (lost > 0) {
      dropped.inc({ reason: 'buffer_full' }, lost);
      log.warn({ dropped: lost, bufferBytes: spool.bytes }, 'InfluxDB disk buffer full: oldest points dropped');
    }
  };

  /** One write; resolves true when InfluxDB took the points (or rejected them as invalid: dropped, counted). */
  const send = async (points: InfluxPoint[]): Promise<boolean> => {
    try {
      if (!dbReady) {
        const names = await db.getDatabaseNames();
        if (!names.includes(cfg.database)) await db.createDatabase(cfg.database);
        dbReady = true;
      }
      await db.writePoints(points.map(toIPoint), { precision: 'ms', ...(cfg.retentionPolicy !== undefined ? { retentionPolicy: cfg.retentionPolicy } : {}) });
      written.inc(points.length);
      return true;
    } catch (err) {
      const reason = errorReason(err);
      errors.inc({ reason });
      if (reason === 'http_4xx' && /\b400\b|partial write|unable to parse/i.test(String((err as Error).message))) {
        dropped.inc({ reason: 'rejected' }, points.length);
        log.error({ err: (err as Error).message, points: points.length }, 'InfluxDB rejected a batch as invalid; its points are dropped');
        return true;
      }
      if (/database not found/i.test(String((err as Error).message))) dbReady = !cfg.createDatabase;
      log.warn({ err: (err as Error).message, reason }, 'InfluxDB write failed; points kept in the disk buffer');
      retryAt = Date.now() + cfg.retryIntervalMs;
      return false;
    }
  };

  let queue: Array<{ seq: number; points: InfluxPoint[] }> = [];
  const spill = () => {
    for (const b of queue) toDisk(b.seq, b.points);
    queue = [];
  };

  const settle = () => {
    if (pending.length === 0 && queue.length === 0 && spool.points === 0 && inFlight === undefined) for (const w of waiters.splice(0)) w();
  };

  /** Sends the oldest batch, from memory or disk (by sequence number), when nothing is in flight and the retry time has come. */
  const pump = () => {
    if (inFlight !== undefined || stopped) return settle();
    const fromDisk = spool.oldestSeq !== undefined && (queue.length === 0 || spool.oldestSeq < queue[0]!.seq);
    if (!fromDisk && queue.length === 0) return settle();
    if (Date.now() < retryAt) {
      spill();
      return scheduleReplay();
    }
    let batch: { seq: number; points: InfluxPoint[] };
    try {
      batch = fromDisk ? spool.oldest()! : queue.shift()!;
    } catch (err) {
      const bad = spool.oldestSeq!;
      log.error({ err: (err as Error).message, seq: bad }, 'unreadable InfluxDB buffer segment dropped');
      dropped.inc({ reason: 'unreadable' }, spool.pointsOf(bad));
      spool.remove(bad);
      return pump();
    }
    inFlight = send(batch.points).then((ok) => {
      inFlight = undefined;
      if (ok && fromDisk) spool.remove(batch.seq);
      if (!ok) {
        if (!fromDisk) toDisk(batch.seq, batch.points);
        spill();
      }
      if (ok) setImmediate(pump);
      else scheduleReplay();
    });
  };
  const scheduleReplay = () => {
    clearTimeout(replayTimer);
    replayTimer = setTimeout(pump, Math.max(0, retryAt - Date.now()));
    replayTimer.unref();
  };

  const flush = () => {
    if (pending.length > 0) {
      const batch = { seq: seq++, points: pending };
      pending = [];
      if (stopped || Date.now() < retryAt || queue.length >= cfg.memoryBatches) toDisk(batch.seq, batch.points);
      else queue.push(batch);
    }
    pump();
  };

  const add = (points: readonly InfluxPoint[]) => {
    for (const p of points) {
      pending.push(p);
      if (pending.length >= cfg.batchSize) flush();
    }
  };

  return {
    onOutcome(o) {
      add(outcomePoints(o));
    },
    add,
    start() {
      flushTimer = setInterval(flush, cfg.flushIntervalMs);
      flushTimer.unref();
      pump();
    },
    async stop() {
      clearInterval(flushTimer);
      clearTimeout(replayTimer);
      stopped = true;
      await inFlight;
      flush();
      spill();
    },
    drained() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        flush();
        pump();
      });
    },
  };
}

/** A short, bounded reason for a failed write. */
function errorReason(err: unknown): string {
  const e = err as { code?: string; message?: string; res?: { statusCode?: number } };
  const status = e.res?.statusCode ?? Number(/^(\d{3}):/.exec(String(e.message))?.[1] ?? NaN);
  if (status >= 400 && status < 500) return 'http_4xx';
  if (status >= 500 || /Service Unavailable|Internal Server Error|Bad Gateway|Gateway Timeout/.test(String(e.message))) return 'http_5xx';
  if (/timed? ?out|ETIMEDOUT/i.test(String(e.message)) || e.code === 'ETIMEDOUT') return 'timeout';
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|No host available|socket hang up/i.test(`${e.code} ${e.message}`)) return 'connection';
  return 'other';
}
