import { IANAZone } from 'luxon';
import { z } from 'zod';
import { duration } from '../config/duration.ts';
import { WorkCalendar, type CalendarConfig } from './calendar.ts';

const CATEGORIES = ['infrastructure', 'support-software', 'application', 'information-resource', 'security', 'operations'] as const;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const TIME_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const isoDate = z.string({ error: 'expected a date YYYY-MM-DD' }).refine(
  (s) => DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  { error: 'expected a date YYYY-MM-DD' },
);
const localized = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
const percent = z.number().min(0).max(100).refine((n) => Number.isInteger(Math.round(n * 1000)) && Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6, { error: 'at most 3 decimals' });

const checkSchema = z.union([z.strictObject({ target: z.string().min(1) }), z.strictObject({ rule: z.string().min(1) })], {
  error: 'a check is { target: NAME } or { rule: ID }',
});

const healthSchema = z
  .strictObject({
    down_when: z.enum(['any', 'all', 'quorum']).default('any'),
    quorum: z.number().int().min(1).optional(),
    checks: z.array(checkSchema).min(1, { error: 'a service needs at least one check' }),
  })
  .superRefine((h, ctx) => {
    if (h.down_when === 'quorum' && h.quorum === undefined) ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'down_when: quorum needs quorum: N' });
    if (h.down_when !== 'quorum' && h.quorum !== undefined) ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'quorum is only used with down_when: quorum' });
    if (h.quorum !== undefined && h.quorum > h.checks.length) ctx.addIssue({ code: 'custom', path: ['quorum'], message: `quorum ${h.quorum} is more than the ${h.checks.length} checks` });
  });

const hoursSchema = z.union([
  z.literal('7x24'),
  z.strictObject({ days: z.literal('workdays'), from: z.string().regex(TIME_RE, { error: 'expected HH:MM' }), to: z.string().regex(TIME_RE, { error: 'expected HH:MM' }) })
    .refine((h) => h.from < h.to, { error: 'from must be before to' }),
], { error: 'hours is "7x24" or { days: workdays, from: "HH:MM", to: "HH:MM" }' });

const target = z.strictObject({ ack: duration(), restore: duration() });

const serviceSchema = z.strictObject({
  id: z.string().regex(ID_RE, { error: 'a service id uses letters, digits and . _ - only' }),
  name: localized.optional(),
  category: z.enum(CATEGORIES),
  health: healthSchema,
  availability: percent,
  hours: hoursSchema.default('7x24'),
  min_outage: duration().prefault('0s'),
  unknown: z.enum(['exclude', 'up', 'down']).default('exclude'),
  maintenance: z.strictObject({ notice: duration().prefault('0s'), monthly_quota: duration().optional() }).prefault({}),
  response: z.strictObject({ 1: target.optional(), 2: target.optional(), 3: target.optional(), 4: target.optional() }).default({}),
  credits: z.array(z.strictObject({ below: percent, percent: z.number().min(0).max(100) })).default([]),
});

const agencySchema = z.strictObject({
  id: z.string().regex(ID_RE, { error: 'an agency id uses letters, digits and . _ - only' }),
  name: localized,
  timezone: z.string().refine((tz) => IANAZone.isValidZone(tz), { error: 'unknown time zone (use an IANA name such as Asia/Shanghai)' }).default('Asia/Shanghai'),
  contacts: z.array(z.string().min(1)).default([]),
  contract: z.strictObject({ version: z.string().min(1), effective: isoDate }),
  services: z.array(serviceSchema).default([]),
});

/** The `sla:` config section (issue 8): agencies, each an effective-dated contract with its services. */
export const slaSchema = z.strictObject({ agencies: z.array(agencySchema).default([]) });

/** The `calendar:` section: whole years (`years."2027": { holidays, workdays }`) and single-day overrides. */
export const calendarSchema = z.strictObject({
  years: z.record(z.string().regex(/^\d{4}$/, { error: 'a year key is four digits' }), z.strictObject({
    holidays: z.array(isoDate).default([]),
    workdays: z.array(isoDate).default([]),
  })).default({}),
  holidays: z.array(isoDate).default([]),
  workdays: z.array(isoDate).default([]),
});

