import { z } from 'zod';
import { duration } from '../config/duration.ts';

const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const labelName = z.string().regex(LABEL_NAME_RE, { error: 'expected a label name (letters, digits and _, not starting with a digit)' });

/** A label matcher as a rule pack writes it: `{ label, op, value }`, `op` defaulting to `=`. */
export const matcherSchema = z
  .strictObject({ label: labelName, op: z.enum(['=', '!=', '=~', '!~']).default('='), value: z.string() })
  .superRefine((m, ctx) => {
    if (m.op === '=~' || m.op === '!~') {
      try {
        new RegExp(`^(?:${m.value})$`);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid regular expression: ${(err as Error).message}` });
      }
    }
  });

const localized = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const band = z.strictObject({ low: z.number(), high: z.number() }).refine((b) => b.low < b.high, { error: 'low must be below high' });
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'a rule id uses lower-case letters, digits and - only, e.g. "ups-on-battery"' });

/** How often a series may change state before it is called flapping, and how long it must then stay calm. */
export const flappingSchema = z.strictObject({
  changes: z.number().int().min(2).default(6),
  window: duration({ min: 1000 }).prefault('1h'),
  stable_for: duration({ min: 1000 }).prefault('30m'),
});

/** A dependency: while a matching parent alert is active, this rule's alert is suppressed. */
export const dependsOnSchema = z.strictObject({
  /** The parent's rule id; any rule when left out. */
  rule: ruleId.optional(),
  /** Child label → parent label that must be equal (e.g. `{ uplink: target }`). */
  labels: z.record(labelName, labelName).default({}),
  /** Matchers the parent alert's labels must satisfy. */
  match: z.array(matcherSchema).default([]),
});

const common = {
  id: ruleId,
  severity: z.enum(['critical', 'warning', 'info']),
  summary: localized,
  description: localized,
  labels: z.record(labelName, z.string()).default({}),
  for: duration().prefault('0s'),
  keep_firing_for: duration().prefault('0s'),
  depends_on: z.array(dependsOnSchema).default([]),
  flapping: flappingSchema.optional(),
};
const series = { ...common, metric: z.string().min(1), match: z.array(matcherSchema).default([]) };

const threshold = z.strictObject({
  ...series,
  kind: z.literal('threshold'),
  above: z.number().optional(),
  below: z.number().optional(),
  outside: band.optional(),
  /** Hysteresis: the level (or band) the value must cross back over before the alert resolves. */
  clear: z.union([z.number(), band]).optional(),
  /** Levels are multiples of a nominal value: the series' (or target's) label, else `default`. */
  relative_to: z.strictObject({ label: labelName, default: z.number().positive() }).optional(),
  /** Only while the series of `metric` with the same labels equals `equals` (e.g. admin up: 1). */
  when: z.strictObject({ metric: z.string().min(1), equals: z.number() }).optional(),
});

const state = z.strictObject({
  ...series,
  kind: z.literal('state'),
  /** The label that names the state (e.g. `source`). */
  label: labelName,
  /** States that break the rule (e.g. `[battery]`). */
  states: z.array(z.string().min(1)).min(1),
});

const rate = z.strictObject({
  ...series,
  kind: z.literal('rate'),
  above: z.number().optional(),
  below: z.number().optional(),
  /** Compare rate × bits ÷ this metric (same labels), e.g. throughput against interface speed. */
  /** Rate against a speed series of the same labels: rate × `factor` ÷ speed (octets against bytes/s: factor 1). */
  per_speed: z.strictObject({ metric: z.string().min(1), factor: z.number().positive().default(1) }).optional(),
});

const absent = z.strictObject({ ...series, kind: z.literal('absent'), for: duration({ min: 1000 }) });

const change = z.strictObject({
  ...series,
  kind: z.literal('change'),
  /** A drop in the value (an uptime going back: a reboot) fires; the alert resolves after this. */
  resolve_after: duration({ min: 1000 }).prefault('30m'),
});

const targetStatus = z.strictObject({
  ...common,
  kind: z.literal('target_status'),
  status: z.array(z.enum(['down', 'unknown'])).min(1).default(['down']),
  /** Collector kinds this applies to (all when left out). */
  kinds: z.array(z.string().min(1)).optional(),
  /** Matchers over the target's labels (`target`, `site`...). */
  match: z.array(matcherSchema).default([]),
});

const event = z.strictObject({
  ...common,
  kind: z.literal('event'),
  /** Event kinds that fire (e.g. `ups_on_battery`), optionally of one source (`snmp-trap`). */
  event: z.strictObject({ kinds: z.array(z.string().min(1)).min(1), source: z.string().optional() }),
  /** Event kinds that resolve it (e.g. `ups_on_mains`). */
  resolve_on: z.array(z.string().min(1)).default([]),
  resolve_after: duration({ min: 1000 }).prefault('1h'),
  match: z.array(matcherSchema).default([]),
});

const composite = z.strictObject({
  ...common,
  kind: z.literal('composite'),
  all: z.array(ruleId).min(1).optional(),
  any: z.array(ruleId).min(1).optional(),
  /** Child alerts are joined on these labels. */
  on: z.array(labelName).min(1).default(['target']),
});

/** One rule as a pack writes it. */
export const ruleSchema = z
  .discriminatedUnion('kind', [threshold, state, rate, absent, change, targetStatus, event, composite], {
    error: (iss) => (iss.code === 'invalid_union' ? 'unknown rule kind; expected threshold, state, rate, absent, change, target_status, event or composite' : undefined),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'threshold') {
      const given = [r.above, r.below, r.outside].filter((x) => x !== undefined).length;
      if (given !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of "above", "below" or "outside"' });
      if (r.clear !== undefined) {
        const bandClear = typeof r.clear === 'object';
        if (bandClear !== (r.outside !== undefined)) ctx.addIssue({ code: 'custom', path: ['clear'], message: r.outside ? 'with "outside", clear is a band { low, high }' : 'with "above"/"below", clear is a number' });
        else if (r.above !== undefined && (r.clear as number) > r.above) ctx.addIssue({ code: 'custom', path: ['clear'], message: `clear must not be above the firing level ${r.above}` });
        else if (r.below !== undefined && (r.clear as number) < r.below) ctx.addIssue({ code: 'custom', path: ['clear'], message: `clear must not be below the firing level ${r.below}` });
        else if (r.outside && typeof r.clear === 'object' && (r.clear.low < r.outside.low || r.clear.high > r.outside.high)) ctx.addIssue({ code: 'custom', path: ['clear'], message: 'the clear band must lie inside the firing band' });
      }
    }
    if (r.kind === 'rate' && (r.above === undefined) === (r.below === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of "above" or "below"' });
    if (r.kind === 'composite' && (r.all === undefined) === (r.any === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of "all" or "any"' });
  });

/** A rule pack file: a list of rules. */
export const rulePackSchema = z.strictObject({ rules: z.array(ruleSchema).default([]) });

/** The `rules:` section of the config: engine settings. */
export const ruleSettingsSchema = z.strictObject({
  flapping: flappingSchema.prefault({}),
  /** Dependencies every rule has (e.g. hosts behind a switch: `{ rule: target-unreachable, labels: { uplink: target } }`). */
  depends_on: z.array(dependsOnSchema).default([]),
});

/** `rule_files:` in the config: globs relative to the config file. */
export const ruleFilesSchema = z.array(z.string().min(1)).min(1).optional();

export type RuleSpec = z.output<typeof ruleSchema>;
export type RuleSettings = z.output<typeof ruleSettingsSchema>;
export type DependsOn = z.output<typeof dependsOnSchema>;
export type Flapping = z.output<typeof flappingSchema>;
