import type { Db } from '../store/db.ts';
import type { MonthlyAggregate, Resource } from './utilisation.ts';

/** Migration 11: per day, agency, server and resource: count, sum and max of the per-poll values; months sum the days. */
export const ROLLUP_MIGRATION = {
  version: 11,
  name: 'daily and monthly roll-up of server CPU, memory and storage utilisation per agency',
  sql: `
    CREATE TABLE resource_rollup_daily (
      day TEXT NOT NULL,
      agency TEXT NOT NULL,
      target TEXT NOT NULL,
      resource TEXT NOT NULL CHECK (resource IN ('cpu', 'memory', 'storage')),
      count INTEGER NOT NULL,
      sum REAL NOT NULL,
      max REAL NOT NULL,
      PRIMARY KEY (agency, day, target, resource)
    ) WITHOUT ROWID;
    CREATE VIEW resource_rollup_monthly AS
      SELECT substr(day, 1, 7) AS month, agency, target, resource, SUM(count) AS count, SUM(sum) AS sum, MAX(max) AS max
      FROM resource_rollup_daily GROUP BY substr(day, 1, 7), agency, target, resource;
  `,
} as const;

/** One accumulated cell: a server's resource on one local day of its agency. */
export interface RollupCell {
  day: string;
  agency: string;
  target: string;
  resource: Resource;
  count: number;
  sum: number;
  max: number;
}

/** Reads and writes the roll-up tables of migration 11. */
export class RollupStore {
  private readonly upsert;
  private readonly monthQuery;
  private readonly dayQuery;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`INSERT INTO resource_rollup_daily (day, agency, target, resource, count, sum, max) VALUES (@day, @agency, @target, @resource, @count, @sum, @max)
      ON CONFLICT (agency, day, target, resource) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum, max = MAX(max, excluded.max)`);
    this.monthQuery = db.prepare('SELECT target, resource, count, sum, max FROM resource_rollup_monthly WHERE agency = ? AND month = ? ORDER BY target, resource');
    this.dayQuery = db.prepare('SELECT day, agency, target, resource, count, sum, max FROM resource_rollup_daily WHERE agency = ? AND day >= ? AND day < ? ORDER BY day, target, resource');
  }

  /** Adds a batch of cells in one transaction (counts and sums add up, maxima take the larger). */
  add(cells: Iterable<RollupCell>): void {
    this.db.transaction(() => {
      for (const c of cells) this.upsert.run(c);
    })();
  }

  /** The month (YYYY-MM, the agency's local calendar) of every server of an agency. */
  monthly(agency: string, month: string): MonthlyAggregate[] {
    return this.monthQuery.all(agency, month) as MonthlyAggregate[];
  }

  /** Daily cells of an agency for local days in [fromDay, toDay). */
  daily(agency: string, fromDay: string, toDay: string): RollupCell[] {
    return this.dayQuery.all(agency, fromDay, toDay) as RollupCell[];
  }
}
