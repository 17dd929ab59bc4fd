import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth and no whitespace: the form hashes are taken over. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256, hex. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash before the first row of a chain. */
export const GENESIS = '0'.repeat(64);

/** A chain link: SHA-256 of the line's canonical JSON (without `prev`/`hash`), a newline, and the previous hash. */
export function linkHash(body: unknown, prev: string): string {
  return sha256(`${canonicalJson(body)}\n${prev}`);
}
