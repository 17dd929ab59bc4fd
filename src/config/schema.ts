import { z } from 'zod';
import { v3UserSchema } from '../../collectors/index.ts';
import type { CollectorKind } from '../collector/types.ts';
import type { LoadedRule } from '../rules/load.ts';
import { ruleFilesSchema, ruleSettingsSchema } from '../rules/schema.ts';
import { duration, formatDuration } from './duration.ts';
import { resolveConfigPath, resolveSecret } from './secret.ts';

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RESERVED_LABELS = new Set(['target', 'job', 'instance']);

const labelMap = z
  .record(z.string(), z.string({ error: 'a label value must be a string (quote numbers: "3")' }))
  .superRefine((labels, ctx) => {
    for (const name of Object.keys(labels)) {
      if (!LABEL_NAME_RE.test(name) || name.startsWith('__')) {
        ctx.addIssue({ code: 'custom', path: [name], params: { at: 'key' }, message: `"${name}" is not a valid label name (letters, digits and _, not starting with a digit or __)` });
      } else if (RESERVED_LABELS.has(name)) {
        ctx.addIssue({ code: 'custom', path: [name], params: { at: 'key' }, message: `label "${name}" is reserved (slaguard or Prometheus sets it)` });
      }
    }
  }, { when: () => true });

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const tokenSchema = z
  .strictObject({
    name: z.string().min(1),
    role: z.enum(ROLES),
    token: z.string().min(16, { error: 'a token must be at least 16 characters' }).optional(),
    token_file: z.string().optional(),
  })
  .transform((t, ctx) => resolveSecret(t, 'token', ctx, true))
  .transform(({ name, role, token }) => ({ name, role, token: token ?? '' }));

const listenSchema = z
  .string()
  .regex(/^(?:\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):\d{1,5}$/, { error: 'expected HOST:PORT, e.g. "127.0.0.1:9464" or "[::1]:9464"' })
  .transform((text) => {
    const i = text.lastIndexOf(':');
    return { host: text.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(text.slice(i + 1)) };
  });

const serverSchema = z.strictObject({
  listen: listenSchema.prefault('127.0.0.1:9464'),
  tls: z
    .strictObject({ cert_file: z.string().transform(resolveConfigPath), key_file: z.string().transform(resolveConfigPath) })
    .optional(),
  auth: z
    .strictObject({
      tokens: z.array(tokenSchema).default([]),
      public: z
        .strictObject({
          metrics: z.boolean().default(true),
          health: z.boolean().default(true),
          status_page: z.boolean().default(true),
        })
        .prefault({}),
    })
    .prefault({}),
});

const storageSchema = z.strictObject({
  path: z.string().default('data/slaguard.db').transform((p) => (p === ':memory:' ? p : resolveConfigPath(p))),
  heartbeat: duration({ min: 1000 }).prefault('10s'),
});

const schedulerSchema = z.strictObject({
  max_concurrency: z.number().int().min(1).max(100_000).default(256),
  jitter: z.boolean().default(true),
  shutdown_grace: duration().prefault('10s'),
});

const trapsSchema = z.strictObject({
  listen: listenSchema.prefault('0.0.0.0:162'),
  /** Accepted v1/v2c communities; leave empty to accept any (authenticate with v3 users instead). */
  communities: z.array(z.string().min(1)).default([]),
  users: z.array(v3UserSchema).default([]),
});

const defaultsSchema = z.strictObject({
  interval: duration({ min: 1000 }).prefault('30s'),
  timeout: duration({ min: 100 }).prefault('10s'),
  labels: labelMap.default({}),
});

/** Builds the whole config schema; each collector kind brings the schema of its `options`. */
export function buildConfigSchema(kinds: readonly CollectorKind[]) {
  const kindNames = kinds.map((k) => k.kind);
  const targetBase = {
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/, { error: 'a target name uses letters, digits and . _ : @ / - only' }),
    interval: duration({ min: 1000 }).optional(),
    timeout: duration({ min: 100 }).optional(),
    labels: labelMap.default({}),
  };
  const variants = kinds.map((k) =>
    z.strictObject({
      ...targetBase,
      kind: z.literal(k.kind),
      address: k.addressRequired ? z.string().min(1) : z.string().min(1).optional(),
      options: k.optionsSchema.prefault({}),
    }),
  );
  const targetSchema = z.discriminatedUnion('kind', variants as unknown as [(typeof variants)[number], ...(typeof variants)],
    { error: (iss) => (iss.code === 'invalid_union' ? `unknown collector kind; expected one of ${kindNames.join(', ')}` : undefined) });

  return z
    .strictObject({
      server: serverSchema.prefault({}),
      storage: storageSchema.prefault({}),
      scheduler: schedulerSchema.prefault({}),
      defaults: defaultsSchema.prefault({}),
      /** The SNMP trap and inform receiver; off unless this section is given. */
      traps: trapsSchema.optional(),
      targets: z.array(targetSchema).default([]),
      /** Rule packs (globs relative to this file); the shipped rules/default.yaml when left out. */
      rule_files: ruleFilesSchema,
      rules: ruleSettingsSchema.prefault({}),
    })
    .superRefine(crossTargetChecks, { when: () => true })
    .transform((cfg) => ({
      server: cfg.server,
      storage: { path: cfg.storage.path, heartbeatMs: cfg.storage.heartbeat },
      scheduler: { maxConcurrency: cfg.scheduler.max_concurrency, jitter: cfg.scheduler.jitter, shutdownGraceMs: cfg.scheduler.shutdown_grace },
      traps: cfg.traps,
      rules: { settings: cfg.rules, files: cfg.rule_files, loaded: [] as readonly LoadedRule[] },
      targets: cfg.targets.map((t) => {
        const intervalMs = t.interval ?? cfg.defaults.interval;
        return {
          name: t.name,
          kind: t.kind,
          address: t.address ?? '',
          options: t.options as unknown,
          intervalMs,
          timeoutMs: Math.min(t.timeout ?? cfg.defaults.timeout, intervalMs),
          labels: { ...cfg.defaults.labels, ...t.labels },
        };
      }),
    }));
}

/** Checks across targets; runs even when other parts failed, so every problem is listed at once. */
function crossTargetChecks(cfg: unknown, ctx: z.RefinementCtx): void {
  const raw = cfg as { targets?: unknown; defaults?: { interval?: unknown } };
  if (!Array.isArray(raw.targets)) return;
  const defaultInterval = typeof raw.defaults?.interval === 'number' ? raw.defaults.interval : 30_000;
  const seen = new Map<string, number>();
  raw.targets.forEach((t: { name?: unknown; interval?: unknown; timeout?: unknown } | null, i) => {
    if (typeof t?.name === 'string') {
      const first = seen.get(t.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['targets', i, 'name'], message: `duplicate target name "${t.name}" (first at targets[${first}])` });
      else seen.set(t.name, i);
    }
    const interval = typeof t?.interval === 'number' ? t.interval : defaultInterval;
    if (typeof t?.timeout === 'number' && t.timeout > interval) {
      ctx.addIssue({ code: 'custom', path: ['targets', i, 'timeout'], message: `timeout must not be longer than the interval (${formatDuration(interval)})` });
    }
  });
}

/** A loaded, checked configuration (durations in milliseconds, paths absolute, secrets read). */
export type Config = z.output<ReturnType<typeof buildConfigSchema>>;
export type TargetConfig = Config['targets'][number];
