import { DeliveryError, checkHttpStatus, postJson, type Channel, type SendContext } from '../channel.ts';
import type { AlertPayload, OutboundMessage } from '../types.ts';

/** An `alertmanager:` receiver block, checked. */
export interface AlertmanagerConfig {
  /** Base URLs of the Alertmanagers (a cluster: each gets every alert, as Prometheus does). */
  urls: string[];
  /** How often firing alerts are posted again; `endsAt` of a firing alert is now + 3 × this. */
  resendIntervalMs: number;
  timeoutMs: number;
}

/** One alert as `POST /api/v2/alerts` takes it (postableAlert in Alertmanager's OpenAPI spec). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

/**
 * The alert as Alertmanager's v2 API wants it. A firing alert ends `3 × resend` from now, the way
 * Prometheus sets it (https://prometheus.io/docs/alerting/latest/clients/): re-posted before that
 * while it fires, it stays active; if slaguard stops, Alertmanager resolves it by itself.
 * A resolved alert carries its end time.
 */
export function toPostable(a: AlertPayload, now: number, resendIntervalMs: number): PostableAlert {
  const endsAt = a.status === 'resolved' ? a.endsAt ?? new Date(now).toISOString() : new Date(now + 3 * resendIntervalMs).toISOString();
  return { labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt, ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}) };
}

/**
 * The alerts of a queued message still worth posting: resolutions always; firing alerts only when the
 * message waited less than one re-send interval. An older firing alert, if it still fires, is posted by
 * the periodic re-send anyway, and if it has resolved meanwhile, posting it would revive it.
 */
export function freshAlerts(m: OutboundMessage, ctx: SendContext, resendIntervalMs: number): AlertPayload[] {
  const stale = ctx.now - ctx.queuedAt > resendIntervalMs;
  return (m.alerts ?? []).filter((a) => a.status === 'resolved' || !stale);
}

/** An Alertmanager receiver: the channel the outbox uses, plus a direct post for periodic re-sends. */
export interface AlertmanagerChannel extends Channel {
  readonly kind: 'alertmanager';
  readonly resendIntervalMs: number;
  /** Posts alerts to every URL; throws (retryable) unless every one accepted them. */
  post(alerts: AlertPayload[], ctx: SendContext): Promise<void>;
}

/**
 * Alertmanager v2 (`POST /api/v2/alerts`). A message is delivered when every Alertmanager of the
 * cluster accepted it: Alertmanagers gossip silences and notification logs, not alerts, so each
 * one needs its own copy. Posting again to one that had it already is harmless (same labels merge).
 */
export function alertmanagerChannel(cfg: AlertmanagerConfig): AlertmanagerChannel {
  const post = async (alerts: AlertPayload[], ctx: SendContext) => {
    if (alerts.length === 0) return;
    const body = JSON.stringify(alerts.map((a) => toPostable(a, ctx.now, cfg.resendIntervalMs)));
    const results = await Promise.allSettled(cfg.urls.map(async (base) =>
      checkHttpStatus(`Alertmanager ${base}`, await postJson(`${base.replace(/\/+$/, '')}/api/v2/alerts`, body, {}, ctx.signal, cfg.timeoutMs))));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${cfg.urls[i]}: ${(r.reason as Error).message}`] : []));
    if (failed.length > 0) {
      const retry = results.some((r) => r.status === 'rejected' && (!(r.reason instanceof DeliveryError) || r.reason.retry));
      throw new DeliveryError(`${failed.length} of ${cfg.urls.length} Alertmanagers did not take the alerts: ${failed.join('; ')}`, retry);
    }
  };
  return {
    kind: 'alertmanager',
    resendIntervalMs: cfg.resendIntervalMs,
    post,
    send: (m: OutboundMessage, ctx: SendContext) => post(freshAlerts(m, ctx, cfg.resendIntervalMs), ctx),
  };
}
