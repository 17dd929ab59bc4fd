import { createHash } from 'node:crypto';
import type { Outbox } from '../notify/types.ts';
import type { Db } from '../store/db.ts';
import type { Lang } from '../text/lang.ts';
import { DueHeap } from '../rules/due-heap.ts';
import { listedAlerts, renderGroup, type AlertSnapshot } from './render.ts';
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
  /** Creation order: groups due together flush in this order. */
  order: number;
}

/**
 * How often a group whose alerts changed is written (a change is not written at once: a group of
 * thousands of alerts rewritten on each of thousands of changes stalled the daemon). A notification
 * is always written at once; what a crash loses in between, `reconcile` puts right at the next start.
 */
export const GROUP_SAVE_MS = 1000;

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
  private readonly flushes = new DueHeap<string>();
  private readonly dirty = new Set<Group>();
  /** The groups holding each alert, so a resolution finds them without looking at every group. */
  private readonly holding = new Map<string, Set<Group>>();
  private savedAt = -Infinity;
  private created = 0;

  constructor(private readonly db: Db, private readonly deps: DispatchDeps) {
    for (const r of db.prepare('SELECT * FROM alert_groups').all() as Row[]) {
      this.add({
        key: r.group_key, routeId: r.group_key.slice(0, r.group_key.indexOf('|')), receiver: r.receiver,
        labels: JSON.parse(r.labels) as Record<string, string>, alerts: JSON.parse(r.alerts) as Record<string, GroupAlert>,
        notifiedFiring: JSON.parse(r.notified_firing) as string[], seq: r.seq, lastSentAt: r.last_sent_at, nextFlushAt: r.next_flush_at, order: 0,
      });
    }
  }

  private add(g: Group): void {
    g.order = this.created++;
    this.groups.set(g.key, g);
    for (const fp of Object.keys(g.alerts)) this.hold(fp, g);
    this.flushes.set(g.key, g.nextFlushAt);
  }

  private hold(fingerprint: string, g: Group): void {
    let set = this.holding.get(fingerprint);
    if (set === undefined) this.holding.set(fingerprint, (set = new Set()));
    set.add(g);
  }

  private release(fingerprint: string, g: Group): void {
    const set = this.holding.get(fingerprint);
    set?.delete(g);
    if (set?.size === 0) this.holding.delete(fingerprint);
  }

  /**
   * After a restart: an alert a group holds as firing that is no longer active resolved while the
   * daemon was down (or before its group was written); it is marked resolved now, so the group says so.
   */
  reconcile(active: ReadonlySet<string>, now: number): void {
    for (const g of this.groups.values()) {
      for (const a of Object.values(g.alerts)) {
        if (a.status !== 'firing' || active.has(a.fingerprint)) continue;
        g.alerts[a.fingerprint] = { ...a, status: 'resolved', endsAt: now };
        this.dirty.add(g);
      }
    }
    this.saveDirty();
  }

  /** Writes every group changed since it was last written. */
  saveDirty(): void {
    if (this.dirty.size === 0) return;
    const groups = [...this.dirty];
    this.db.transaction(() => groups.forEach((g) => this.groups.get(g.key) === g && this.save(g)))();
    for (const g of groups) this.dirty.delete(g);
  }

  /** Takes a firing alert into its groups, or marks a resolved one resolved where it is held. */
  update(alert: GroupAlert, now: number): void {
    if (alert.status === 'resolved') {
      for (const g of this.holding.get(alert.fingerprint) ?? []) {
        g.alerts[alert.fingerprint] = alert;
        this.dirty.add(g);
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
        g = { key, routeId: route.id, receiver: route.receiver, labels, alerts: {}, notifiedFiring: [], seq: 0, lastSentAt: null, nextFlushAt: now + route.groupWait, order: 0 };
        this.add(g);
      }
      g.alerts[alert.fingerprint] = alert;
      this.hold(alert.fingerprint, g);
      this.dirty.add(g);
    }
  }

  /** Flushes every group that is due (and writes changed groups at most every GROUP_SAVE_MS); returns when the next thing is due. */
  flushDue(now: number): number | undefined {
    const due = this.flushes.popDue(now).map((key) => this.groups.get(key)).filter((g): g is Group => g !== undefined).sort((a, b) => a.order - b.order);
    // a flush the database refuses (a full disk) stays due and its group waits to be written: the caller retries
    let refused: unknown;
    for (const g of due) {
      try {
        this.flush(g, now);
      } catch (err) {
        refused ??= err;
        if (this.groups.get(g.key) === g) this.dirty.add(g);
      }
      if (this.groups.get(g.key) === g) this.flushes.set(g.key, g.nextFlushAt);
    }
    if (refused !== undefined) throw refused;
    if (this.dirty.size > 0 && now - this.savedAt >= GROUP_SAVE_MS) {
      this.savedAt = now;
      this.saveDirty();
    }
    const next = this.flushes.peek();
    if (this.dirty.size === 0) return next;
    const save = this.savedAt + GROUP_SAVE_MS;
    return next === undefined ? save : Math.min(next, save);
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
    const notified = new Set(g.notifiedFiring);
    const resolved = all.filter((a) => a.status === 'resolved' && notified.has(a.fingerprint));
    const repeatDue = route !== undefined && g.lastSentAt !== null && now - g.lastSentAt >= route.repeatInterval;
    const needs = firing.some((a) => !notified.has(a.fingerprint)) || resolved.length > 0 || (firing.length > 0 && repeatDue);
    if (needs && route !== undefined) {
      this.send(g, [...firing, ...resolved], now);
      g.seq += 1;
      g.lastSentAt = now;
      g.notifiedFiring = firing.map((a) => a.fingerprint);
    }
    let changed = needs;
    for (const a of all) {
      if (a.status !== 'resolved') continue;
      delete g.alerts[a.fingerprint];
      this.release(a.fingerprint, g);
      changed = true;
    }
    g.notifiedFiring = g.notifiedFiring.filter((fp) => g.alerts[fp] !== undefined);
    if (Object.keys(g.alerts).length === 0 || route === undefined) {
      this.groups.delete(g.key);
      this.flushes.delete(g.key);
      for (const fp of Object.keys(g.alerts)) this.release(fp, g);
      this.dirty.delete(g);
      this.db.prepare('DELETE FROM alert_groups WHERE group_key = ?').run(g.key);
      return;
    }
    g.nextFlushAt = now + route.groupInterval;
    // a tick that changed nothing is not written: after a restart, a stale next_flush_at only means an early look
    if (changed || this.dirty.has(g)) {
      this.dirty.delete(g);
      this.save(g);
    }
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
      alerts: listedAlerts(alerts, lang),
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
