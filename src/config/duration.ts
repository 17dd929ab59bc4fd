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

/**
 * The longest duration any setting may have: 24 days, below the 2^31−1 ms (about 24.8 days) beyond
 * which Node's timers fire at once.
 */
export const MAX_DURATION_MS = 24 * 86_400_000;

/**
 * A zod schema for a duration string; its output is milliseconds, at least `min` and at most `max`
 * (never more than `MAX_DURATION_MS`).
 */
export function duration(opts: { min?: number; max?: number } = {}) {
  const max = Math.min(opts.max ?? MAX_DURATION_MS, MAX_DURATION_MS);
  return z
    .string()
    .regex(DURATION_RE, { error: 'expected a duration such as "30s", "5m", "1h30m" or "500ms"' })
    .transform((text, ctx) => {
      const ms = parseDuration(text) ?? 0;
      if (opts.min !== undefined && ms < opts.min) {
        ctx.addIssue({ code: 'custom', message: `must be at least ${formatDuration(opts.min)}` });
        return z.NEVER;
      }
      if (!(ms <= max)) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${formatDuration(max)}` });
        return z.NEVER;
      }
      return ms;
    });
}
