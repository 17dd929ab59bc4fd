/** What a hidden secret is shown as. */
export const REDACTED = '***';

const known = new Set<string>();
/** Defaults everybody knows (SNMP communities): hiding them would garble ordinary words. */
const WELL_KNOWN = new Set(['public', 'private']);

/** Secrets taken from the config (tokens, passwords, communities, keys): hidden wherever they appear in text. */
export function registerSecrets(values: Iterable<string>): void {
  for (const v of values) if (v.length >= 6 && !WELL_KNOWN.has(v)) known.add(v);
}

/** Key names whose values are secrets, in config objects and in address query strings. */
const SECRET_KEY = /^(?:password|passwd|pass|pwd|secret|token|access_token|api_?key|apikey|auth_?key|priv_?key|community|key|authorization|cookie)$/i;

/** `scheme://user:password@` (or `scheme://token@`): the part before the `@` is a credential. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@'"<>]+)@/gi;
/** `user:password@host` without a scheme (a mistyped address quoted in an error): the part after the colon is a password. */
const BARE_USERINFO = /(^|[\s"'(<,=])([^\s/?#@'"<>:]+):([^\s/?#@'"<>]+)@(?=[\w[])/g;
/** `?password=…` or `&token=…` in an address. */
const QUERY_SECRET = /([?&;])([^=&#\s'"<>]+)=([^&#\s'"<>]*)/g;

/**
 * An address with every credential hidden: the password (or lone token) of `scheme://user:pass@host`
 * and the values of secret-looking query parameters. The user name and the rest stay readable.
 */
export function redactAddress(address: string): string {
  return redactSecrets(address);
}

/** Any text (an error message, a reason, a log line) with every credential-bearing address and known secret hidden. */
export function redactSecrets(text: string): string {
  let out = text.includes('://') ? text.replace(USERINFO, (_m, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    return colon < 0 ? `${scheme}${REDACTED}@` : `${scheme}${info.slice(0, colon)}:${REDACTED}@`;
  }) : text;
  if (out.includes('@')) out = out.replace(BARE_USERINFO, (_m, before: string, user: string) => `${before}${user}:${REDACTED}@`);
  if (out.includes('=')) out = out.replace(QUERY_SECRET, (m, sep: string, key: string) => (SECRET_KEY.test(key) ? `${sep}${key}=${REDACTED}` : m));
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A copy of `value` with `redactSecrets` applied to every string in its plain objects and arrays (class instances are kept as they are). */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out as T;
}

/** The secret values of a config: every string under a key named like a secret. */
export function secretsIn(config: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 12 || config === null || typeof config !== 'object') return out;
  for (const k in config) {
    const v = (config as Record<string, unknown>)[k];
    if (typeof v === 'string') {
      if (SECRET_KEY.test(k)) out.push(v);
    } else if (typeof v === 'object') secretsIn(v, depth + 1, out);
  }
  return out;
}
