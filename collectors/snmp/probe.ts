import { setMaxListeners } from 'node:events';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE } from '../../src/metrics/names.ts';
import { createSnmpCollector } from './index.ts';
import { snmpOptionsSchema } from './options.ts';

/** What `slaguard snmp probe` shows: what the device is and every series slaguard would export for it. */
export interface ProbeResult {
  /** The labels of slaguard_device_info: class, profiles, sys_name, sys_object_id, sys_descr. */
  device: Readonly<Record<string, string>>;
  samples: Sample[];
}

/** Polls one agent once through the `snmp` collector; `options` are a target's options as in a config file. */
export async function probeSnmpDevice(address: string, options: unknown, timeoutMs: number): Promise<ProbeResult> {
  const target = { name: 'probe', kind: 'snmp', address, options: snmpOptionsSchema.parse(options), intervalMs: timeoutMs, timeoutMs, labels: {} };
  const collector = createSnmpCollector();
  const signal = AbortSignal.timeout(timeoutMs);
  setMaxListeners(0, signal);
  try {
    const samples = await collector.collect(target, signal);
    return { device: samples.find((s) => s.name === DEVICE.info.name)?.labels ?? {}, samples };
  } finally {
    await collector.close?.();
  }
}
