import type { Db } from '../store/db.ts';

/** One change made through the API or a signed link. */
export interface AuditEntry {
  id: number;
  at: number;
  /** Who: the token's name, or the name given on an acknowledge link. */
  actor: string;
  /** Which API token was used; null for a signed link. */
  tokenName: string | null;
  /** e.g. "incident.acknowledge", "maintenance.create". */
  action: string;
  /** What it was done to, e.g. "INC-000042". */
  subject: string;
  details: unknown;
  /** The client address. */
  address: string | null;
}

/** The audit log of changes, in SQLite. */
export class AuditLog {
  constructor(private readonly db: Db) {}

  record(e: Omit<AuditEntry, 'id'>): AuditEntry {
    const id = Number(this.db.prepare('INSERT INTO audit_log (at, actor, token_name, action, subject, details, address) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.tokenName, e.action, e.subject, JSON.stringify(e.details ?? null), e.address).lastInsertRowid);
    return { ...e, id };
  }

  /** Newest first. */
  recent(limit = 100, from = 0, to = Number.MAX_SAFE_INTEGER): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY id DESC LIMIT ?').all(from, to, limit) as Array<{
      id: number; at: number; actor: string; token_name: string | null; action: string; subject: string; details: string; address: string | null;
    }>;
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, tokenName: r.token_name, action: r.action, subject: r.subject, details: JSON.parse(r.details) as unknown, address: r.address }));
  }
}
