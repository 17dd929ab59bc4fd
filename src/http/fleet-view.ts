import type { TargetStatus } from '../store/status-ledger.ts';

/** The little the page needs to count and pick targets, cheap for 100,000 of them. */
export interface FleetRow {
  name: string;
  kind: string;
  site: string;
  status: TargetStatus;
}

/** `?status=` (up, down, unknown, problems = down and unknown, all), `?q=` (part of a name, site or kind), `?page=` (from 1). */
export interface FleetQuery {
  status?: string | undefined;
  q?: string | undefined;
  page?: string | undefined;
}

export type FleetFilter = TargetStatus | 'problems' | 'all';

/** Counts for the whole fleet and the targets of one page of the detail list. */
export interface FleetSelection {
  total: number;
  counts: Record<TargetStatus, number>;
  sites: Array<{ site: string } & Record<TargetStatus, number>>;
  status: FleetFilter;
  q: string;
  /** Targets matching the filter, and the names on this page (worst first, then by name). */
  matching: number;
  names: string[];
  page: number;
  pages: number;
  /** True when the list is filtered or paged, so the page shows its summary and navigation. */
  limited: boolean;
}

/** Beyond this many targets the detail list shows only down and unknown ones unless asked otherwise. */
export const BIG_FLEET = 500;
/** Rows per page of the detail list. */
export const PAGE_SIZE = 200;

const FILTERS: readonly FleetFilter[] = ['up', 'down', 'unknown', 'problems', 'all'];

/**
 * Counts the fleet by status and site, and picks the page of the detail list the query asks for.
 * `rows` come sorted by name (the caller keeps that order per config), so worst-first is a bucketing, not a sort.
 */
export function selectFleet(rows: readonly FleetRow[], query: FleetQuery): FleetSelection {
  const counts: Record<TargetStatus, number> = { up: 0, down: 0, unknown: 0 };
  const bySite = new Map<string, Record<TargetStatus, number>>();
  for (const r of rows) {
    counts[r.status]++;
    let site = bySite.get(r.site);
    if (site === undefined) bySite.set(r.site, (site = { up: 0, down: 0, unknown: 0 }));
    site[r.status]++;
  }
  const asked = FILTERS.find((f) => f === query.status);
  const status: FleetFilter = asked ?? (rows.length > BIG_FLEET ? 'problems' : 'all');
  const q = (query.q ?? '').trim().toLowerCase().slice(0, 200);
  const matching = rows.filter((r) =>
    (status === 'all' || r.status === status || (status === 'problems' && r.status !== 'up')) &&
    (q === '' || r.name.toLowerCase().includes(q) || r.site.toLowerCase().includes(q) || r.kind.toLowerCase().includes(q)));
  const limited = rows.length > BIG_FLEET || asked !== undefined || q !== '' || query.page !== undefined;
  const pages = limited ? Math.max(1, Math.ceil(matching.length / PAGE_SIZE)) : 1;
  const page = Math.min(pages, Math.max(1, Math.floor(Number(query.page) || 1)));
  const picked = limited ? worstFirst(matching).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) : matching;
  return {
    total: rows.length, counts, status, q, matching: matching.length, page, pages, limited,
    names: picked.map((r) => r.name),
    sites: [...bySite.entries()].map(([site, c]) => ({ site, ...c })).sort((a, b) => b.down - a.down || b.unknown - a.unknown || (a.site < b.site ? -1 : 1)),
  };
}

function worstFirst(rows: readonly FleetRow[]): FleetRow[] {
  const buckets: Record<TargetStatus, FleetRow[]> = { down: [], unknown: [], up: [] };
  for (const r of rows) buckets[r.status].push(r);
  return [...buckets.down, ...buckets.unknown, ...buckets.up];
}
