import { silentLogger, type Logger } from '../log.ts';
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

/**
 * Alert state in SQLite, written synchronously on every change (WAL, synchronous=FULL). A write the
 * database refuses (a full disk) never reaches the engine: the latest state of each alert waits in
 * memory and is written with the next change or within `retryMs`, whichever comes first.
 */
export class SqliteAlertStore implements AlertStore {
  private readonly upsert;
  private readonly del;
  private readonly waiting = new Map<string, SavedAlert | undefined>();
  private depth = 0;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private failing: string | undefined;

  constructor(private readonly db: Db, private readonly opts: { logger?: Logger; retryMs?: number } = {}) {
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
    this.waiting.set(s.alert.fingerprint, s);
    if (this.depth === 0) this.write();
  }

  remove(fingerprint: string): void {
    this.waiting.set(fingerprint, undefined);
    if (this.depth === 0) this.write();
  }

  batch(fn: () => void): void {
    this.depth++;
    try {
      fn();
    } finally {
      this.depth--;
    }
    if (this.depth === 0) this.write();
  }

  /** Failed writes so far, how many alerts wait in memory, and why the last write failed (undefined once one succeeds). */
  writeHealth(): { failures: number; waiting: number; failing: string | undefined } {
    return { failures: this.failures, waiting: this.waiting.size, failing: this.failing };
  }

  /** Writes every waiting alert in one transaction; false (counted, retried) when the database refused. */
  write(): boolean {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.size === 0) return true;
    try {
      this.db.transaction(() => {
        for (const [fingerprint, saved] of this.waiting) {
          if (saved === undefined) this.del.run(fingerprint);
          else this.put(saved);
        }
      })();
    } catch (err) {
      this.failures++;
      if (this.failing === undefined) (this.opts.logger ?? silentLogger()).error({ part: 'rules', err: (err as Error).message, waiting: this.waiting.size }, 'alert state cannot be written: it waits in memory and is written when it can');
      this.failing = (err as Error).message ?? String(err);
      if (this.db.open) {
        this.timer = setTimeout(() => this.write(), this.opts.retryMs ?? 1000);
        this.timer.unref();
      }
      return false;
    }
    this.waiting.clear();
    this.failing = undefined;
    return true;
  }

  private put(s: SavedAlert): void {
    const a = s.alert;
    this.upsert.run({
      fingerprint: a.fingerprint, rule: a.rule, rule_hash: s.ruleHash, target: s.target, state: a.state, alert: JSON.stringify(a),
      active_at: a.activeAt, fired_at: a.firedAt ?? null, last_breaking_at: s.lastBreakingAt, expires_at: s.expiresAt ?? null,
    });
  }
}
