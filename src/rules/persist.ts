import type { Db } from '../store/db.ts';
import type { SavedAlert } from './alert-table.ts';
import type { AlertStore } from './engine.ts';
import type { Alert } from './types.ts';

/** Migration 3: pending and firing alerts, so a restart (or kill -9) resumes every one of them. */
export const RULE_ALERTS_MIGRATION = {
  version: 3,
  name: 'rule alerts (pending and firing, resumed after a restart)',
  sql: `
    CREATE TABLE rule_alerts (
      fingerprint TEXT PRIMARY KEY,
      rule TEXT NOT NULL,
      rule_hash TEXT NOT NULL,
      target TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'firing')),
      alert TEXT NOT NULL,
      active_at INTEGER NOT NULL,
      fired_at INTEGER,
      last_breaking_at INTEGER NOT NULL,
      expires_at INTEGER
    );
    CREATE INDEX rule_alerts_by_rule ON rule_alerts (rule);
  `,
} as const;

/** Alert state in SQLite, written synchronously on every change (WAL, synchronous=FULL). */
export class SqliteAlertStore implements AlertStore {
  private readonly upsert;
  private readonly del;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`INSERT INTO rule_alerts (fingerprint, rule, rule_hash, target, state, alert, active_at, fired_at, last_breaking_at, expires_at)
      VALUES (@fingerprint, @rule, @rule_hash, @target, @state, @alert, @active_at, @fired_at, @last_breaking_at, @expires_at)
      ON CONFLICT (fingerprint) DO UPDATE SET rule_hash = excluded.rule_hash, state = excluded.state, alert = excluded.alert,
        active_at = excluded.active_at, fired_at = excluded.fired_at, last_breaking_at = excluded.last_breaking_at, expires_at = excluded.expires_at`);
    this.del = db.prepare('DELETE FROM rule_alerts WHERE fingerprint = ?');
  }

  load(): SavedAlert[] {
    const rows = this.db.prepare('SELECT * FROM rule_alerts ORDER BY active_at').all() as Array<{ rule_hash: string; target: string; alert: string; last_breaking_at: number; expires_at: number | null }>;
    return rows.map((r) => ({ alert: JSON.parse(r.alert) as Alert, ruleHash: r.rule_hash, target: r.target, lastBreakingAt: r.last_breaking_at, expiresAt: r.expires_at ?? undefined }));
  }

  save(s: SavedAlert): void {
    const a = s.alert;
    this.upsert.run({
      fingerprint: a.fingerprint, rule: a.rule, rule_hash: s.ruleHash, target: s.target, state: a.state, alert: JSON.stringify(a),
      active_at: a.activeAt, fired_at: a.firedAt ?? null, last_breaking_at: s.lastBreakingAt, expires_at: s.expiresAt ?? null,
    });
  }

  remove(fingerprint: string): void {
    this.del.run(fingerprint);
  }

  batch(fn: () => void): void {
    this.db.transaction(fn)();
  }
}
