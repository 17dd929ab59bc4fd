import type { Db } from '../store/db.ts';
import type { SlaConfig } from './config.ts';
import { agencyIds, contractForMonth } from './contracts.ts';
import type { EvidenceLine } from './evidence.ts';
import { monthPeriod } from './period.ts';
import { selectColumns, selectEvidence, selectionLines, selectOther, type Selection, type StatusColumn } from './select.ts';
import { ColumnBuilder, selectStatusColumn } from './status-column.ts';
import { StatusDays } from './status-days.ts';
import type { StoredChunk } from './digest.ts';

/**
 * The ledger rows an agency's report for `month` rests on, as evidence lines: contract versions,
 * each service's status lines around and in the month, maintenance and incidents (their latest
 * row each). Reads only; works on a read-only connection while the daemon writes.
 */
export function readAgencyEvidence(db: Db, sla: SlaConfig, agency: string, month: string): EvidenceLine[] {
  const selection = readAgencySelection(db, sla, agency, month);
  return selection === undefined ? [] : selectionLines(selection);
}

/**
 * `selectEvidence` over every ledger row a report of `agency` for `month` could rest on, each row
 * parsed on its own: the plain computation, without the day summaries.
 */
export function readAgencyRows(db: Db, sla: SlaConfig, agency: string, month: string): EvidenceLine[] {
  const q = queries(db, sla, agency, month);
  if (q === undefined) return [];
  const rows: string[] = [...q.other];
  for (const service of q.services) {
    const b = q.before.get(service, q.period.start) as [number, string] | undefined;
    if (b) rows.push(b[1]);
    for (const [, line] of q.inside.iterate(service, q.period.start, q.period.end) as IterableIterator<[number, string]>) rows.push(line);
    const a = q.after.get(service, q.period.end) as [number, string] | undefined;
    if (a) rows.push(a[1]);
    rows.push(...q.events(service));
  }
  return selectEvidence(rows.map((r) => JSON.parse(r) as EvidenceLine), agency, q.services, q.period);
}

/**
 * The selection a report of `agency` for `month` rests on, equal to `selectEvidence` over
 * `readAgencyRows`: status rows of whole local days come from the day summaries that check out
 * against the chain (with their evidence digest chunks), the rest from the ledger's rows. Undefined without a contract for the month.
 */
export function readAgencySelection(db: Db, sla: SlaConfig, agency: string, month: string): Selection | undefined {
  const q = queries(db, sla, agency, month);
  if (q === undefined) return undefined;
  const days = new StatusDays(db);
  const other: EvidenceLine[] = q.other.map((r) => JSON.parse(r) as EvidenceLine);
  const status = new Map<string, StatusColumn>();
  const chunks = new Map<string, Map<number, StoredChunk>>();
  for (const service of q.services) {
    const out = new ColumnBuilder(service);
    let stray = false;
    const push = (row: [number, string] | undefined) => {
      if (row === undefined) return;
      const l = JSON.parse(row[1]) as EvidenceLine;
      if (l.type === 'status' && l.service === service) out.push(l.at, l.state, l.reason);
      else stray = true;
    };
    push(q.before.get(service, q.period.start) as [number, string] | undefined);
    const stored = days.read(service, q.period.zone, q.period.start, q.period.end, out, (a, b) => {
      for (const row of q.inside.iterate(service, a, b) as IterableIterator<[number, string]>) push(row);
    });
    if (stored.size > 0) chunks.set(service, stored);
    push(q.after.get(service, q.period.end) as [number, string] | undefined);
    if (stray) return selectColumns(readAgencyRows(db, sla, agency, month), agency, q.services, q.period);
    const column = out.build();
    if (column.at.length > 0) status.set(service, selectStatusColumn(column, q.period));
    for (const r of q.events(service)) other.push(JSON.parse(r) as EvidenceLine);
  }
  return { other: selectOther(other, agency, q.services, q.period), status, chunks };
}

function queries(db: Db, sla: SlaConfig, agency: string, month: string) {
  const contract = contractForMonth(sla, agency, month);
  if (contract === undefined) return undefined;
  const period = monthPeriod(month, contract.timezone);
  const services = new Set(contract.services.map((s) => s.id));
  const latestOf = (kind: string) => db.prepare(
    `SELECT line FROM sla_ledger WHERE id IN (SELECT MAX(id) FROM sla_ledger WHERE service = ? AND kind = '${kind}' AND at < ? AND COALESCE(until, at) >= ? GROUP BY subject) ORDER BY id`,
  ).pluck();
  const maintenance = latestOf('maintenance');
  const incidents = latestOf('incident');
  return {
    period, services,
    other: db.prepare("SELECT line FROM sla_ledger WHERE kind = 'contract' AND agency = ? ORDER BY id").pluck().all(agency) as string[],
    before: db.prepare("SELECT at, line FROM sla_ledger WHERE service = ? AND kind = 'status' AND at < ? ORDER BY at DESC, id DESC LIMIT 1").raw(),
    inside: db.prepare("SELECT at, line FROM sla_ledger WHERE service = ? AND kind = 'status' AND at >= ? AND at < ? ORDER BY at, id").raw(),
    after: db.prepare("SELECT at, line FROM sla_ledger WHERE service = ? AND kind = 'status' AND at >= ? ORDER BY at, id LIMIT 1").raw(),
    events: (service: string) => [...maintenance.all(service, period.end, period.start) as string[], ...incidents.all(service, period.end, period.start) as string[]],
  };
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
