import { createHash } from 'node:crypto';
import type { Outbox } from '../notify/types.ts';
import type { Db } from '../store/db.ts';
import type { Lang } from '../text/lang.ts';
import { renderGroup, toPayload, type AlertSnapshot } from './render.ts';
import { groupLabels, matchRoutes, routeById, type Route } from './routing.ts';

/** An alert as a notification group holds it, with what may mute it. */
export interface GroupAlert extends AlertSnapshot {
  flapping: boolean;
  suppressed: boolean;
}

interface Group {
  key: string;
  routeId: string;
  receiver: string;
  labels: Record<string, string>;
  alerts: Record<string, GroupAlert>;
  /** Fingerprints of the firing alerts the last notification told about. */
  notifiedFiring: string[];
  /** Notifications sent so far; part of the idempotency key, so a repeat differs from the first. */
  seq: number;
  lastSentAt: number | null;
  nextFlushAt: number;
}

/** What the dispatcher needs from the rest of alerting. */
export interface DispatchDeps {
  outbox: Outbox;
  routes(): Route | undefined;
  lang(): Lang;
  /** True while an alert must not notify (maintenance, flapping, suppressed). */
  muted(alert: GroupAlert, now: number): boolean;
  /** The incident of an alert and its signed acknowledge link. */
  incidentOf(fingerprint: string, now: number): { id: string; ackUrl: string | undefined } | undefined;
}

interface Row { group_key: string; receiver: string; labels: string; alerts: string; notified_firing: string; seq: number; last_sent_at: number | null; next_flush_at: number }

/**
 * Alertmanager's aggregation groups: an alert joins one group per matching route (by the route's
 * group_by labels); a new group waits group_wait, then is looked at every group_interval and
 * notifies when it has new firing or newly resolved alerts, or repeat_interval has passed.
 * Group state lives in SQLite, so a restart neither forgets a group nor notifies twice.
 */
