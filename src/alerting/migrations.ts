/** SQL of alerting's migrations (versions 4, 5 and 13), appended to `MIGRATIONS` in src/store/migrations.ts. */
export const ALERTING_MIGRATIONS = [
  {
    version: 4,
    name: 'incidents, their alerts and notes, the audit log, alerting settings',
    sql: `
      CREATE TABLE incidents (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        group_key TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        labels TEXT NOT NULL,
        title TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        acknowledged_by TEXT,
        restored_at INTEGER,
        closed_at INTEGER,
        closed_by TEXT,
        escalation_step INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX incidents_open ON incidents (closed_at, group_key);
      CREATE INDEX incidents_by_opened ON incidents (opened_at);
      CREATE TABLE incident_alerts (
        incident_seq INTEGER NOT NULL REFERENCES incidents (seq),
        fingerprint TEXT NOT NULL,
        firing INTEGER NOT NULL,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (incident_seq, fingerprint)
      );
      CREATE TABLE incident_notes (
        id INTEGER PRIMARY KEY,
        incident_seq INTEGER NOT NULL REFERENCES incidents (seq),
        at INTEGER NOT NULL,
        author TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        token_name TEXT,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        details TEXT NOT NULL,
        address TEXT
      );
      CREATE INDEX audit_by_time ON audit_log (at);
      CREATE TABLE alerting_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 5,
    name: 'maintenance windows and notification groups',
    sql: `
      CREATE TABLE maintenance_windows (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('config', 'api')),
        spec TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        ended_at INTEGER,
        ended_by TEXT
      );
      CREATE TABLE alert_groups (
        group_key TEXT PRIMARY KEY,
        receiver TEXT NOT NULL,
        labels TEXT NOT NULL,
        alerts TEXT NOT NULL,
        notified_firing TEXT NOT NULL,
        seq INTEGER NOT NULL,
        last_sent_at INTEGER,
        next_flush_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 13,
    name: 'incident alerts found by fingerprint',
    // every alert change asks for the open incident of its fingerprint; without this the lookup scans all history
    sql: 'CREATE INDEX incident_alerts_by_fingerprint ON incident_alerts (fingerprint, incident_seq);',
  },
] as const;
