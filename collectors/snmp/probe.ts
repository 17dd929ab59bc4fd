import { setMaxListeners } from 'node:events';
import type { Sample } from '../../src/collector/types.ts';
import { detect, type Detection } from './detect.ts';
import { endpointOf } from './index.ts';
import { snmpOptionsSchema } from './options.ts';
import { pollProfiles, TargetMemory } from './poll-profiles.ts';
import { loadProfiles } from './profiles.ts';
import { Semaphore } from './semaphore.ts';
import { NetSnmpSession } from './session.ts';

/** What `slaguard snmp probe` shows: what the device is and every series slaguard would export. */
export interface ProbeResult {
  detection: Detection;
  samples: Sample[];
}

/** Detects and polls one agent once; `options` are a target's `snmp` options as in a config file. */
export async function probeSnmpDevice(address: string, options: unknown, timeoutMs: number): Promise<ProbeResult> {
  const target = { name: 'probe', kind: 'snmp', address, options: snmpOptionsSchema.parse(options), intervalMs: timeoutMs, timeoutMs, labels: {} };
  const session = new NetSnmpSession(endpointOf(target), new Semaphore(8));
  const signal = AbortSignal.timeout(timeoutMs);
  setMaxListeners(0, signal);
  try {
    const only = target.options.profiles === 'auto' ? undefined : target.options.profiles;
    const detection = await detect(session, loadProfiles().values(), signal, only);
    const samples = await pollProfiles(detection.profiles, session, new TargetMemory(60_000), signal);
    return { detection, samples };
  } finally {
    session.close();
  }
}
