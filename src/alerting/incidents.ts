import type { Alert } from '../rules/types.ts';
import type { AlertingConfig } from './config.ts';
import { DueHeap } from '../rules/due-heap.ts';
import { IncidentStore, incidentId, type StoredIncident } from './incident-store.ts';
import { incidentGroup, levelOf } from './levels.ts';

/** Labels an incident also carries when all its alerts agree on them. */
const COMMON_LABELS = ['agency', 'site'] as const;

/**
 * Opens, joins, restores and closes incidents from alerts that need attention (firing, not
 * suppressed, not in maintenance). Reports every change to `changed`.
 */
export class IncidentTracker {
  /** Restored open incidents by sequence, earliest restoration first (read from the store once, then kept as they change). */
  private restored: DueHeap<number> | undefined;

  constructor(
    readonly store: IncidentStore,
    private readonly cfg: () => AlertingConfig,
    private readonly changed: (i: StoredIncident) => void,
  ) {}

  /** An alert needs attention: it joins (or reopens) its group's incident, or opens a new one. */
  attention(alert: Alert, at: number): StoredIncident {
    const cfg = this.cfg();
    const current = this.store.openOfAlert(alert.fingerprint);
    const group = incidentGroup(alert.labels, cfg);
    const incident = current ?? this.store.openByGroup(group.key);
    const level = levelOf(alert, cfg);
    if (incident === undefined) {
      const labels = { ...group.labels, ...pickCommon(alert.labels) };
      const created = this.store.create({ groupKey: group.key, level, labels, title: alert.summary[cfg.lang], at, fingerprint: alert.fingerprint });
      this.changed(created);
      return created;
    }
    if (incident.firing.includes(alert.fingerprint) && incident.restoredAt === null && level >= incident.level) return incident;
    this.store.setAlert(incident.seq, alert.fingerprint, true, at);
    const labels = { ...group.labels };
    for (const name of COMMON_LABELS) if (incident.labels[name] !== undefined && incident.labels[name] === alert.labels[name]) labels[name] = incident.labels[name];
    this.store.update(incident.seq, { level: Math.min(level, incident.level) as StoredIncident['level'], labels, restored_at: null });
    return this.emit(incident.id);
  }

  /** An alert no longer needs attention (resolved, suppressed or muted): the incident is restored when none does. */
  relieved(fingerprint: string, at: number): StoredIncident | undefined {
    const incident = this.store.openOfAlert(fingerprint);
    if (incident === undefined || !incident.firing.includes(fingerprint)) return undefined;
    this.store.setAlert(incident.seq, fingerprint, false, at);
    if (incident.firing.length === 1) this.store.update(incident.seq, { restored_at: at });
    return this.emit(incident.id);
  }

  /** Acknowledges an open incident; `already` when someone had. */
  acknowledge(id: string, by: string, at: number): { incident: StoredIncident; already: boolean } | undefined {
    const incident = this.store.get(id);
    if (incident === undefined) return undefined;
    if (incident.acknowledgedAt !== null) return { incident, already: true };
    this.store.update(incident.seq, { acknowledged_at: at, acknowledged_by: by });
    return { incident: this.emit(id), already: false };
  }

  /** Closes an incident by hand (or after `close_after` once restored). */
  close(id: string, by: string, at: number): StoredIncident | undefined {
    const incident = this.store.get(id);
    if (incident === undefined || incident.closedAt !== null) return incident;
    this.store.update(incident.seq, { closed_at: at, closed_by: by });
    for (const fp of incident.firing) this.store.setAlert(incident.seq, fp, false, at);
    return this.emit(id);
  }

  /** Closes restored incidents whose `close_after` has passed; returns when the next one is due. Costs only what is due. */
  closeRestored(now: number): number | undefined {
    const after = this.cfg().incidents.close_after;
    const restored = this.restoredIncidents();
    for (const seq of restored.popDue(now - after)) this.close(incidentId(seq), 'auto', now);
    const first = restored.peek();
    return first === undefined ? undefined : first + after;
  }

  private restoredIncidents(): DueHeap<number> {
    if (this.restored === undefined) {
      this.restored = new DueHeap();
      for (const i of this.store.open()) this.track(i);
    }
    return this.restored;
  }

  private track(i: StoredIncident): void {
    if (this.restored === undefined) return;
    if (i.closedAt === null && i.restoredAt !== null) this.restored.set(i.seq, i.restoredAt);
    else this.restored.delete(i.seq);
  }

  private emit(id: string): StoredIncident {
    const i = this.store.get(id)!;
    this.track(i);
    this.changed(i);
    return i;
  }
}

function pickCommon(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of COMMON_LABELS) if (labels[name] !== undefined) out[name] = labels[name];
  return out;
}
