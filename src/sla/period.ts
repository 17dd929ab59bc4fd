import { DateTime } from 'luxon';
import type { WorkCalendar } from './calendar.ts';
import { clockOf } from './fast-time.ts';
import type { ServiceContract } from './config.ts';

/** Half-open interval [start, end) in whole seconds since the epoch. */
export type Span = readonly [number, number];

/** A reporting period: the calendar month in the agency's zone, [1st 00:00, next 1st 00:00). */
export interface Period {
  month: string;
  zone: string;
  start: number;
  end: number;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `text` is a month YYYY-MM. */
export function isMonth(text: string): boolean {
  return MONTH_RE.test(text);
}

/** The month `month` (YYYY-MM) in `zone`, in epoch seconds. */
export function monthPeriod(month: string, zone: string): Period {
  const m = MONTH_RE.exec(month);
  if (!m) throw new Error(`"${month}" is not a month (expected YYYY-MM)`);
  const first = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone });
  return { month, zone, start: first.toSeconds(), end: first.plus({ months: 1 }).toSeconds() };
}

/** The month (YYYY-MM) containing `ms` in `zone`. */
export function monthOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM');
}

/** RFC 3339 with the zone's offset at that instant, whole seconds (`Z` for UTC itself). */
export function rfc3339(seconds: number, zone: string): string {
  return clockOf(zone)(seconds);
}

const DAYS = new Map<string, ReadonlyArray<{ date: string; start: number; end: number }>>();

/** The local days of a period, each [00:00, next 00:00) in the zone (computed once per zone and period). */
export function daysOf(period: Period): ReadonlyArray<{ date: string; start: number; end: number }> {
  const key = `${period.zone}\u0000${period.start}\u0000${period.end}`;
  let days = DAYS.get(key);
  if (days === undefined) {
    if (DAYS.size > 1000) DAYS.clear();
    DAYS.set(key, (days = Object.freeze(computeDays(period))));
  }
  return days;
}

function computeDays(period: Period): Array<{ date: string; start: number; end: number }> {
  const days: Array<{ date: string; start: number; end: number }> = [];
  let day = DateTime.fromSeconds(period.start, { zone: period.zone });
  while (day.toSeconds() < period.end) {
    const next = day.plus({ days: 1 });
    days.push({ date: day.toFormat('yyyy-MM-dd'), start: day.toSeconds(), end: next.toSeconds() });
    day = next;
  }
  return days;
}

/**
 * Scheduled time of a service in a period: the whole period for 7x24, else from–to (local wall
 * clock) on each working day of the CN calendar. Throws MissingCalendarYear for an unknown year.
 */
export function scheduledSpans(period: Period, hours: ServiceContract['hours'], calendar: WorkCalendar): Span[] {
  if (hours === '7x24') return [[period.start, period.end]];
  const spans: Span[] = [];
  for (const day of daysOf(period)) {
    if (!calendar.isWorkday(day.date)) continue;
    const local = DateTime.fromSeconds(day.start, { zone: period.zone });
    const at = (hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number) as [number, number];
      return h === 24 ? day.end : local.set({ hour: h, minute: m }).toSeconds();
    };
    spans.push([at(hours.from), at(hours.to)]);
  }
  return spans;
}
