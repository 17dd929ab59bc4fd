/** The only door from `src/` to the collectors: every kind this build ships. */
import type { CollectorKind } from '../src/collector/types.ts';
import { agentKind } from './agent/index.ts';
import { hostKind } from './host/index.ts';
import { httpKind } from './http/index.ts';
import { nutKind } from './nut/index.ts';
import { snmpKind } from './snmp/index.ts';
import { loadProfiles } from './snmp/profiles.ts';

export const collectorKinds: readonly CollectorKind[] = [hostKind, agentKind, httpKind, snmpKind, nutKind] as unknown as readonly CollectorKind[];

export { readHost } from './host/read-host.ts';
export { hostOptionsSchema } from './host/index.ts';
export { createTrapDecoder, startTrapReceiver, type TrapDecoder, type TrapEvent, type TrapOutcome, type TrapReceiver } from './snmp/traps.ts';
export { TRAP_MAPPINGS_DIR, trapMappingFileSchema, type TrapMapping, type TrapMappings } from './snmp/trap-mappings.ts';
export { v3UserSchema } from './snmp/options.ts';
export { probeSnmpDevice, type ProbeResult } from './snmp/probe.ts';
export { loadProfiles as loadSnmpProfiles } from './snmp/profiles.ts';

/** Metric names SNMP profiles declare beyond src/metrics/names.ts (rule packs may reference them). */
export function profileMetricNames(): Set<string> {
  return new Set([...loadProfiles().values()].flatMap((p) => p.metrics.map((m) => m.name)));
}
