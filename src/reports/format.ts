import type { Lang } from '../text/lang.ts';

/** Escapes text for HTML element content and attribute values. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Whole seconds as h:mm:ss; hours run past 24 (a 31-day month is 744:00:00). */
export function hms(seconds: number): string {
  const s = Math.max(0, Math.trunc(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** h:mm:ss followed by the exact seconds, as the report prints every duration. */
export const hmsExact = (seconds: number, unit: string): string => `${hms(seconds)} (${seconds} ${unit})`;

/** A percentage as the JSON report has it (already rounded down to 3 decimals), printed with 3 decimals. */
export const pct = (value: number): string => `${value.toFixed(3)}%`;

/** A target or credit percentage, printed as given (99.9 → "99.9%"). */
export const pctPlain = (value: number): string => `${value}%`;

/**
 * An RFC 3339 time as local wall-clock text "YYYY-MM-DD HH:mm:ss"; the offset is kept when it differs
 * from `usualOffset` (the month's start), so a daylight-saving change stays unambiguous.
 */
export function localTime(rfc3339: string, usualOffset: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(rfc3339);
  if (m === null) return rfc3339;
  return m[3] === usualOffset ? `${m[1]} ${m[2]}` : `${m[1]} ${m[2]} ${m[3]}`;
}

/** The UTC offset of an RFC 3339 time ("+08:00", "Z"). */
export const offsetOf = (rfc3339: string): string => /(Z|[+-]\d{2}:\d{2})$/.exec(rfc3339)?.[1] ?? '';

/** Picks the agency's or service's name in the report language, falling back to the other one. */
export const nameIn = (name: { 'zh-CN': string; en: string } | undefined, lang: Lang, fallback: string): string =>
  name === undefined ? fallback : name[lang] || name[lang === 'en' ? 'zh-CN' : 'en'] || fallback;
