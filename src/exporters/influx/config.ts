import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { byteSize } from '../../config/bytes.ts';
import { duration } from '../../config/duration.ts';
import { resolveConfigPath, resolveSecret } from '../../config/secret.ts';

const urlSchema = z.string().refine((text) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}, { error: 'expected an http:// or https:// address, e.g. "http://127.0.0.1:8086"' });

/**
 * The `influxdb:` section: where samples are written (InfluxDB 1.x HTTP API, which 2.x and 3.x also
 * serve), how they are batched, and the disk buffer that holds them while InfluxDB is slow or down.
 */
export const influxSchema = z
  .strictObject({
    /** One address or several (the client fails over between them). */
    url: z.union([urlSchema, z.array(urlSchema).min(1)]),
    database: z.string().min(1),
    retention_policy: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    password_file: z.string().optional(),
    /** CREATE DATABASE at start when it does not exist (needs the right on the server). */
    create_database: z.boolean().default(true),
    /** Points per write request; a batch is sent when it is full or `flush_interval` has passed. */
    batch_size: z.number().int().min(1).max(100_000).default(5000),
    flush_interval: duration({ min: 10 }).prefault('1s'),
    /** A write that takes longer counts as failed: its points go to the disk buffer. */
    timeout: duration({ min: 100 }).prefault('10s'),
    /** How long to wait before trying InfluxDB again after a failed write. */
    retry_interval: duration({ min: 10 }).prefault('5s'),
    buffer: z
      .strictObject({
        /** Folder of the buffer's segment files; default: `influx-buffer` beside the database. */
        path: z.string().transform(resolveConfigPath).optional(),
        /** Bytes on disk at most; past it the oldest points are dropped (and counted). */
        max_size: byteSize({ min: 4096 }).prefault('512MiB'),
        /** Batches that may wait in memory for the one request in flight; more go to disk (and a crash loses at most these). */
        memory_batches: z.number().int().min(0).max(1000).default(4),
      })
      .prefault({}),
  })
  .transform((v, ctx) => resolveSecret(v, 'password', ctx, false))
  .superRefine((v, ctx) => {
    if (v.password !== undefined && v.username === undefined) ctx.addIssue({ code: 'custom', path: ['username'], message: 'a password needs a username' });
  })
  .transform((v) => ({
    urls: typeof v.url === 'string' ? [v.url] : v.url,
    database: v.database,
    retentionPolicy: v.retention_policy,
    username: v.username,
    password: v.password,
    createDatabase: v.create_database,
    batchSize: v.batch_size,
    flushIntervalMs: v.flush_interval,
    timeoutMs: v.timeout,
    retryIntervalMs: v.retry_interval,
    bufferPath: v.buffer.path,
    bufferMaxBytes: v.buffer.max_size,
    memoryBatches: v.buffer.memory_batches,
  }));

/** The checked `influxdb:` section. */
export type InfluxConfig = z.output<typeof influxSchema>;

/** The buffer folder when `buffer.path` is not given: `influx-buffer` beside the database (in the temp dir for `:memory:`). */
export function defaultBufferPath(storagePath: string): string {
  return storagePath === ':memory:' ? join(tmpdir(), `slaguard-influx-buffer-${process.pid}`) : join(dirname(storagePath), 'influx-buffer');
}
