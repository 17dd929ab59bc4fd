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
