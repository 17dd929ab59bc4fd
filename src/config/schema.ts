import { z } from 'zod';
import { v3UserSchema } from '../../collectors/index.ts';
import { alertingSchema, checkReceivers as checkRouteReceivers, maintenanceSchema } from '../alerting/config.ts';
import { checkedAddress, parseHostPort } from '../collector/address.ts';
import type { CollectorKind } from '../collector/types.ts';
import { influxSchema } from '../exporters/influx/config.ts';
import { shardSchema } from '../shard/shard.ts';
import { checkTrapMappings } from '../traps/mappings.ts';
import { byteSize } from './bytes.ts';
import type { LoadedRule } from '../rules/load.ts';
import { ruleFilesSchema, ruleSettingsSchema } from '../rules/schema.ts';
import { duration, formatDuration } from './duration.ts';
import { resolveConfigPath, resolveSecret } from './secret.ts';
import { checkReceivers, receiversSchema, smtpSchema } from '../notify/config.ts';
import { reportsOutput, reportsSchema } from '../reports/config.ts';
import { calendarSchema, slaCrossChecks, slaSchema } from '../sla/config.ts';
import { serverTlsSchema } from './tls.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RESERVED_LABELS = new Set(['target', 'job', 'instance', 'shard', 'kind']);

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
  .transform((text, ctx) => {
    try {
      return parseHostPort(text, 0);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });

const serverSchema = z.strictObject({
  listen: listenSchema.prefault('127.0.0.1:9464'),
  tls: serverTlsSchema.optional(),
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
  heartbeat: duration({ min: 1000, max: HOUR_MS }).prefault('10s'),
});

const schedulerSchema = z.strictObject({
  max_concurrency: z.number().int().min(1).max(100_000).default(256),
  jitter: z.boolean().default(true),
  shutdown_grace: duration({ max: HOUR_MS }).prefault('10s'),
});

const trapsSchema = z.strictObject({
  listen: listenSchema.prefault('0.0.0.0:162'),
  /** Accepted v1/v2c communities; leave empty to accept any (authenticate with v3 users instead). */
  communities: z.array(z.string().min(1)).default([]),
  users: z.array(v3UserSchema).default([]),
  /** The socket's receive buffer (bursts of traps wait there); the kernel caps it at net.core.rmem_max. */
  receive_buffer: byteSize({ min: 65_536, max: 1024 ** 3 }).prefault('8MiB'),
  /** Trap mapping files of your own, added to the shipped ones (collectors/snmp/traps/*.yaml). */
  mapping_files: z.array(z.string().transform(resolveConfigPath)).default([]),
}).superRefine(checkTrapMappings);

const defaultsSchema = z
  .strictObject({
    interval: duration({ min: 1000, max: DAY_MS }).prefault('30s'),
    timeout: duration({ min: 100, max: HOUR_MS }).prefault('10s'),
    labels: labelMap.default({}),
  })
  .superRefine((d, ctx) => {
    if (d.timeout > d.interval) ctx.addIssue({ code: 'custom', path: ['timeout'], message: `timeout must not be longer than the interval (${formatDuration(d.interval)})` });
  });

/** Builds the whole config schema; each collector kind brings the schema of its `options`. */
export function buildConfigSchema(kinds: readonly CollectorKind[]) {
  const kindNames = kinds.map((k) => k.kind);
  const targetBase = {
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/, { error: 'a target name uses letters, digits and . _ : @ / - only' }),
    interval: duration({ min: 1000, max: DAY_MS }).optional(),
    timeout: duration({ min: 100, max: HOUR_MS }).optional(),
    labels: labelMap.default({}),
  };
  const variants = kinds.map((k) =>
    z.strictObject({
      ...targetBase,
      kind: z.literal(k.kind),
      address: k.addressRequired ? checkedAddress(k.checkAddress) : checkedAddress(k.checkAddress).optional(),
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
      /** Where samples are also written (InfluxDB 1.x API); off unless this section is given. */
      influxdb: influxSchema.optional(),
      /** Poll only shard i of N of the targets ("i/N", 1-based; see README "Several instances"). */
      shard: shardSchema.optional(),
      targets: z.array(targetSchema).default([]),
      /** Where notifications go (src/notify/config.ts). */
      receivers: receiversSchema,
      smtp: smtpSchema.optional(),
      /** Monthly SLA reports: output directory, PDF font, the monthly run, the idle rule. */
      reports: reportsSchema.prefault({}),
      /** Incidents, levels, escalation, acknowledge links and notification routing. */
      alerting: alertingSchema.prefault({}),
      /** Maintenance windows (more can be made through the API). */
      maintenance: maintenanceSchema,
      /** SLA contracts per agency (issue 8). */
      sla: slaSchema.prefault({}),
      /** Public-holiday calendar years and overrides for workdays service hours. */
      calendar: calendarSchema.prefault({}),
      /** Rule packs (globs relative to this file); the shipped rules/default.yaml when left out. */
      rule_files: ruleFilesSchema,
      rules: ruleSettingsSchema.prefault({}),
    })
    .superRefine(crossTargetChecks, { when: () => true })
    .superRefine((cfg, ctx) => checkReceivers(cfg as { receivers?: unknown; smtp?: unknown }, ctx), { when: () => true })
    .superRefine(checkRouteReceivers, { when: () => true })
    .superRefine((cfg, ctx) => {
      for (const issue of slaCrossChecks(cfg as { sla?: unknown; calendar?: unknown }, new Date().getUTCFullYear())) ctx.addIssue({ code: 'custom', ...issue });
    }, { when: () => true })
    .transform((cfg) => ({
      server: cfg.server,
      storage: { path: cfg.storage.path, heartbeatMs: cfg.storage.heartbeat },
      scheduler: { maxConcurrency: cfg.scheduler.max_concurrency, jitter: cfg.scheduler.jitter, shutdownGraceMs: cfg.scheduler.shutdown_grace },
      traps: cfg.traps,
      notify: { receivers: cfg.receivers, smtp: cfg.smtp },
      reports: reportsOutput(cfg.reports, cfg.storage.path),
      alerting: cfg.alerting,
      maintenance: cfg.maintenance,
      sla: cfg.sla,
      calendar: cfg.calendar,
      influxdb: cfg.influxdb,
      shard: cfg.shard,
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