export class Dispatcher {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly db: Db, private readonly deps: DispatchDeps) {
    for (const r of db.prepare('SELECT * FROM alert_groups').all() as Row[]) {
      this.groups.set(r.group_key, {
        key: r.group_key, routeId: r.group_key.slice(0, r.group_key.indexOf('|')), receiver: r.receiver,
        labels: JSON.parse(r.labels) as Record<string, string>, alerts: JSON.parse(r.alerts) as Record<string, GroupAlert>,
        notifiedFiring: JSON.parse(r.notified_firing) as string[], seq: r.seq, lastSentAt: r.last_sent_at, nextFlushAt: r.next_flush_at,
      });
    }
  }

  /** Takes a firing alert into its groups, or marks a resolved one resolved where it is held. */
  update(alert: GroupAlert, now: number): void {
    if (alert.status === 'resolved') {
      for (const g of this.groups.values()) {
        if (g.alerts[alert.fingerprint] === undefined) continue;
        g.alerts[alert.fingerprint] = alert;
        this.save(g);
      }
      return;
    }
    const root = this.deps.routes();
    if (root === undefined) return;
    for (const route of matchRoutes(root, alert.labels)) {
      const labels = groupLabels(route, alert.labels);
      const key = `${route.id}|${route.receiver}|${JSON.stringify(labels)}`;
      let g = this.groups.get(key);
      if (g === undefined) {
        g = { key, routeId: route.id, receiver: route.receiver, labels, alerts: {}, notifiedFiring: [], seq: 0, lastSentAt: null, nextFlushAt: now + route.groupWait };
        this.groups.set(key, g);
      }
      g.alerts[alert.fingerprint] = alert;
      this.save(g);
    }
  }

  /** Flushes every group that is due; returns when the next one is. */
  flushDue(now: number): number | undefined {
    let next: number | undefined;
    for (const g of [...this.groups.values()]) {
      if (g.nextFlushAt <= now) this.flush(g, now);
      if (this.groups.has(g.key) && (next === undefined || g.nextFlushAt < next)) next = g.nextFlushAt;
    }
    return next;
  }

  /** The groups now, for the API. */
  list(): Array<Pick<Group, 'key' | 'receiver' | 'labels' | 'seq' | 'lastSentAt' | 'nextFlushAt'> & { alerts: number }> {
    return [...this.groups.values()].map((g) => ({ key: g.key, receiver: g.receiver, labels: g.labels, seq: g.seq, lastSentAt: g.lastSentAt, nextFlushAt: g.nextFlushAt, alerts: Object.keys(g.alerts).length }));
  }

  private flush(g: Group, now: number): void {
    const root = this.deps.routes();
    const route = root && (routeById(root, g.routeId) ?? root);
    const all = Object.values(g.alerts);
    const firing = all.filter((a) => a.status === 'firing' && !this.deps.muted(a, now));
    const resolved = all.filter((a) => a.status === 'resolved' && g.notifiedFiring.includes(a.fingerprint));
    const repeatDue = route !== undefined && g.lastSentAt !== null && now - g.lastSentAt >= route.repeatInterval;
    const needs = firing.some((a) => !g.notifiedFiring.includes(a.fingerprint)) || resolved.length > 0 || (firing.length > 0 && repeatDue);
    if (needs && route !== undefined) {
      this.send(g, [...firing, ...resolved], now);
      g.seq += 1;
      g.lastSentAt = now;
      g.notifiedFiring = firing.map((a) => a.fingerprint);
    }
    let changed = needs;
    for (const a of all) if (a.status === 'resolved') { delete g.alerts[a.fingerprint]; changed = true; }
    g.notifiedFiring = g.notifiedFiring.filter((fp) => g.alerts[fp] !== undefined);
    if (Object.keys(g.alerts).length === 0 || route === undefined) {
      this.groups.delete(g.key);
      this.db.prepare('DELETE FROM alert_groups WHERE group_key = ?').run(g.key);
      return;
    }
    g.nextFlushAt = now + route.groupInterval;
    // a tick that changed nothing is not written: after a restart, a stale next_flush_at only means an early look
    if (changed) this.save(g);
  }

  private send(g: Group, alerts: GroupAlert[], now: number): void {
    const lang = this.deps.lang();
    const ordered = [...alerts].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
    const identity = ordered.map((a) => `${a.fingerprint}:${a.status}:${a.startsAt}`).join(',');
    const idempotencyKey = `group:${createHash('sha256').update(`${g.key}\n${g.seq}\n${identity}`).digest('hex').slice(0, 32)}`;
    const lead = alerts.filter((a) => a.status === 'firing').sort((a, b) => a.level - b.level)[0];
    const incident = lead && this.deps.incidentOf(lead.fingerprint, now);
    const { title, text } = renderGroup(alerts, lang, { ...(incident ? { incident: incident.id } : {}), ...(incident?.ackUrl ? { ackUrl: incident.ackUrl } : {}) });
    const worst = [...alerts].sort((a, b) => a.level - b.level)[0]!;
    this.deps.outbox.enqueue({
      idempotencyKey, receiver: g.receiver, lang, title, text, severity: worst.severity,
      alerts: alerts.map((a) => toPayload(a, lang)),
      ...(incident?.ackUrl ? { ackUrl: incident.ackUrl } : {}),
      context: { kind: 'notification', group: g.key, ...(incident ? { incident: incident.id } : {}) },
    });
  }

  private save(g: Group): void {
    this.db.prepare(`INSERT INTO alert_groups (group_key, receiver, labels, alerts, notified_firing, seq, last_sent_at, next_flush_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (group_key) DO UPDATE SET alerts = excluded.alerts,
      notified_firing = excluded.notified_firing, seq = excluded.seq, last_sent_at = excluded.last_sent_at, next_flush_at = excluded.next_flush_at`)
      .run(g.key, g.receiver, JSON.stringify(g.labels), JSON.stringify(g.alerts), JSON.stringify(g.notifiedFiring), g.seq, g.lastSentAt, g.nextFlushAt);
  }
}
