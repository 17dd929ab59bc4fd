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
 * flight at a time; a batch that fails, or is ready while the disk buffer holds anything, goes to the
 * disk buffer, which is replayed oldest first, so points reach InfluxDB in the order they were made.
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

  const settle = () => {
    if (pending.length === 0 && spool.points === 0 && inFlight === undefined) for (const w of waiters.splice(0)) w();
  };

  /** Sends the oldest buffered segment when nothing is in flight and the retry time has come. */
  const pump = () => {
    if (inFlight !== undefined || spool.points === 0 || Date.now() < retryAt) return settle();
    const oldest = spool.oldest()!;
    inFlight = send(oldest.points).then((ok) => {
      if (ok) spool.remove(oldest.seq);
      inFlight = undefined;
      if (!stopped) ok ? setImmediate(pump) : scheduleReplay();
      settle();
    });
  };
  const scheduleReplay = () => {
    clearTimeout(replayTimer);
    replayTimer = setTimeout(pump, Math.max(0, retryAt - Date.now()));
    replayTimer.unref();
  };

  const flush = () => {
    if (pending.length === 0) return settle();
    const batch = pending;
    const batchSeq = seq++;
    pending = [];
    if (inFlight !== undefined || spool.points > 0 || Date.now() < retryAt || stopped) {
      toDisk(batchSeq, batch);
      if (!stopped) pump();
      return;
    }
    inFlight = send(batch).then((ok) => {
      if (!ok) toDisk(batchSeq, batch);
      inFlight = undefined;
      if (!stopped) ok ? pump() : scheduleReplay();
      settle();
    });
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
      await inFlight;
      stopped = true;
      flush();
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
