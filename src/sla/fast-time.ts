import { DateTime } from 'luxon';

const CUM_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1–12). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Epoch seconds of `YYYY-MM-DDTHH:MM:SSZ` (the form the ledger writes) without a Date, or NaN when
 * `time` is not exactly that form with valid fields (callers then use `Date.parse`).
 */
export function parseUtcSeconds(time: string): number {
  if (time.length !== 20 || time.charCodeAt(19) !== 90 || time.charCodeAt(4) !== 45 || time.charCodeAt(7) !== 45 || time.charCodeAt(10) !== 84 || time.charCodeAt(13) !== 58 || time.charCodeAt(16) !== 58) return Number.NaN;
  const c0 = time.charCodeAt(0) - 48, c1 = time.charCodeAt(1) - 48, c2 = time.charCodeAt(2) - 48, c3 = time.charCodeAt(3) - 48;
  const c5 = time.charCodeAt(5) - 48, c6 = time.charCodeAt(6) - 48, c8 = time.charCodeAt(8) - 48, c9 = time.charCodeAt(9) - 48;
  const c11 = time.charCodeAt(11) - 48, c12 = time.charCodeAt(12) - 48, c14 = time.charCodeAt(14) - 48, c15 = time.charCodeAt(15) - 48;
  const c17 = time.charCodeAt(17) - 48, c18 = time.charCodeAt(18) - 48;
  if (c0 >>> 0 > 9 || c1 >>> 0 > 9 || c2 >>> 0 > 9 || c3 >>> 0 > 9 || c5 >>> 0 > 9 || c6 >>> 0 > 9 || c8 >>> 0 > 9 || c9 >>> 0 > 9 || c11 >>> 0 > 9 || c12 >>> 0 > 9 || c14 >>> 0 > 9 || c15 >>> 0 > 9 || c17 >>> 0 > 9 || c18 >>> 0 > 9) return Number.NaN;
  const y = c0 * 1000 + c1 * 100 + c2 * 10 + c3;
  const mo = c5 * 10 + c6;
  const d = c8 * 10 + c9;
  const h = c11 * 10 + c12;
  const mi = c14 * 10 + c15;
  const s = c17 * 10 + c18;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return Number.NaN;
  const monthDays = mo === 2 ? (isLeap(y) ? 29 : 28) : mo === 12 ? 31 : CUM_DAYS[mo]! - CUM_DAYS[mo - 1]!;
  if (d > monthDays) return Number.NaN;
  return daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s;
}

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

const clocks = new Map<string, (seconds: number) => string>();

/** The shared `zoneClock` of a zone (its caches live as long as the process). */
export function clockOf(zone: string): (seconds: number) => string {
  let clock = clocks.get(zone);
  if (clock === undefined) clocks.set(zone, (clock = zoneClock(zone)));
  return clock;
}

/**
 * A formatter of epoch seconds as RFC 3339 in `zone` (the zone's offset at that instant, whole
 * seconds, `Z` for UTC itself): offsets looked up once per quarter hour, dates once per local day.
 */
export function zoneClock(zone: string): (seconds: number) => string {
  const utc = zone === 'UTC' || zone === 'Etc/UTC';
  const offsets = new Map<number, number>();
  const suffixes = new Map<number, string>();
  let lastDay = Number.NaN;
  let lastDate = '';
  const offsetAt = (seconds: number) => {
    const quarter = Math.floor(seconds / 900);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      offset = DateTime.fromSeconds(quarter * 900, { zone }).offset;
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(quarter, offset);
    }
    return offset;
  };
  const suffixOf = (offset: number) => {
    let text = suffixes.get(offset);
    if (text === undefined) {
      const abs = Math.abs(offset);
      text = offset === 0 && utc ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${TWO[abs % 60]}`;
      suffixes.set(offset, text);
    }
    return text;
  };
  const slow = (seconds: number, offset: number) => {
    const local = new Date((seconds + offset * 60) * 1000).toISOString().slice(0, 19);
    if (offset === 0 && utc) return `${local}Z`;
    const abs = Math.abs(offset);
    return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
  return (seconds) => {
    const offset = offsetAt(seconds);
    if (!Number.isInteger(offset) || !Number.isInteger(seconds)) return slow(seconds, offset);
    const local = seconds + offset * 60;
    const day = Math.floor(local / 86_400);
    if (day !== lastDay) {
      lastDay = day;
      lastDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
    }
    const rest = local - day * 86_400;
    const h = Math.floor(rest / 3600);
    const m = Math.floor((rest % 3600) / 60);
    return `${lastDate}T${TWO[h]}:${TWO[m]}:${TWO[rest % 60]}${suffixOf(offset)}`;
  };
}
