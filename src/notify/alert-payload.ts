import type { Alert } from '../rules/types.ts';
import type { Lang } from '../text/lang.ts';
import type { AlertPayload } from './types.ts';

/**
 * A rules-engine alert as Alertmanager and webhooks carry it: labels as they are (alertname, severity,
 * target, the target's labels), summary and description in `lang` as annotations, startsAt the time it
 * fired (or became pending), endsAt the time it resolved.
 */
export function toAlertPayload(alert: Alert, opts: { lang: Lang; generatorURL?: string }): AlertPayload {
  const annotations: Record<string, string> = { summary: alert.summary[opts.lang], description: alert.description[opts.lang] };
  if (alert.value !== undefined) annotations.value = String(alert.value);
  return {
    fingerprint: alert.fingerprint,
    status: alert.state === 'resolved' ? 'resolved' : 'firing',
    labels: { ...alert.labels },
    annotations,
    startsAt: new Date(alert.firedAt ?? alert.activeAt).toISOString(),
    ...(alert.resolvedAt !== undefined ? { endsAt: new Date(alert.resolvedAt).toISOString() } : {}),
    ...(opts.generatorURL ? { generatorURL: opts.generatorURL } : {}),
  };
}
