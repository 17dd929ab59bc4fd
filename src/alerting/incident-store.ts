import type Database from 'better-sqlite3';
import type { Db } from '../store/db.ts';
import type { Incident, IncidentLevel } from './types.ts';

/** A note on an incident. */
export interface IncidentNote {
  at: number;
  author: string;
  text: string;
}

/** An incident with what alerting keeps beside the shared shape. */
export interface StoredIncident extends Incident {
  seq: number;
  groupKey: string;
  /** Fingerprints of its alerts firing now. */
  firing: string[];
  escalationStep: number;
  closedBy: string | null;
}

interface Row {
  seq: number; group_key: string; level: IncidentLevel; labels: string; title: string; opened_at: number;
  acknowledged_at: number | null; acknowledged_by: string | null; restored_at: number | null; closed_at: number | null;
  closed_by: string | null; escalation_step: number;
}

/** "INC-000042" for sequence 42. */
export const incidentId = (seq: number): string => `INC-${String(seq).padStart(6, '0')}`;
const seqOf = (id: string): number | undefined => (/^INC-(\d+)$/.test(id) ? Number(id.slice(4)) : undefined);

/** Incidents in SQLite; every read goes to the database, so a restart sees exactly what was written. */
export class IncidentStore {
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();

  constructor(private readonly db: Db) {}

  /** A prepared statement, prepared once per SQL text (alerting reads incidents on every alert change). */
  private st(sql: string): Database.Statement<unknown[]> {
    let s = this.statements.get(sql);
    if (s === undefined) this.statements.set(sql, (s = this.db.prepare<unknown[]>(sql)));
    return s;
  }

  private hydrate(r: Row, given?: Array<{ fingerprint: string; firing: number }>): StoredIncident {
    const alerts = given ?? this.st('SELECT fingerprint, firing FROM incident_alerts WHERE incident_seq = ? ORDER BY joined_at, fingerprint').all(r.seq) as Array<{ fingerprint: string; firing: number }>;
    return {
      id: incidentId(r.seq), seq: r.seq, groupKey: r.group_key, level: r.level, labels: JSON.parse(r.labels) as Record<string, string>,
      title: r.title, openedAt: r.opened_at, acknowledgedAt: r.acknowledged_at, acknowledgedBy: r.acknowledged_by,
      restoredAt: r.restored_at, closedAt: r.closed_at, closedBy: r.closed_by, escalationStep: r.escalation_step,
      alertFingerprints: alerts.map((a) => a.fingerprint), firing: alerts.filter((a) => a.firing === 1).map((a) => a.fingerprint),
    };
  }

  get(id: string): StoredIncident | undefined {
    const seq = seqOf(id);
    const row = seq === undefined ? undefined : (this.st('SELECT * FROM incidents WHERE seq = ?').get(seq) as Row | undefined);
    return row && this.hydrate(row);
  }

  /** Incidents not closed, oldest first. */
  open(): StoredIncident[] {
    const rows = this.st('SELECT * FROM incidents WHERE closed_at IS NULL ORDER BY seq').all() as Row[];
    const alerts = new Map<number, Array<{ fingerprint: string; firing: number }>>(rows.map((r) => [r.seq, []]));
    const all = this.st(`SELECT a.incident_seq, a.fingerprint, a.firing FROM incident_alerts a JOIN incidents i ON i.seq = a.incident_seq
      WHERE i.closed_at IS NULL ORDER BY a.joined_at, a.fingerprint`).all() as Array<{ incident_seq: number; fingerprint: string; firing: number }>;
    for (const a of all) alerts.get(a.incident_seq)?.push(a);
    return rows.map((r) => this.hydrate(r, alerts.get(r.seq)));
  }

  /** How many incidents are open, by level and whether acknowledged (one query, for the metrics scrape). */
  openCounts(): Array<{ level: IncidentLevel; acknowledged: boolean; count: number }> {
    return (this.st('SELECT level, acknowledged_at IS NOT NULL AS acked, COUNT(*) AS n FROM incidents WHERE closed_at IS NULL GROUP BY level, acked').all() as Array<{ level: IncidentLevel; acked: number; n: number }>)
      .map((r) => ({ level: r.level, acknowledged: r.acked === 1, count: r.n }));
  }

  openByGroup(groupKey: string): StoredIncident | undefined {
    const row = this.st('SELECT * FROM incidents WHERE closed_at IS NULL AND group_key = ? ORDER BY seq DESC LIMIT 1').get(groupKey) as Row | undefined;
    return row && this.hydrate(row);
  }

  /** The open incident an alert belongs to, if any. */
  openOfAlert(fingerprint: string): StoredIncident | undefined {
    const row = this.st(`SELECT i.* FROM incidents i JOIN incident_alerts a ON a.incident_seq = i.seq
      WHERE i.closed_at IS NULL AND a.fingerprint = ? ORDER BY i.seq DESC LIMIT 1`).get(fingerprint) as Row | undefined;
    return row && this.hydrate(row);
  }

  /** Incidents opened in [from, to), or every one when no range is given; newest first. */
  list(from = 0, to = Number.MAX_SAFE_INTEGER, limit = 1000): StoredIncident[] {
    return (this.db.prepare('SELECT * FROM incidents WHERE opened_at >= ? AND opened_at < ? ORDER BY seq DESC LIMIT ?').all(from, to, limit) as Row[]).map((r) => this.hydrate(r));
  }

  create(i: { groupKey: string; level: IncidentLevel; labels: Record<string, string>; title: string; at: number; fingerprint: string }): StoredIncident {
    return this.db.transaction(() => {
      const seq = Number(this.db.prepare('INSERT INTO incidents (group_key, level, labels, title, opened_at) VALUES (?, ?, ?, ?, ?)')
        .run(i.groupKey, i.level, JSON.stringify(i.labels), i.title, i.at).lastInsertRowid);
      this.db.prepare('INSERT INTO incident_alerts (incident_seq, fingerprint, firing, joined_at) VALUES (?, ?, 1, ?)').run(seq, i.fingerprint, i.at);
      return this.get(incidentId(seq))!;
    })();
  }

  /** Marks an alert of the incident firing or not (adding it when new). */
  setAlert(seq: number, fingerprint: string, firing: boolean, at: number): void {
    this.st(`INSERT INTO incident_alerts (incident_seq, fingerprint, firing, joined_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (incident_seq, fingerprint) DO UPDATE SET firing = excluded.firing`).run(seq, fingerprint, firing ? 1 : 0, at);
  }

  update(seq: number, fields: Partial<{ level: IncidentLevel; labels: Record<string, string>; restored_at: number | null; closed_at: number; closed_by: string; acknowledged_at: number; acknowledged_by: string; escalation_step: number }>): void {
    const entries = Object.entries(fields).map(([k, v]) => [k, k === 'labels' ? JSON.stringify(v) : v] as const);
    if (entries.length === 0) return;
    this.db.prepare(`UPDATE incidents SET ${entries.map(([k]) => `${k} = ?`).join(', ')} WHERE seq = ?`).run(...entries.map(([, v]) => v), seq);
  }

  addNote(seq: number, note: IncidentNote): void {
    this.db.prepare('INSERT INTO incident_notes (incident_seq, at, author, text) VALUES (?, ?, ?, ?)').run(seq, note.at, note.author, note.text);
  }

  notes(seq: number): IncidentNote[] {
    return this.db.prepare('SELECT at, author, text FROM incident_notes WHERE incident_seq = ? ORDER BY id').all(seq) as IncidentNote[];
  }
}
