import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { duration } from '../config/duration.ts';
import { resolveConfigPath, resolveSecret } from '../config/secret.ts';
import { CHANNEL_KINDS } from './channel.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
const timeout = duration({ min: 100 }).prefault('10s');

/** Checks a URL read from `url_file` (the inline one is checked by the schema). */
function checkUrl<T extends { url?: unknown }>(v: T, ctx: z.RefinementCtx): T {
  if (typeof v.url === 'string' && !httpUrl.safeParse(v.url).success) ctx.addIssue({ code: 'custom', path: ['url_file'], message: 'the file does not hold an http:// or https:// URL' });
  return v;
}

/** A secret URL (it carries the robot's token or key) given inline or in a file. */
const secretUrl = { url: httpUrl.optional(), url_file: z.string().optional() };
const secret = { secret: z.string().min(1).optional(), secret_file: z.string().optional() };

const webhook = z.strictObject({ url: httpUrl, ...secret, timeout })
  .transform((v, ctx) => resolveSecret(v, 'secret', ctx, false))
  .transform((v) => ({ kind: 'webhook' as const, url: v.url, secret: v.secret, timeoutMs: v.timeout }));

const email = z.strictObject({
  to: z.array(z.email({ error: 'expected an e-mail address' })).min(1, { error: 'give at least one address' }),
  cc: z.array(z.email({ error: 'expected an e-mail address' })).default([]),
  from: z.string().min(3).optional(),
}).transform((v) => ({ kind: 'email' as const, to: v.to, cc: v.cc, from: v.from }));

const dingtalk = z.strictObject({ ...secretUrl, ...secret, timeout })
  .transform((v, ctx) => checkUrl(resolveSecret(resolveSecret(v, 'url', ctx, true), 'secret', ctx, false), ctx))
  .transform((v) => ({ kind: 'dingtalk' as const, url: v.url ?? '', secret: v.secret, timeoutMs: v.timeout }));

const wecom = z.strictObject({ ...secretUrl, timeout })
  .transform((v, ctx) => checkUrl(resolveSecret(v, 'url', ctx, true), ctx))
  .transform((v) => ({ kind: 'wecom' as const, url: v.url ?? '', timeoutMs: v.timeout }));

const feishu = z.strictObject({ ...secretUrl, ...secret, msg_type: z.enum(['text', 'interactive']).default('interactive'), timeout })
  .transform((v, ctx) => checkUrl(resolveSecret(resolveSecret(v, 'url', ctx, true), 'secret', ctx, false), ctx))
  .transform((v) => ({ kind: 'feishu' as const, url: v.url ?? '', secret: v.secret, msgType: v.msg_type, timeoutMs: v.timeout }));

const alertmanager = z.strictObject({
  urls: z.array(httpUrl).min(1, { error: 'give at least one Alertmanager URL' }),
  resend_interval: duration({ min: 1000 }).prefault('1m'),
  timeout,
}).transform((v) => ({ kind: 'alertmanager' as const, urls: v.urls, resendIntervalMs: v.resend_interval, timeoutMs: v.timeout }));

const receiver = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'a receiver name uses letters, digits and . _ - only' }),
  /** Undelivered this long after it was queued, a notification is marked failed. */
  give_up_after: duration({ min: 60_000 }).prefault('24h'),
  webhook: webhook.optional(),
  email: email.optional(),
  dingtalk: dingtalk.optional(),
  wecom: wecom.optional(),
  feishu: feishu.optional(),
  alertmanager: alertmanager.optional(),
}).superRefine((r, ctx) => {
  const given = CHANNEL_KINDS.filter((k) => r[k] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({ code: 'custom', message: given.length === 0
      ? `a receiver needs exactly one of ${CHANNEL_KINDS.join(', ')}`
      : `a receiver has exactly one channel; this one has ${given.join(' and ')} (make one receiver each)` });
  }
}).transform((r) => ({
  name: r.name,
  giveUpAfterMs: r.give_up_after,
  channel: (r.webhook ?? r.email ?? r.dingtalk ?? r.wecom ?? r.feishu ?? r.alertmanager)!,
}));

/** `receivers:`: where notifications can go, each a name and exactly one channel block. */
export const receiversSchema = z.array(receiver).default([]);

/** `smtp:`: the mail server every e-mail receiver sends through. */
export const smtpSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** Implicit TLS (port 465); otherwise STARTTLS. */
  secure: z.boolean().default(false),
  /** Refuse to send over a connection the server did not upgrade with STARTTLS. */
  require_tls: z.boolean().default(true),
  tls: z.strictObject({
    reject_unauthorized: z.boolean().default(true),
    ca_file: z.string().optional(),
  }).prefault({}),
  username: z.string().min(1).optional(),
  password: z.string().optional(),
  password_file: z.string().optional(),
  from: z.string().min(3),
  timeout: duration({ min: 1000 }).prefault('30s'),
}).transform((v, ctx) => {
  const s = resolveSecret(v, 'password', ctx, v.username !== undefined);
  let ca: string | undefined;
  if (v.tls.ca_file !== undefined) {
    try {
      ca = readFileSync(resolveConfigPath(v.tls.ca_file), 'utf8');
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['tls', 'ca_file'], message: `cannot read "${v.tls.ca_file}": ${(err as Error).message}` });
    }
  }
  return {
    host: s.host, port: s.port, secure: s.secure, requireTls: s.require_tls, rejectUnauthorized: s.tls.reject_unauthorized, ca,
    username: s.username, password: s.password, from: s.from, timeoutMs: s.timeout,
  };
});

/** One checked receiver: name, give-up time, and its channel block tagged by `kind`. */
export type ReceiverConfig = z.output<typeof receiver>;
/** The checked `smtp:` section (password and CA read). */
export type SmtpSettings = z.output<typeof smtpSchema>;

/** Checks across receivers (unique names, e-mail needs `smtp:`); every problem located at once. */
export function checkReceivers(cfg: { receivers?: unknown; smtp?: unknown }, ctx: z.RefinementCtx): void {
  if (!Array.isArray(cfg.receivers)) return;
  const seen = new Map<string, number>();
  cfg.receivers.forEach((r: { name?: unknown; email?: unknown } | null, i) => {
    if (typeof r?.name === 'string') {
      const first = seen.get(r.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['receivers', i, 'name'], message: `duplicate receiver name "${r.name}" (first at receivers[${first}])` });
      else seen.set(r.name, i);
    }
    if (r?.email !== undefined && cfg.smtp === undefined) {
      ctx.addIssue({ code: 'custom', path: ['receivers', i, 'email'], message: 'an e-mail receiver needs the top-level "smtp:" section (the mail server to send through)' });
    }
  });
}
