import { z } from 'zod';
import { duration, parseHostPort, resolveSecret } from '../../src/collector/options.ts';
import { loadProfiles } from './profiles.ts';

/** An SNMPv3 user (USM): for polling, and for receiving v3 traps. */
export const v3UserSchema = z
  .strictObject({
    username: z.string().min(1),
    level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']).default('authPriv'),
    auth_protocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).default('sha'),
    auth_key: z.string().min(1).optional(),
    auth_key_file: z.string().optional(),
    priv_protocol: z.enum(['aes', 'aes256b', 'aes256r', 'des']).default('aes'),
    priv_key: z.string().min(1).optional(),
    priv_key_file: z.string().optional(),
    context: z.string().default(''),
  })
  .transform((v, ctx) => {
    const withAuth = resolveSecret(v, 'auth_key', ctx, v.level !== 'noAuthNoPriv');
    const withPriv = resolveSecret(withAuth, 'priv_key', ctx, v.level === 'authPriv');
    return {
      username: v.username, level: v.level, authProtocol: v.auth_protocol, privProtocol: v.priv_protocol, context: v.context,
      authKey: String(withPriv.auth_key ?? ''), privKey: String(withPriv.priv_key ?? ''),
    };
  });

/** Options of the `snmp` kind; the target's `address` is `host`, `host:port` or `[v6]:port`. */
export const snmpOptionsSchema = z
  .strictObject({
    version: z.enum(['1', '2c', '3']).default('2c'),
    community: z.string().min(1).optional(),
    community_file: z.string().optional(),
    v3: v3UserSchema.optional(),
    /** `auto`, or the profile names to poll (see collectors/snmp/profiles/). */
    profiles: z.union([z.literal('auto'), z.array(z.string()).min(1)]).default('auto').superRefine((names, ctx) => {
      if (names === 'auto') return;
      const known = loadProfiles();
      for (const [i, name] of names.entries()) {
        if (!known.has(name)) ctx.addIssue({ code: 'custom', path: [i], message: `unknown SNMP profile "${name}"; known: ${[...known.keys()].join(', ')}` });
      }
    }),
    retries: z.number().int().min(0).max(5).default(1),
    max_repetitions: z.number().int().min(1).max(100).default(25),
    max_in_flight: z.number().int().min(1).max(16).default(2),
    lookup_refresh: duration({ min: 10_000, max: 86_400_000 }).prefault('15m'),
    redetect: duration({ min: 60_000, max: 7 * 86_400_000 }).prefault('1h'),
  })
  .transform((o, ctx) => {
    if (o.version === '3' && o.v3 === undefined) ctx.addIssue({ code: 'custom', path: ['v3'], message: 'version "3" needs a "v3" block (username, keys)' });
    const { community } = resolveSecret(o, 'community', ctx, false);
    return {
      version: o.version === '1' ? 1 : o.version === '2c' ? 2 : 3,
      community: String(community ?? 'public'),
      v3: o.v3,
      profiles: o.profiles,
      retries: o.retries,
      maxRepetitions: o.max_repetitions,
      maxInFlight: o.max_in_flight,
      lookupRefreshMs: o.lookup_refresh,
      redetectMs: o.redetect,
    } as const;
  });

export type SnmpOptions = z.output<typeof snmpOptionsSchema>;

/** `host`, `host:port`, `[v6]` or `[v6]:port`; the port defaults to 161. Throws saying what is wrong. */
export function parseAddress(address: string): { host: string; port: number } {
  return parseHostPort(address, 161);
}
