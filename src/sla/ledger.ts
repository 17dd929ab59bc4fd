import type { Incident, MaintenanceOccurrence } from '../alerting/types.ts';
import type { Db } from '../store/db.ts';
import { canonicalJson, GENESIS, linkHash } from './canonical.ts';
import type { AgencyContract } from './config.ts';
import { contractDigest } from './contracts.ts';
import { bodyOf, utc, type EvidenceLine, type IncidentLine, type MaintenanceLine, type StatusLine } from './evidence.ts';
import type { ServiceState } from './timeline.ts';

/** Where the chain breaks: the first row whose `prev_hash` or `hash` is wrong. */
export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; row: number; message: string };

/**
 * The SLA ledger: service status changes, maintenance occurrences, incidents and contract
 * versions, each row an evidence line chained to the row before by SHA-256 (see chain.ts).
 * Written synchronously by the one daemon process that owns the database.
 */
export class SlaLedger {
  private head: string;
  private readonly insert;
  private readonly status = new Map<string, { state: ServiceState; at: number }>();
  private readonly lastLine = new Map<string, string>();

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO sla_ledger (kind, agency, service, subject, at, until, line, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.head = (db.prepare('SELECT hash FROM sla_ledger ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
    const latest = db.prepare(`SELECT kind, service, subject, line FROM sla_ledger WHERE id IN (SELECT MAX(id) FROM sla_ledger GROUP BY kind, service, subject)`).all() as Array<{ kind: string; service: string | null; subject: string | null; line: string }>;
    for (const r of latest) {
      if (r.kind === 'status' && r.service) {
        const line = JSON.parse(r.line) as StatusLine;
        this.status.set(r.service, { state: line.state, at: Date.parse(line.at) });
      }
      this.lastLine.set(`${r.kind}\u0000${r.service ?? ''}\u0000${r.subject ?? ''}`, canonicalJson(JSON.parse(r.line)));
    }
  }

  /** The last recorded state of a service. */
  stateOf(service: string): ServiceState | undefined {
    return this.status.get(service)?.state;
  }

  /** The last recorded state of a service, with when it began (ms). */
  lastStatus(service: string): { state: ServiceState; at: number } | undefined {
    return this.status.get(service);
  }

  /** Records a service's state from `at` (ms) on; only changes are written. Returns true when written. */
  recordStatus(agency: string, service: string, state: ServiceState, reason: string, at: number): boolean {
    const previous = this.status.get(service);
    if (previous?.state === state) return false;
    const when = Math.max(at, previous?.at ?? at);
    this.status.set(service, { state, at: when });
    this.append(agency, service, null, { type: 'status', service, at: utc(when), state, reason }, Math.floor(when / 1000), null);
    return true;
  }

  /** Records a maintenance occurrence for a service it covers; written again only when it changed (ended early). */
  recordMaintenance(agency: string, service: string, o: Pick<MaintenanceOccurrence, 'windowId' | 'start' | 'end' | 'ticket' | 'approvedBy' | 'announcedAt'>): boolean {
    const line: MaintenanceLine = { type: 'maintenance', service, start: utc(o.start), end: utc(o.end), ticket: o.ticket, approved_by: o.approvedBy, announced_at: utc(o.announcedAt) };
    return this.appendChanged(agency, service, `${o.windowId}@${o.start}`, line, Math.floor(o.start / 1000), Math.floor(o.end / 1000));
  }

  /** Records an incident's current state for its service; written again when it is acknowledged or restored. */
  recordIncident(agency: string, service: string, i: Pick<Incident, 'id' | 'level' | 'openedAt' | 'acknowledgedAt' | 'restoredAt'>): boolean {
    const line: IncidentLine = {
      type: 'incident', id: i.id, service, level: i.level, opened: utc(i.openedAt),
      acknowledged: i.acknowledgedAt === null ? null : utc(i.acknowledgedAt), restored: i.restoredAt === null ? null : utc(i.restoredAt),
    };
    return this.appendChanged(agency, service, i.id, line, Math.floor(i.openedAt / 1000), null);
  }

  /** Records a contract version the config holds, once per distinct content. */
  recordContract(contract: AgencyContract): boolean {
    const line: EvidenceLine = { type: 'contract', agency: contract.id, version: contract.contract.version, effective: contract.contract.effective, sha256: contractDigest(contract) };
    const at = Math.floor(Date.parse(`${contract.contract.effective}T00:00:00Z`) / 1000);
    return this.appendChanged(contract.id, null, `${contract.contract.version}@${contract.contract.effective}`, line, at, null);
  }

  /** Walks the whole chain from the first row; reports the first row that does not link. */
  verifyChain(): ChainCheck {
    return verifyLedgerChain(this.db);
  }

  private appendChanged(agency: string, service: string | null, subject: string, line: EvidenceLine, at: number, until: number | null): boolean {
    const key = `${line.type}\u0000${service ?? ''}\u0000${subject}`;
    const text = canonicalJson(line);
    if (this.lastLine.get(key) === text) return false;
    this.append(agency, service, subject, line, at, until);
    this.lastLine.set(key, text);
    return true;
  }

  private append(agency: string, service: string | null, subject: string | null, line: EvidenceLine, at: number, until: number | null): void {
    const body = bodyOf(line);
    const hash = linkHash(body, this.head);
    this.insert.run(line.type, agency, service, subject, at, until, JSON.stringify(body), this.head, hash);
    this.head = hash;
  }
}

/** Checks every row of the ledger in order (works on a read-only connection). */
export function verifyLedgerChain(db: Db): ChainCheck {
  let prev = GENESIS;
  let rows = 0;
  for (const r of db.prepare('SELECT id, line, prev_hash, hash FROM sla_ledger ORDER BY id').iterate() as IterableIterator<{ id: number; line: string; prev_hash: string; hash: string }>) {
    rows++;
    if (r.prev_hash !== prev) return { ok: false, rows, row: r.id, message: `row ${r.id}: prev_hash does not match the hash of the row before (a row was removed or inserted)` };
    let body: unknown;
    try {
      body = JSON.parse(r.line);
    } catch {
      return { ok: false, rows, row: r.id, message: `row ${r.id}: the line is not JSON` };
    }
    if (linkHash(body, r.prev_hash) !== r.hash) return { ok: false, rows, row: r.id, message: `row ${r.id}: hash does not match the row's content (the row was changed)` };
    prev = r.hash;
  }
  return { ok: true, rows };
}
