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

/** Shard keys of targets (by name) and agencies (by id) that are not simply their own names. */
export interface ShardKeys {
  targets: Map<string, string>;
  agencies: Map<string, string>;
}

/**
 * What decides shards besides a target's own name: an agency's SLA is computed and reported from one
 * ledger, so every target a service of an agency checks goes with that agency (agencies that share a
 * target go together, under the agency id that sorts first). A target no SLA service checks goes by
 * its own name.
 */
export function shardKeys(config: Pick<Config, 'sla'>): ShardKeys {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  // "agency:" sorts before "target:", so a group's root is always its smallest agency id
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)].sort() as [string, string];
    parent.set(rb, ra);
  };
  for (const agency of config.sla.agencies) {
    find(`agency:${agency.id}`);
    for (const service of agency.services) {
      for (const check of service.health.checks) if ('target' in check) union(`agency:${agency.id}`, `target:${check.target}`);
    }
  }
  const keys: ShardKeys = { targets: new Map(), agencies: new Map() };
  for (const node of [...parent.keys()]) {
    const key = find(node).slice('agency:'.length);
    if (node.startsWith('target:')) keys.targets.set(node.slice('target:'.length), key);
    else keys.agencies.set(node.slice('agency:'.length), key);
  }
  return keys;
}

/**
 * The config this instance runs: only its shard's targets, each labelled `shard="i/N"`, and only the
 * agencies whose SLA this shard computes (so no other shard's service is exported as unknown and each
 * agency gets one monthly report); unchanged without sharding.
 */
export function applyShard(config: Config): Config {
  const shard = config.shard;
  if (shard === undefined) return config;
  const label = shardLabel(shard);
  const keys = shardKeys(config);
  const mine = (key: string) => shardOf(key, shard.count) === shard.index;
  return {
    ...config,
    targets: config.targets
      .filter((t) => mine(keys.targets.get(t.name) ?? t.name))
      .map((t) => ({ ...t, labels: { ...t.labels, [LABEL.shard]: label } })),
    sla: { ...config.sla, agencies: config.sla.agencies.filter((a) => mine(keys.agencies.get(a.id)!)) },
  };
}
