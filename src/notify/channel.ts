import type { OutboundMessage } from './types.ts';

/** The kinds of receiver a `receivers:` entry can be. */
export const CHANNEL_KINDS = ['webhook', 'email', 'dingtalk', 'wecom', 'feishu', 'alertmanager'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What a channel gets besides the message. */
export interface SendContext {
  /** Aborted when the daemon stops past its grace period. */
  signal: AbortSignal;
  /** ms since epoch, from the outbox's clock (timestamps that are signed use it). */
  now: number;
  /** When the message was queued (ms since epoch). */
  queuedAt: number;
}

/** One configured receiver, able to deliver a message once. Throws `DeliveryError` when it did not. */
export interface Channel {
  readonly kind: ChannelKind;
  send(message: OutboundMessage, ctx: SendContext): Promise<void>;
  /** Releases connections (SMTP pools); called when the config is replaced or the daemon stops. */
  close?(): void;
}

/** A failed delivery; `retry` false means trying again cannot help (the message is marked failed at once). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(message: string, readonly retry: boolean, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** HTTP statuses worth another attempt: server errors, timeouts, rate limits. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

/**
 * POSTs a JSON body (already serialised) and returns status and body text. Network errors and
 * timeouts become retryable `DeliveryError`s whose message never contains the URL (it may hold a key).
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, signal: AbortSignal, timeoutMs: number): Promise<{ status: number; text: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    return { status: res.status, text: await res.text() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : e.cause?.code ?? e.cause?.message ?? e.message;
    throw new DeliveryError(`request failed: ${why}`, true, { cause: err });
  }
}

/** Throws the right `DeliveryError` for a non-2xx answer; `what` names the receiver kind. */
export function checkHttpStatus(what: string, res: { status: number; text: string }): void {
  if (res.status >= 200 && res.status < 300) return;
  throw new DeliveryError(`${what} answered HTTP ${res.status}: ${res.text.slice(0, 200)}`, retryableStatus(res.status));
}
