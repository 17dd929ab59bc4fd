import type { Outbox } from '../notify/types.ts';
import type { Lang } from '../text/lang.ts';
import { ALERT_TEXTS } from '../text/alerts.ts';
import type { AlertingConfig } from './config.ts';
import { DueHeap } from '../rules/due-heap.ts';
import { incidentId, type IncidentStore, type StoredIncident } from './incident-store.ts';
import { listedAlerts, renderGroup, type AlertSnapshot } from './render.ts';

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

/** When an open incident next escalates, or undefined while it cannot (acknowledged, restored, closed). */
function dueOf(i: StoredIncident, cfg: AlertingConfig): number | undefined {
  if (i.closedAt !== null || i.acknowledgedAt !== null || i.restoredAt !== null) return undefined;
  return i.openedAt + cfg.levels[i.level].acknowledge + i.escalationStep * cfg.escalation.repeat;
}

/**
 * Once a level's acknowledge target has passed without an acknowledgement, notifies the first
 * escalation tier, then the next one every `repeat`, the last tier again after that, until the
 * incident is acknowledged, restored or closed; it waits while the incident's alerts are all in maintenance. The step reached is stored with the incident,
 * and the step number is in the idempotency key, so a restart never pages a step twice.
 * Open incidents wait in a heap by due time, kept as they change (`track`), so a run costs only what is due.
 */
export class Escalation {
  private readonly waiting = new DueHeap<number>();
  /** The config the heap was built for; another one (a reload) or `reset` rebuilds it from the store. */
  private builtFor: AlertingConfig | undefined;

  constructor(private readonly store: IncidentStore, private readonly deps: EscalationDeps) {}

  /** An incident changed: it waits for its next step, or no longer does. */
  track(i: StoredIncident): void {
    if (this.builtFor === undefined) return;
    const due = dueOf(i, this.builtFor);
    if (due === undefined) this.waiting.delete(i.seq);
    else this.waiting.set(i.seq, due);
  }

  /** Looks at every open incident again at the next run (maintenance began or ended: a muted one may escalate now). */
  reset(): void {
    this.builtFor = undefined;
  }

  /** Sends every step that is due; returns when the next one is. */
  run(now: number): number | undefined {
    const cfg = this.deps.cfg();
    const tiers = cfg.escalation.tiers;
    if (tiers.length === 0) {
      this.builtFor = undefined;
      this.waiting.clear();
      return undefined;
    }
    if (this.builtFor !== cfg) {
      this.waiting.clear();
      this.builtFor = cfg;
      for (const i of this.store.open()) this.track(i);
    }
    const repeat = cfg.escalation.repeat;
    for (const seq of this.waiting.popDue(now).sort((a, b) => a - b)) {
      const incident = this.store.get(incidentId(seq));
      // a muted incident waits out of the heap until maintenance changes (reset) or the incident does (track)
      if (incident === undefined || dueOf(incident, cfg) === undefined || this.deps.muted(incident, now)) continue;
      const ackDue = incident.openedAt + cfg.levels[incident.level].acknowledge;
      const step = Math.floor((now - ackDue) / repeat) + 1;
      const tier = tiers[Math.min(step, tiers.length) - 1]!;
      for (const receiver of tier.receivers) send(this.deps, incident, step, receiver, cfg.lang, now);
      this.store.update(incident.seq, { escalation_step: step });
      this.waiting.set(seq, ackDue + step * repeat);
    }
    return this.waiting.peek();
  }
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
    alerts: listedAlerts(alerts, lang),
    ...(ackUrl ? { ackUrl } : {}),
    context: { kind: 'escalation', incident: incident.id, step: String(step) },
  });
}
