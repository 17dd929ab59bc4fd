import { z } from 'zod';
import { resolveSecret } from '../../src/collector/options.ts';
import type { CollectorKind, Sample, Target } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';
import { UPS } from '../../src/metrics/names.ts';
import { NutConnection } from './connection.ts';
import { upsSamples } from './map.ts';
import { parseAddress, quoteArg } from './protocol.ts';

const oneLine = z.string().min(1).regex(/^[^\r\n\0]*$/, { error: 'must be a single line' });

/** Options of the `nut` kind (the target's `address` is upsd's `host[:port]`). */
export const nutOptionsSchema = z
  .strictObject({
    ups: z.string().regex(/^[^\s"\\@]+$/, { error: 'a NUT UPS name, as in ups.conf (no blanks, quotes or @)' }).optional(),
    username: oneLine.optional(),
    password: oneLine.optional(),
    password_file: z.string().optional(),
  })
  .transform((o, ctx) => {
    const hasPassword = o.password !== undefined || o.password_file !== undefined;
    if (o.username !== undefined && !hasPassword) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: '"password" or "password_file" is required with "username"' });
    }
    if (o.username === undefined && hasPassword) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: '"username" is required with a password' });
    }
    const { password } = resolveSecret(o, 'password', ctx, false);
    if (password !== undefined && /[\r\n\0]/.test(password)) {
      ctx.addIssue({ code: 'custom', path: ['password_file'], message: 'the password must be a single line' });
    }
    const login = o.username !== undefined && password !== undefined ? { username: o.username, password } : undefined;
    return { ups: o.ups, login };
  });

type NutOptions = z.output<typeof nutOptionsSchema>;

/** Polls upsd once on a fresh connection: optional login, `LIST UPS`, then `LIST VAR` for each UPS polled. */
export async function pollNut(target: Target<NutOptions>, signal: AbortSignal): Promise<Sample[]> {
  let host: string;
  let port: number;
  try {
    ({ host, port } = parseAddress(target.address));
  } catch (err) {
    throw new CollectError('CONFIG', (err as Error).message, { cause: err });
  }
  const { ups, login } = target.options;
  const conn = await NutConnection.open(host, port, target.address, signal);
  try {
    if (login !== undefined) {
      await conn.request(`USERNAME ${quoteArg(login.username)}`);
      await conn.request(`PASSWORD ${quoteArg(login.password)}`);
    }
    const served = (await conn.list('UPS', 'UPS')).flatMap((words) => (words[1] === undefined ? [] : [words[1]]));
    if (ups !== undefined && !served.includes(ups)) {
      throw new CollectError('PROTOCOL', `upsd at ${target.address} has no UPS "${ups}"; it serves: ${served.join(', ') || 'none'}`, {
        reason: 'protocol',
      });
    }
    const names = ups === undefined ? served : [ups];
    if (names.length === 0) throw new CollectError('PROTOCOL', `upsd at ${target.address} serves no UPS`, { reason: 'protocol' });
    if (login !== undefined) await conn.request(`LOGIN ${names[0]}`);

    const ts = Date.now();
    const samples: Sample[] = [];
    let stale: CollectError | undefined;
    for (const name of names) {
      try {
        const vars = await conn.list(`VAR ${name}`, 'VAR');
        samples.push(...upsSamples(name, new Map(vars.flatMap((w) => (w[2] === undefined || w[3] === undefined ? [] : [[w[2], w[3]] as const]))), ts));
      } catch (err) {
        if (!(err instanceof CollectError) || err.reason !== 'stale') throw err;
        stale ??= err;
      }
    }
    if (stale !== undefined) throw new CollectError(stale.code, stale.message, { reason: stale.reason, samples, cause: stale });
    return samples;
  } finally {
    conn.close();
  }
}

/** `nut`: UPS units served by a Network UPS Tools `upsd` (status, battery, input, output, alarms). */
export const nutKind: CollectorKind<typeof nutOptionsSchema> = {
  kind: 'nut',
  description: 'UPS units through a Network UPS Tools upsd (TCP 3493): status, battery, input/output, alarms',
  optionsSchema: nutOptionsSchema,
  addressRequired: true,
  checkAddress: parseAddress,
  keyValues: [
    { metric: UPS.onBattery.name, label: { 'zh-CN': '电池供电', en: 'On battery' }, format: 'yes-no' },
    { metric: UPS.charge.name, label: { 'zh-CN': '电量', en: 'Charge' }, format: 'percent' },
    { metric: UPS.runtime.name, label: { 'zh-CN': '续航', en: 'Runtime' }, format: 'seconds' },
  ],
  create: () => ({ collect: pollNut }),
};
