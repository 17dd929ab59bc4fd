import { z } from 'zod';
import { duration } from '../config/duration.ts';
import type { LabelMatcher } from '../state/matchers.ts';
import { matcherText } from './matcher-text.ts';
import { maintenanceSpecSchema } from './maintenance-spec.ts';

const labelName = z.string().regex(/^(?:[a-zA-Z_][a-zA-Z0-9_]*|\.\.\.)$/, { error: 'expected a label name (or "..." for all labels)' });

/** One node of the routing tree, as written; children inherit what they leave out. */
export interface RouteInput {
  receiver?: string | undefined;
  matchers?: LabelMatcher[] | undefined;
  group_by?: string[] | undefined;
  group_wait?: number | undefined;
  group_interval?: number | undefined;
  repeat_interval?: number | undefined;
  continue?: boolean | undefined;
  routes?: RouteInput[] | undefined;
}

const routeSchema: z.ZodType<RouteInput, unknown> = z.lazy(() =>
  z.strictObject({
    receiver: z.string().min(1).optional(),
    matchers: z.array(matcherText).optional(),
    group_by: z.array(labelName).optional(),
    group_wait: duration().optional(),
    group_interval: duration({ min: 1000 }).optional(),
    repeat_interval: duration({ min: 1000 }).optional(),
    continue: z.boolean().optional(),
    routes: z.array(routeSchema).optional(),
  }),
) as unknown as z.ZodType<RouteInput, unknown>;

const levelTargets = z.strictObject({ acknowledge: duration({ min: 1000 }), restore: duration({ min: 1000 }) });
const LEVEL_DEFAULTS = {
  1: { acknowledge: '15m', restore: '4h' },
  2: { acknowledge: '30m', restore: '8h' },
  3: { acknowledge: '2h', restore: '24h' },
  4: { acknowledge: '8h', restore: '72h' },
} as const;
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'a level is 1, 2, 3 or 4' });

/** The `alerting:` section: incident levels and grouping, escalation, the acknowledge link and the routing tree. */
export const alertingSchema = z.strictObject({
  /** Language of notifications. */
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
  incidents: z.strictObject({
    /** Alternatives, first that an alert has all labels of wins: default service, else target. */
    group_by: z.array(z.union([labelName, z.array(labelName).min(1)])).min(1).default(['service', 'target']),
    close_after: duration().prefault('1h'),
  }).prefault({}),
  levels: z.strictObject({
    1: levelTargets.prefault(LEVEL_DEFAULTS[1]),
    2: levelTargets.prefault(LEVEL_DEFAULTS[2]),
    3: levelTargets.prefault(LEVEL_DEFAULTS[3]),
    4: levelTargets.prefault(LEVEL_DEFAULTS[4]),
  }).prefault({}),
  /** Rule severity → level; an alert label `level: "2"` overrides it. */
  severity_levels: z.strictObject({ critical: level.default(1), warning: level.default(3), info: level.default(4) }).prefault({}),
  escalation: z.strictObject({
    /** Notified in turn once a level's acknowledge target has passed; the last tier repeats. */
    tiers: z.array(z.strictObject({ receivers: z.array(z.string().min(1)).min(1) })).default([]),
    repeat: duration({ min: 1000 }).prefault('30m'),
  }).prefault({}),
  ack_link: z.strictObject({
    /** Where people reach this daemon, e.g. "https://slaguard.example.gov.cn"; no link without it. */
    base_url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. "https://slaguard.example.gov.cn"' }).optional(),
    secret: z.string().min(16, { error: 'the secret must be at least 16 characters' }).optional(),
    valid_for: duration({ min: 60_000 }).prefault('24h'),
  }).prefault({}),
  route: routeSchema.optional(),
}).superRefine((a, ctx) => {
  const route = a.route as { receiver?: unknown } | undefined;
  if (typeof route === 'object' && route !== null && route.receiver === undefined) ctx.addIssue({ code: 'custom', path: ['route'], message: 'the root route needs a receiver (the default for alerts no child route takes)' });
}, { when: () => true });

/** The `maintenance:` section: windows declared in the config (more come through the API). */
export const maintenanceSchema = z.array(maintenanceSpecSchema).default([]).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  if (!Array.isArray(list)) return;
  list.forEach((w: { id?: unknown } | null, i) => {
    if (typeof w !== 'object' || w === null) return;
    if (typeof w.id !== 'string') ctx.addIssue({ code: 'custom', path: [i], message: 'a maintenance window in the config needs an id (it is how its records are kept across edits)' });
    else if (seen.has(w.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate maintenance window id "${w.id}" (first at maintenance[${seen.get(w.id)}])` });
    else seen.set(w.id, i);
  });
}, { when: () => true });

export type AlertingConfig = z.output<typeof alertingSchema>;
export type MaintenanceConfig = z.output<typeof maintenanceSchema>;

/** Every receiver name the alerting config refers to, with its path (for the config check). */
export function receiverRefs(raw: unknown): Array<{ name: string; path: Array<string | number> }> {
  const out: Array<{ name: string; path: Array<string | number> }> = [];
  const a = raw as { route?: unknown; escalation?: { tiers?: unknown } } | undefined;
  const walk = (r: unknown, path: Array<string | number>) => {
    const node = r as { receiver?: unknown; routes?: unknown } | null;
    if (typeof node !== 'object' || node === null) return;
    if (typeof node.receiver === 'string') out.push({ name: node.receiver, path: [...path, 'receiver'] });
    if (Array.isArray(node.routes)) node.routes.forEach((c, i) => walk(c, [...path, 'routes', i]));
  };
  walk(a?.route, ['alerting', 'route']);
  if (Array.isArray(a?.escalation?.tiers)) {
    a.escalation.tiers.forEach((t: { receivers?: unknown } | null, i: number) => {
      if (Array.isArray(t?.receivers)) t.receivers.forEach((n, j) => typeof n === 'string' && out.push({ name: n, path: ['alerting', 'escalation', 'tiers', i, 'receivers', j] }));
    });
  }
  return out;
}

/** Names of the receivers in the raw config's `receivers:` (a list of {name} or a map by name); undefined when absent. */
export function receiverNames(raw: unknown): Set<string> | undefined {
  if (Array.isArray(raw)) return new Set(raw.map((r: { name?: unknown } | null) => r?.name).filter((n): n is string => typeof n === 'string'));
  if (typeof raw === 'object' && raw !== null) return new Set(Object.keys(raw));
  return undefined;
}

/** Config check: routes and escalation tiers may only name receivers that `receivers:` defines (skipped while the config has no such key). */
export function checkReceivers(cfg: unknown, ctx: z.RefinementCtx): void {
  const raw = cfg as { alerting?: unknown; receivers?: unknown };
  const refs = receiverRefs(raw.alerting);
  if (refs.length === 0) return;
  const names = receiverNames(raw.receivers);
  if (names === undefined) return;
  const known = `known: ${[...names].join(', ') || 'none'}`;
  for (const ref of refs) {
    if (!names.has(ref.name)) ctx.addIssue({ code: 'custom', path: ref.path, message: `receiver "${ref.name}" does not exist (${known})` });
  }
}
