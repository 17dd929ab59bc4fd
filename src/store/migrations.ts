import { OUTBOX_MIGRATION } from '../notify/migration.ts';
import { ROLLUP_MIGRATION } from '../reports/rollup-store.ts';
import { ALERTING_MIGRATIONS } from '../alerting/migrations.ts';
import { SLA_LEDGER_GUARD_SQL, SLA_LEDGER_SQL, SLA_STATUS_DAYS_SQL, SLA_STATUS_LOCAL_DAYS_SQL } from '../sla/ledger-sql.ts';
import { RULE_ALERTS_MIGRATION } from '../rules/persist.ts';

/** Schema migrations, applied in order and never edited once released: add a new one instead. */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'daemon runs and target status transitions',
    sql: `
      CREATE TABLE daemon_runs (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL,
        stopped_at INTEGER,
        stop_kind TEXT CHECK (stop_kind IN ('clean', 'crash')),
        version TEXT NOT NULL,
        pid INTEGER NOT NULL
      );
      CREATE TABLE status_transitions (
        id INTEGER PRIMARY KEY,
        target TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('up', 'down', 'unknown')),
        reason TEXT NOT NULL,
        at INTEGER NOT NULL,
        run_id INTEGER NOT NULL REFERENCES daemon_runs (id)
      );
      CREATE INDEX status_transitions_by_target ON status_transitions (target, at);
    `,
  },
  {
    version: 2,
    name: 'events (SNMP traps and other things that happen at once)',
    sql: `
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
        target TEXT,
        summary TEXT NOT NULL,
        details TEXT NOT NULL
      );
      CREATE INDEX events_by_time ON events (at);
    `,
  },
  OUTBOX_MIGRATION,
  ROLLUP_MIGRATION,
  ...ALERTING_MIGRATIONS,
  { version: 7, name: 'SLA ledger (hash-chained evidence lines)', sql: SLA_LEDGER_SQL },
  { version: 8, name: 'SLA ledger append-only triggers and indexes', sql: SLA_LEDGER_GUARD_SQL },
  { version: 12, name: 'SLA status rows summarised per service and closed UTC day', sql: SLA_STATUS_DAYS_SQL },
  RULE_ALERTS_MIGRATION,
  { version: 14, name: 'SLA status rows summarised per service and closed local day, with the evidence digest chunk', sql: SLA_STATUS_LOCAL_DAYS_SQL },
];
