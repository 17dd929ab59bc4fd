import { createHash } from 'node:crypto';

/** Labels as one string, names sorted: the in-memory key of a series or alert. */
export function labelKey(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  let out = '';
  for (const n of names) out += `${n}\u0001${labels[n]}\u0002`;
  return out;
}

/** The contract's fingerprint: SHA-256 (hex, first 16 chars) of rule id + sorted labels; stable across restarts. */
export function fingerprint(rule: string, labels: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(`${rule}\u0000${labelKey(labels)}`).digest('hex').slice(0, 16);
}
