import type { Config } from '../config/schema.ts';
import { agencyIds } from '../sla/contracts.ts';
import { openDbReadOnly, type Db } from '../store/db.ts';
import { fail } from './common.ts';

/** The agencies a command works on: `agency` (checked against the config), or every one the config has. */
export function pickAgencies(config: Config, agency: string | undefined): string[] {
  const all = agencyIds(config.sla);
  if (agency === undefined) {
    if (all.length === 0) fail('the config has no agencies (sla.agencies)');
    return all;
  }
  if (!all.includes(agency)) fail(`--agency: no agency "${agency}" in the config (${all.join(', ') || 'none'})`);
  return [agency];
}

/** Opens the ledger read-only, or says why not and exits 1. */
export function openDbOrExit(path: string): Db {
  try {
    return openDbReadOnly(path);
  } catch (err) {
    fail(`cannot open the database ${path} read-only: ${(err as Error).message}`);
  }
}
