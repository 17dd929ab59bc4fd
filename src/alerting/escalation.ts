import type { Outbox } from '../notify/types.ts';
import type { Lang } from '../text/lang.ts';
import { ALERT_TEXTS } from '../text/alerts.ts';
import type { AlertingConfig } from './config.ts';
import type { IncidentStore, StoredIncident } from './incident-store.ts';
import { renderGroup, toPayload, type AlertSnapshot } from './render.ts';

/** What escalation needs besides the incidents. */
export interface EscalationDeps {
  outbox: Outbox;
  cfg(): AlertingConfig;
  /** The alerts of an incident firing now, as notifications show them. */
  snapshots(incident: StoredIncident): AlertSnapshot[];
  ackUrl(incidentId: string, now: number): string | undefined;
  /** True while every firing alert of the incident is muted (maintenance): escalation waits. */
  muted(incident: StoredIncident, now: number): boolean;
}

/**
 * Once a level's acknowledge target has passed without an acknowledgement, notifies the first
 * escalation tier, then the next one every `repeat`, the last tier again after that, until the
 * incident is acknowledged, restored or closed; it waits while the incident's alerts are all in maintenance. The step reached is stored with the incident,
 * and the step number is in the idempotency key, so a restart never pages a step twice.
 */
export function escalate(store: IncidentStore, deps: EscalationDeps, now: number): number | undefined {
  const cfg = deps.cfg();
  const tiers = cfg.escalation.tiers;
  if (tiers.length === 0) return undefined;
  const repeat = cfg.escalation.repeat;
  let next: number | undefined;
  for (const incident of store.open()) {
    if (incident.acknowledgedAt !== null || incident.restoredAt !== null || deps.muted(incident, now)) continue;
    const ackDue = incident.openedAt + cfg.levels[incident.level].acknowledge;
    let due = ackDue + incident.escalationStep * repeat;
    if (due <= now) {
      const step = Math.floor((now - ackDue) / repeat) + 1;
      const tier = tiers[Math.min(step, tiers.length) - 1]!;
      for (const receiver of tier.receivers) send(deps, incident, step, receiver, cfg.lang, now);
      store.update(incident.seq, { escalation_step: step });
      due = ackDue + step * repeat;
    }
    if (next === undefined || due < next) next = due;
  }
  return next;
}

function send(deps: EscalationDeps, incident: StoredIncident, step: number, receiver: string, lang: Lang, now: number): void {
  const t = ALERT_TEXTS[lang];
  const ackUrl = deps.ackUrl(incident.id, now);
  const alerts = deps.snapshots(incident);
  const minutes = Math.round((now - incident.openedAt) / 60_000);
  const prefix = t.escalation(t.level[incident.level], step);
  const body = alerts.length > 0
    ? renderGroup(alerts, lang, { prefix, incident: incident.id, ...(ackUrl ? { ackUrl } : {}) })
    : { title: `${prefix}${incident.title}`, text: `${t.incident}${t.colon}${incident.id}${ackUrl ? `\n${t.ackLink}${t.colon}${ackUrl}` : ''}` };
  deps.outbox.enqueue({
    idempotencyKey: `escalation:${incident.id}:${step}:${receiver}`,
    receiver, lang,
    title: body.title,
    text: `${incident.id} ${t.unacknowledged(minutes)}\n\n${body.text}`,
    severity: alerts[0]?.severity ?? 'critical',
    alerts: alerts.map((a) => toPayload(a, lang)),
    ...(ackUrl ? { ackUrl } : {}),
    context: { kind: 'escalation', incident: incident.id, step: String(step) },
  });
}
