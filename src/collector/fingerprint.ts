import { createHash } from 'node:crypto';
import type { Target } from './types.ts';

const fingerprints = new WeakMap<Target, string>();

const plain = (_key: string, v: unknown) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v instanceof Set ? [...v] : v);

/**
 * A digest of everything a target is (options may hold regular expressions and sets), computed
 * once per target object: a reload compares each new target with the running one by this, not field by field.
 */
export function fingerprintOf(target: Target): string {
  let print = fingerprints.get(target);
  if (print === undefined) {
    print = createHash('sha1').update(JSON.stringify(target, plain)).digest('base64');
    fingerprints.set(target, print);
  }
  return print;
}

/** Records a fingerprint computed elsewhere (the config worker) for this target object. */
export function rememberFingerprint(target: Target, print: string): void {
  fingerprints.set(target, print);
}
