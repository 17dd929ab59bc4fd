import { CronExpressionParser } from 'cron-parser';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { duration } from '../config/duration.ts';
import type { LabelMatcher } from '../state/matchers.ts';
import { matcherText } from './matcher-text.ts';

/** Labels a maintenance window may be scoped by. */
export const SCOPE_LABELS = ['site', 'target', 'service', 'agency'] as const;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** When a window happens: once, on a cron schedule, or on the nth weekday of each month (n = -1: the last). */
export type Schedule =
  | { kind: 'once'; start: number; end: number }
  | { kind: 'cron'; cron: string; durationMs: number }
  | { kind: 'nth'; n: number; weekday: (typeof WEEKDAYS)[number]; at: string; durationMs: number };

/** A maintenance window as the config or the API gives it, checked. */
export interface MaintenanceSpec {
  id: string | undefined;
  matchers: LabelMatcher[];
  ticket: string;
  approvedBy: string;
  announcedAt: number;
  timeZone: string;
  schedule: Schedule;
}

const scopeMatcher = matcherText.refine((m) => (SCOPE_LABELS as readonly string[]).includes(m.label), {
  error: `a maintenance window is scoped by ${SCOPE_LABELS.join(', ')} only`,
});

const instant = z.string().refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, { error: 'expected an ISO 8601 time, e.g. "2026-03-29T01:00" or "2026-03-01T09:00:00+08:00"' });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected HH:MM, e.g. "02:00"' });

/** One maintenance window (config `maintenance:` entry or API body); local times are in `time_zone`. */
export const maintenanceSpecSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'an id uses letters, digits and . _ - only' }).optional(),
    matchers: z.array(scopeMatcher).min(1, { error: 'give at least one matcher (site, target, service or agency)' }),
    ticket: z.string().min(1),
    approved_by: z.string().min(1),
    announced_at: instant,
    time_zone: z.string().default('Asia/Shanghai').refine((tz) => IANAZone.isValidZone(tz), { error: 'unknown time zone; use an IANA name such as "Asia/Shanghai"' }),
    start: instant.optional(),
    end: instant.optional(),
    cron: z.string().optional(),
    nth_weekday: z.strictObject({
      n: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)], { error: 'n is 1 to 5, or -1 for the last' }),
      weekday: z.enum(WEEKDAYS),
      at: clock,
    }).optional(),
    duration: duration({ min: 60_000 }).optional(),
  })
  .superRefine((w, ctx) => {
    const kinds = [w.start !== undefined || w.end !== undefined, w.cron !== undefined, w.nth_weekday !== undefined].filter(Boolean).length;
    if (kinds !== 1) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of start/end (one-off), cron, or nth_weekday' });
      return;
    }
    if (w.start !== undefined || w.end !== undefined) {
      if (w.start === undefined || w.end === undefined) ctx.addIssue({ code: 'custom', path: [w.start === undefined ? 'start' : 'end'], message: 'a one-off window needs both start and end' });
      else if (localTime(w.end, w.time_zone) <= localTime(w.start, w.time_zone)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must be after start' });
      if (w.duration !== undefined) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'a one-off window takes start and end, not duration' });
      return;
    }
    if (w.duration === undefined) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'a recurring window needs a duration, e.g. "2h"' });
    if (w.cron !== undefined) {
      try {
        CronExpressionParser.parse(w.cron, { tz: w.time_zone, strict: false });
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['cron'], message: `not a cron expression: ${(err as Error).message}` });
      }
    }
  })
  .transform((w): MaintenanceSpec => ({
    id: w.id,
    matchers: w.matchers,
    ticket: w.ticket,
    approvedBy: w.approved_by,
    announcedAt: localTime(w.announced_at, w.time_zone),
    timeZone: w.time_zone,
    schedule:
      w.start !== undefined ? { kind: 'once', start: localTime(w.start, w.time_zone), end: localTime(w.end!, w.time_zone) }
      : w.cron !== undefined ? { kind: 'cron', cron: w.cron, durationMs: w.duration! }
      : { kind: 'nth', ...w.nth_weekday!, durationMs: w.duration! },
  }));

/** An ISO time; without an offset it is read as local time in `zone`. */
function localTime(text: string, zone: string): number {
  return DateTime.fromISO(text, { zone }).toMillis();
}

/** The [start, end) spans of a schedule that overlap [from, to], in order. */
export function occurrences(schedule: Schedule, timeZone: string, from: number, to: number): Array<{ start: number; end: number }> {
  if (schedule.kind === 'once') return schedule.start < to && schedule.end > from ? [{ start: schedule.start, end: schedule.end }] : [];
  const out: Array<{ start: number; end: number }> = [];
  const d = schedule.durationMs;
  if (schedule.kind === 'cron') {
    const it = CronExpressionParser.parse(schedule.cron, { tz: timeZone, currentDate: new Date(from - d - 1) });
    for (let guard = 0; guard < 100_000; guard++) {
      const start = it.next().getTime();
      if (start >= to) break;
      if (start + d > from) out.push({ start, end: start + d });
    }
    return out;
  }
  const [hour, minute] = schedule.at.split(':').map(Number) as [number, number];
  const weekday = WEEKDAYS.indexOf(schedule.weekday) + 1;
  let month = DateTime.fromMillis(from - d, { zone: timeZone }).startOf('month');
  while (month.toMillis() < to) {
    const day = nthWeekday(month, schedule.n, weekday);
    if (day !== undefined) {
      const start = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: timeZone }).toMillis();
      if (start < to && start + d > from) out.push({ start, end: start + d });
    }
    month = month.plus({ months: 1 });
  }
  return out;
}

function nthWeekday(month: DateTime, n: number, weekday: number): DateTime | undefined {
  if (n > 0) {
    const first = month.plus({ days: (weekday - month.weekday + 7) % 7 });
    const day = first.plus({ weeks: n - 1 });
    return day.month === month.month ? day : undefined;
  }
  const last = month.endOf('month').startOf('day');
  return last.minus({ days: (last.weekday - weekday + 7) % 7 });
}
