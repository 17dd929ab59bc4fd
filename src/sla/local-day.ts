import { DateTime } from 'luxon';

/** A calendar day in a time zone: its date and its bounds in epoch seconds, [start, end). */
export interface LocalDay {
  date: string;
  start: number;
  end: number;
}

/**
 * The local day (in `zone`) containing an instant (epoch seconds): [00:00, next 00:00) by the
 * zone's wall clock, so 23 or 25 hours across a daylight-saving change. The last day is cached.
 */
export function localDays(zone: string): (t: number) => LocalDay {
  let cache = CACHES.get(zone);
  if (cache === undefined) CACHES.set(zone, (cache = new Map()));
  const known = cache;
  let last: LocalDay = { date: '', start: 1, end: 0 };
  return (t) => {
    if (t >= last.start && t < last.end) return last;
    const bucket = Math.floor(t / 900);
    const hit = known.get(bucket);
    if (hit !== undefined && t >= hit.start && t < hit.end) return (last = hit);
    const day = DateTime.fromSeconds(t, { zone }).startOf('day');
    last = { date: day.toFormat('yyyy-MM-dd'), start: day.toSeconds(), end: day.plus({ days: 1 }).toSeconds() };
    if (known.size > 100_000) known.clear();
    known.set(bucket, last);
    return last;
  };
}

/** Days already computed, per zone, by the 15-minute stretch of the instant they were asked for. */
const CACHES = new Map<string, Map<number, LocalDay>>();
