import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config/schema.ts';
import { LABEL } from '../metrics/names.ts';

/** One shard of N: `index` from 1 to `count`. */
export interface Shard {
  index: number;
  count: number;
}

const SHARD_RE = /^(\d+)\/(\d+)$/;
const MAX_SHARDS = 4096;

/** Parses `"i/N"` (1 ≤ i ≤ N ≤ 4096); a string is the problem. */
export function parseShard(text: string): Shard | string {
  const m = SHARD_RE.exec(text.trim());
  if (m === null) return `expected "i/N", e.g. "2/3" (shard 2 of 3; shards count from 1)`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return `the number of shards must be from 1 to ${MAX_SHARDS}, not ${count}`;
  if (index < 1 || index > count) return `the shard must be from 1 to ${count} (shards count from 1), not ${index}`;
  return { index, count };
}

/** The `shard:` config key: `"i/N"`. */
export const shardSchema = z.string().transform((text, ctx) => {
  const shard = parseShard(text);
  if (typeof shard === 'string') {
    ctx.addIssue({ code: 'custom', message: shard });
    return z.NEVER;
  }
  return shard;
});

/**
 * The shard (1-based) a target belongs to among `count`: the first 8 bytes of SHA-256 of its name
 * (UTF-8), read as an unsigned big-endian integer, modulo `count`, plus 1. Operators can predict it:
 * `printf %s NAME | sha256sum`, take the first 16 hex digits, mod N, plus 1.
 */
export function shardOf(name: string, count: number): number {
  const head = createHash('sha256').update(name, 'utf8').digest().readBigUInt64BE(0);
  return Number(head % BigInt(count)) + 1;
}

/** `"i/N"`, the value of the `shard` label. */
export const shardLabel = (s: Shard): string => `${s.index}/${s.count}`;

/** The config this instance runs: only its shard's targets, each labelled `shard="i/N"`; unchanged without sharding. */
export function applyShard(config: Config): Config {
  const shard = config.shard;
  if (shard === undefined) return config;
  const label = shardLabel(shard);
  return {
    ...config,
    targets: config.targets
      .filter((t) => shardOf(t.name, shard.count) === shard.index)
      .map((t) => ({ ...t, labels: { ...t.labels, [LABEL.shard]: label } })),
  };
}
