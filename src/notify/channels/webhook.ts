import { createHmac } from 'node:crypto';
import { checkHttpStatus, postJson, type Channel, type SendContext } from '../channel.ts';
import type { OutboundMessage } from '../types.ts';

/** A `webhook:` receiver block, checked. */
export interface WebhookConfig {
  url: string;
  /** HMAC-SHA256 key; without it the request carries no signature headers. */
  secret?: string | undefined;
  timeoutMs: number;
}

/** Header names of the generic webhook (documented in the README, "Notifications"). */
export const WEBHOOK_HEADERS = { signature: 'X-Slaguard-Signature', timestamp: 'X-Slaguard-Timestamp', key: 'Idempotency-Key' } as const;

/**
 * The signature of a webhook request: `sha256=` + hex HMAC-SHA256, keyed with the receiver's secret,
 * over `<timestamp>.<body>` (timestamp = the X-Slaguard-Timestamp header, Unix seconds; body = the raw
 * bytes). Binding the timestamp lets a receiver reject replays older than it accepts.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The JSON body a webhook receives: the message as rendered, plus its alerts. */
export function webhookBody(m: OutboundMessage): Record<string, unknown> {
  const status = m.alerts?.length ? (m.alerts.every((a) => a.status === 'resolved') ? 'resolved' : 'firing') : undefined;
  return {
    version: '1', idempotencyKey: m.idempotencyKey, receiver: m.receiver, lang: m.lang, status,
    severity: m.severity, title: m.title, text: m.text, ackUrl: m.ackUrl, context: m.context ?? {}, alerts: m.alerts ?? [],
  };
}

/** Generic JSON webhook with an HMAC-SHA256 signature header and the idempotency key as `Idempotency-Key`. */
export function webhookChannel(cfg: WebhookConfig): Channel {
  return {
    kind: 'webhook',
    async send(m: OutboundMessage, ctx: SendContext) {
      const body = JSON.stringify(webhookBody(m));
      const timestamp = String(Math.floor(ctx.now / 1000));
      const headers: Record<string, string> = { [WEBHOOK_HEADERS.key]: m.idempotencyKey, [WEBHOOK_HEADERS.timestamp]: timestamp };
      if (cfg.secret) headers[WEBHOOK_HEADERS.signature] = webhookSignature(cfg.secret, timestamp, body);
      checkHttpStatus('webhook', await postJson(cfg.url, body, headers, ctx.signal, cfg.timeoutMs));
    },
  };
}
