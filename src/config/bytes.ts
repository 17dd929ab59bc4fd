import { z } from 'zod';

const UNIT = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, KB: 1000, MB: 1000 ** 2, GB: 1000 ** 3 } as const;
const SIZE_RE = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|KB|MB|GB)$/;

/** Parses `"8MiB"`, `"512KiB"`, `"1GB"` (or a plain number of bytes); undefined when malformed. */
export function parseBytes(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isSafeInteger(text) && text >= 0 ? text : undefined;
  const m = SIZE_RE.exec(text.trim());
  return m ? Math.floor(Number(m[1]) * UNIT[m[2] as keyof typeof UNIT]) : undefined;
}

/** A zod schema for a size in bytes (`"8MiB"` or a number); its output is bytes. */
export function byteSize(opts: { min?: number; max?: number } = {}) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const bytes = parseBytes(value);
    if (bytes === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a size such as "8MiB", "512KiB", "1GB" or a number of bytes' });
      return z.NEVER;
    }
    if (opts.min !== undefined && bytes < opts.min) ctx.addIssue({ code: 'custom', message: `must be at least ${opts.min} bytes` });
    if (opts.max !== undefined && bytes > opts.max) ctx.addIssue({ code: 'custom', message: `must be at most ${opts.max} bytes` });
    return bytes;
  });
}
