/** Schema helpers collectors share for their options (collectors may import this module). */
import { z } from 'zod';
export { duration } from '../config/duration.ts';
export { resolveConfigPath, resolveSecret } from '../config/secret.ts';

/** A regular expression matched against a whole name; `fallback` applies when the option is left out. */
export function wholeNameRegex(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((src, ctx) => {
      try {
        return new RegExp(`^(?:${src})$`);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message}` });
        return z.NEVER;
      }
    });
}
export { checkedAddress, parseHostPort, parseHttpUrl } from './address.ts';
export { MAX_CONFIG_BYTES, readRegularFile } from '../config/read-file.ts';
