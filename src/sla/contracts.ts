import { canonicalJson, sha256 } from './canonical.ts';
import type { AgencyContract, SlaConfig } from './config.ts';
import type { EvidenceLine } from './evidence.ts';

/** Agency ids in config order, each once. */
export function agencyIds(sla: SlaConfig): string[] {
  return [...new Set(sla.agencies.map((a) => a.id))];
}

/**
 * The contract version governing a month: the entry of that agency with the latest `effective`
 * on or before the month's first day. A version effective mid-month governs from the next month.
 */
export function contractForMonth(sla: SlaConfig, agency: string, month: string): AgencyContract | undefined {
  const firstDay = `${month}-01`;
  return sla.agencies
    .filter((a) => a.id === agency && a.contract.effective <= firstDay)
    .sort((a, b) => a.contract.effective.localeCompare(b.contract.effective))
    .pop();
}

/** The version in force on a day (YYYY-MM-DD), for the daemon's live figures. */
export function contractOnDay(sla: SlaConfig, agency: string, day: string): AgencyContract | undefined {
  return sla.agencies
    .filter((a) => a.id === agency && a.contract.effective <= day)
    .sort((a, b) => a.contract.effective.localeCompare(b.contract.effective))
    .pop();
}

/** SHA-256 of a contract entry's canonical JSON (durations in milliseconds, defaults filled in). */
export function contractDigest(contract: AgencyContract): string {
  return sha256(canonicalJson(contract));
}

/** Warnings for contract lines of the evidence that record this version with a different digest than the config's. */
export function contractMismatches(lines: readonly EvidenceLine[], contract: AgencyContract): string[] {
  const digest = contractDigest(contract);
  return lines.flatMap((l) => (l.type === 'contract' && l.agency === contract.id && l.version === contract.contract.version && l.effective === contract.contract.effective && l.sha256 !== digest
    ? [`agency "${contract.id}": the evidence records contract ${l.version} (effective ${l.effective}) with SHA-256 ${l.sha256}, but the config's entry hashes to ${digest}: the config is not the contract the ledger recorded`]
    : []));
}
