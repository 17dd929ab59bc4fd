import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_RE = /^(?:\d+(?:ms|s|m|h|d))+$/;
const PART_RE = /(\d+)(ms|s|m|h|d)/g;

/** Parses `"30s"`, `"1m30s"`, `"500ms"`, `"2h"`, `"7d"` into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_RE.test(text)) return undefined;
  let ms = 0;
  for (const [, n, unit] of text.matchAll(PART_RE)) ms += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return ms;
}

/** Prints milliseconds the way a config would say it (`90000` → `"1m30s"`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

/** A zod schema for a duration string; its output is milliseconds. */
export function duration(opts: { min?: number } = {}) {
  return z
    .string()
    .regex(DURATION_RE, { error: 'expected a duration such as "30s", "5m", "1h30m" or "500ms"' })
    .transform((text, ctx) => {
      const ms = parseDuration(text) ?? 0;
      if (opts.min !== undefined && ms < opts.min) {
        ctx.addIssue({ code: 'custom', message: `must be at least ${formatDuration(opts.min)}` });
        return z.NEVER;
      }
      return ms;
    });
}
