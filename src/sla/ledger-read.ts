import type { Db } from '../store/db.ts';
import type { SlaConfig } from './config.ts';
import { agencyIds, contractForMonth } from './contracts.ts';
import type { EvidenceLine } from './evidence.ts';
import { monthPeriod } from './period.ts';
import { selectEvidence } from './select.ts';

/**
 * The ledger rows an agency's report for `month` rests on, as evidence lines: contract versions,
 * each service's status lines around and in the month, maintenance and incidents (their latest
 * row each). Reads only; works on a read-only connection while the daemon writes.
 */
export function readAgencyEvidence(db: Db, sla: SlaConfig, agency: string, month: string): EvidenceLine[] {
  const contract = contractForMonth(sla, agency, month);
  if (contract === undefined) return [];
  const period = monthPeriod(month, contract.timezone);
  const services = new Set(contract.services.map((s) => s.id));
  const rows: string[] = [];
  rows.push(...(db.prepare("SELECT line FROM sla_ledger WHERE kind = 'contract' AND agency = ? ORDER BY id").pluck().all(agency) as string[]));
  const before = db.prepare("SELECT line FROM sla_ledger WHERE service = ? AND kind = 'status' AND at < ? ORDER BY at DESC, id DESC LIMIT 1").pluck();
  const inside = db.prepare("SELECT line FROM sla_ledger WHERE service = ? AND kind = 'status' AND at >= ? AND at < ? ORDER BY at, id").pluck();
  const after = db.prepare("SELECT line FROM sla_ledger WHERE service = ? AND kind = 'status' AND at >= ? ORDER BY at, id LIMIT 1").pluck();
  const latestOf = (kind: string) => db.prepare(
    `SELECT line FROM sla_ledger WHERE id IN (SELECT MAX(id) FROM sla_ledger WHERE service = ? AND kind = '${kind}' AND at < ? AND COALESCE(until, at) >= ? GROUP BY subject) ORDER BY id`,
  ).pluck();
  const maintenance = latestOf('maintenance');
  const incidents = latestOf('incident');
  for (const service of services) {
    const b = before.get(service, period.start) as string | undefined;
    if (b) rows.push(b);
    rows.push(...(inside.all(service, period.start, period.end) as string[]));
    const a = after.get(service, period.end) as string | undefined;
    if (a) rows.push(a);
    rows.push(...(maintenance.all(service, period.end, period.start) as string[]));
    rows.push(...(incidents.all(service, period.end, period.start) as string[]));
  }
  return selectEvidence(rows.map((r) => JSON.parse(r) as EvidenceLine), agency, services, period);
}

/** Evidence lines of one agency, or of every agency, for `month`: contract, status, maintenance, incident lines in that order. */
export function readMonthEvidence(db: Db, sla: SlaConfig, month: string, agency?: string): EvidenceLine[] {
  const ids = agency === undefined ? agencyIds(sla) : [agency];
  const order = { contract: 0, status: 1, maintenance: 2, incident: 3 } as const;
  const time = (l: EvidenceLine) => (l.type === 'status' ? l.at : l.type === 'maintenance' ? l.start : l.type === 'incident' ? l.opened : l.effective);
  return ids.flatMap((id) => readAgencyEvidence(db, sla, id, month)
    .map((l, i) => ({ l, i }))
    .sort((x, y) => order[x.l.type] - order[y.l.type] || Date.parse(time(x.l)) - Date.parse(time(y.l)) || x.i - y.i)
    .map((x) => x.l));
}