export type SlaConfig = z.output<typeof slaSchema>;
/** One agency entry: one version of its contract. */
export type AgencyContract = SlaConfig['agencies'][number];
export type ServiceContract = AgencyContract['services'][number];
export type HealthCheck = ServiceContract['health']['checks'][number];

type Issue = { path: Array<string | number>; message: string };

/**
 * Checks across the `sla:` and `calendar:` sections: service ids unique across agencies, versions
 * of one agency with distinct effective dates, and a calendar for every year a workdays contract
 * could be reported for (its effective year through the current one, or until the next version).
 */
export function slaCrossChecks(raw: { sla?: unknown; calendar?: unknown }, currentYear: number): Issue[] {
  const issues: Issue[] = [];
  const sla = raw.sla as { agencies?: unknown } | undefined;
  if (!Array.isArray(sla?.agencies)) return issues;
  const agencies = sla.agencies as Array<{ id?: unknown; contract?: { effective?: unknown }; services?: unknown } | null>;
  const ownerOf = new Map<string, { agency: string; at: string }>();
  const effectiveSeen = new Map<string, number>();
  const cal = raw.calendar as Partial<CalendarConfig> | undefined;
  let calendar: WorkCalendar | undefined;
  try {
    calendar = new WorkCalendar({ years: cal?.years ?? {}, holidays: cal?.holidays ?? [], workdays: cal?.workdays ?? [] });
  } catch { /* the calendar section has its own errors */ }

  agencies.forEach((a, i) => {
    if (typeof a?.id !== 'string') return;
    const effective = typeof a.contract?.effective === 'string' ? a.contract.effective : undefined;
    if (effective !== undefined) {
      const key = `${a.id}\u0000${effective}`;
      const first = effectiveSeen.get(key);
      if (first !== undefined) issues.push({ path: ['sla', 'agencies', i, 'contract', 'effective'], message: `agency "${a.id}" already has a contract effective ${effective} (sla.agencies[${first}])` });
      else effectiveSeen.set(key, i);
    }
    if (!Array.isArray(a.services)) return;
    const untilYear = nextEffectiveYear(agencies, a.id, effective) ?? currentYear;
    (a.services as Array<{ id?: unknown; hours?: unknown } | null>).forEach((s, j) => {
      if (typeof s?.id === 'string') {
        const owner = ownerOf.get(s.id);
        if (owner !== undefined && owner.agency !== a.id) issues.push({ path: ['sla', 'agencies', i, 'services', j, 'id'], message: `service id "${s.id}" is already used by agency "${owner.agency}" (${owner.at}); service ids are unique across the config` });
        else if (owner === undefined) ownerOf.set(s.id, { agency: a.id as string, at: `sla.agencies[${i}].services[${j}]` });
      }
      const hours = s?.hours as { days?: unknown } | undefined;
      if (calendar && effective && hours?.days === 'workdays') {
        const from = Number(effective.slice(0, 4));
        for (let y = from; y <= Math.max(from, untilYear); y++) {
          if (!calendar.hasYear(y)) {
            issues.push({ path: ['sla', 'agencies', i, 'services', j, 'hours'], message: `workdays follow the CN calendar, which has no ${y}: add calendar.years."${y}" (holidays and make-up workdays)` });
            break;
          }
        }
      }
    });
    const dup = new Set<string>();
    (a.services as Array<{ id?: unknown } | null>).forEach((s, j) => {
      if (typeof s?.id !== 'string') return;
      if (dup.has(s.id)) issues.push({ path: ['sla', 'agencies', i, 'services', j, 'id'], message: `duplicate service id "${s.id}" in this contract` });
      dup.add(s.id);
    });
  });
  return issues;
}

function nextEffectiveYear(agencies: ReadonlyArray<{ id?: unknown; contract?: { effective?: unknown } } | null>, id: string, effective: string | undefined): number | undefined {
  if (effective === undefined) return undefined;
  const later = agencies
    .filter((a) => a?.id === id && typeof a.contract?.effective === 'string' && a.contract.effective > effective)
    .map((a) => a!.contract!.effective as string)
    .sort();
  if (later[0] === undefined) return undefined;
  return Number(later[0].slice(0, 4)) - (later[0].endsWith('-01-01') ? 1 : 0);
}
