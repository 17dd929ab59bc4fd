/** Migration 7: the SLA ledger, one hash-chained table of evidence lines. */
export const SLA_LEDGER_SQL = `
  CREATE TABLE sla_ledger (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('status', 'maintenance', 'incident', 'contract')),
    agency TEXT NOT NULL,
    service TEXT,
    subject TEXT,
    at INTEGER NOT NULL,
    until INTEGER,
    line TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX sla_ledger_by_service ON sla_ledger (service, kind, at);
`;

/** Migration 8: the SLA ledger is append-only (UPDATE and DELETE refused); rows found by subject. */
export const SLA_LEDGER_GUARD_SQL = `
  CREATE INDEX sla_ledger_by_subject ON sla_ledger (kind, subject, id);
  CREATE INDEX sla_ledger_by_agency ON sla_ledger (agency, kind, at);
  CREATE TRIGGER sla_ledger_no_update BEFORE UPDATE ON sla_ledger
    BEGIN SELECT RAISE(ABORT, 'the SLA ledger is append-only'); END;
  CREATE TRIGGER sla_ledger_no_delete BEFORE DELETE ON sla_ledger
    BEGIN SELECT RAISE(ABORT, 'the SLA ledger is append-only'); END;
`;

/**
 * Migration 12: each closed UTC day of each service's status rows, as columns (derived from the
 * ledger, never edited by hand): `built_id` is the last ledger row when it was built and
 * `built_hash` that row's chain hash; `sha256` covers the rest. `sla_status_days_scan`: the last
 * ledger row checked for rows that arrived late into a summarised day (those summaries are dropped),
 * the first row a status of a day from `until_day` on can have, and the first day not summarised.
 */
export const SLA_STATUS_DAYS_SQL = `
  CREATE TABLE sla_status_days (
    service TEXT NOT NULL,
    day INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    built_id INTEGER NOT NULL,
    built_hash TEXT NOT NULL,
    reasons TEXT NOT NULL,
    data BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (service, day)
  );
  CREATE TABLE sla_status_days_scan (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    scanned_id INTEGER NOT NULL,
    start_id INTEGER NOT NULL,
    until_day INTEGER NOT NULL
  );
`;

/**
 * Migration 14: status rows summarised per service and closed **local** day of its agency's time
 * zone (replacing migration 12's UTC days, which are derived data and rebuilt from the ledger):
 * `zone`, `day` (YYYY-MM-DD) and its bounds `day_start`/`day_end` (epoch seconds) say which day;
 * `chunk_count`/`chunk_sha256` are the day's chunk of the evidence digest; `sha256` covers the
 * rest. `sla_status_local_days_cursor`: per service, the zone and the start of the next day to
 * summarise. `sla_status_local_days_scan`: the last ledger row checked for rows that arrived late.
 */
export const SLA_STATUS_LOCAL_DAYS_SQL = `
  DROP TABLE sla_status_days;
  DROP TABLE sla_status_days_scan;
  CREATE TABLE sla_status_local_days (
    service TEXT NOT NULL,
    zone TEXT NOT NULL,
    day TEXT NOT NULL,
    day_start INTEGER NOT NULL,
    day_end INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    built_id INTEGER NOT NULL,
    built_hash TEXT NOT NULL,
    reasons TEXT NOT NULL,
    data BLOB NOT NULL,
    chunk_count INTEGER NOT NULL,
    chunk_sha256 TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (service, day_start)
  );
  CREATE TABLE sla_status_local_days_cursor (
    service TEXT PRIMARY KEY,
    zone TEXT NOT NULL,
    next_start INTEGER NOT NULL
  );
  CREATE TABLE sla_status_local_days_scan (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    scanned_id INTEGER NOT NULL
  );
`;
