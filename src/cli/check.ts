import { loadSnmpProfiles } from '../../collectors/index.ts';
import { loadConfigFile } from '../config/load.ts';
import type { Config } from '../config/schema.ts';

/** `slaguard check`: the config as `run` would load it, and the shipped SNMP profiles when a target polls SNMP. */
export function checkConfigFile(file: string): Config {
  const config = loadConfigFile(file);
  if (config.targets.some((t) => t.kind === 'snmp')) loadSnmpProfiles();
  return config;
}
