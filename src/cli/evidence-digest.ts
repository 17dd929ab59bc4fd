import { existsSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { loadConfigFile } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { linesDigest } from '../sla/digest.ts';
import type { EvidenceLine } from '../sla/evidence.ts';
import { fail, loadOrExit } from './common.ts';

/** Options of `slaguard evidence verify` that say how to compute the digest. */
export interface DigestFlags {
  config?: string;
  timezone?: string;
}

/**
 * The lines `slaguard evidence verify` prints after a good chain: per agency with a `contract` line
 * in the file, the evidence digest of its lines (README, "Evidence"), which equals the
 * `evidence_sha256` of its report when the file is that agency's export of one month. The zone and
 * services come from the config (`--config`, else `slaguard.yaml` when present); `--timezone`
 * sets the zone, and with one agency in the file all its lines count as that agency's.
 */
export function evidenceDigestLines(lines: readonly EvidenceLine[], flags: DigestFlags): string[] {
  if (flags.timezone !== undefined && !IANAZone.isValidZone(flags.timezone)) fail(`--timezone: "${flags.timezone}" is not an IANA time zone (such as Asia/Shanghai)`);
  const configFile = flags.config ?? (existsSync('slaguard.yaml') ? 'slaguard.yaml' : undefined);
  const config: Config | undefined = flags.config !== undefined ? loadOrExit(flags.config) : configFile === undefined ? undefined : tryLoad(configFile);
  const agencies = [...new Set(lines.flatMap((l) => (l.type === 'contract' ? [l.agency] : [])))];
  if (agencies.length === 0) {
    return flags.timezone === undefined
      ? ['evidence_sha256: not computed (no contract line names the agency; give --timezone ZONE)']
      : [`evidence_sha256 ${linesDigest(lines, flags.timezone)} (no contract line; days in ${flags.timezone})`];
  }
  return agencies.map((agency) => {
    const entries = config?.sla.agencies.filter((a) => a.id === agency).sort((a, b) => a.contract.effective.localeCompare(b.contract.effective)) ?? [];
    const zone = flags.timezone ?? entries[entries.length - 1]?.timezone;
    const services = new Set(entries.flatMap((a) => a.services.map((s) => s.id)));
    if (entries.length === 0 && agencies.length > 1) return `${agency}: evidence_sha256 not computed (agency not in the config${configFile ? ` ${configFile}` : '; give --config'})`;
    if (zone === undefined) return `${agency}: evidence_sha256 not computed (its time zone is needed: give --config or --timezone)`;
    const own = lines.filter((l) => (l.type === 'contract' ? l.agency === agency : entries.length === 0 || services.has(l.service)));
    return `${agency}: evidence_sha256 ${linesDigest(own, zone)} (days in ${zone})`;
  });
}

/** The default config when it loads; a verify never fails because of a config it was not given. */
function tryLoad(file: string): Config | undefined {
  try {
    return loadConfigFile(file);
  } catch {
    return undefined;
  }
}
