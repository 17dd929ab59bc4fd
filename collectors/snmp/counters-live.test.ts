import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE, IFACE } from '../../src/metrics/names.ts';
import { snmpKind } from './index.ts';

/** One step of a simulated switch: sysUpTime (ticks), if1 with 64-bit counters, if2 with 32-bit ones only. */
function recording(step: { uptime: number; if1Octets: bigint; if2Octets: number }): string {
  return [
    '1.3.6.1.2.1.1.1.0|4|counter test switch',
    '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10',
    `1.3.6.1.2.1.1.3.0|67|${step.uptime}`,
    '1.3.6.1.2.1.1.5.0|4|counters',
    '1.3.6.1.2.1.2.2.1.1.1|2|1', '1.3.6.1.2.1.2.2.1.1.2|2|2',
    '1.3.6.1.2.1.2.2.1.5.1|66|4294967295', '1.3.6.1.2.1.2.2.1.5.2|66|100000000',
    '1.3.6.1.2.1.2.2.1.7.1|2|1', '1.3.6.1.2.1.2.2.1.7.2|2|1',
    '1.3.6.1.2.1.2.2.1.8.1|2|1', '1.3.6.1.2.1.2.2.1.8.2|2|1',
    '1.3.6.1.2.1.2.2.1.10.1|65|0', `1.3.6.1.2.1.2.2.1.10.2|65|${step.if2Octets}`,
    '1.3.6.1.2.1.31.1.1.1.1.1|4|GE1/0/1', '1.3.6.1.2.1.31.1.1.1.1.2|4|FE0/1',
    `1.3.6.1.2.1.31.1.1.1.6.1|70|${step.if1Octets}`,
    '1.3.6.1.2.1.31.1.1.1.15.1|66|1000',
    '',
  ].join('\n');
}

const collector = snmpKind.create({ logger: undefined as never });
afterAll(() => collector.close?.());
const target = () => ({
  name: 'counters', kind: 'snmp', address: `127.0.0.1:${inject('snmpsim').port}`,
  options: snmpKind.optionsSchema.parse({ community: 'test/counters', profiles: ['system', 'if-mib'] }),
  intervalMs: 60_000, timeoutMs: 5_000, labels: {},
});
let steps = 0;
async function step(s: Parameters<typeof recording>[0]): Promise<Sample[]> {
  const file = join(inject('snmpsim').dataDir, 'counters.snmprec');
  writeFileSync(file, recording(s));
  // snmpsimd notices a changed file by its mtime in whole seconds: give each step its own second.
  const mtime = Math.floor(Date.now() / 1000) + 10 * ++steps;
  utimesSync(file, mtime, mtime);
  return collector.collect(target(), AbortSignal.timeout(5_000));
}
const value = (samples: Sample[], name: string, if_name: string) => samples.find((s) => s.name === name && s.labels.if_name === if_name)?.value;
const discarded = (samples: Sample[]) => Object.fromEntries(samples.filter((s) => s.name === DEVICE.counterDiscarded.name).map((s) => [s.labels.reason, s.value]));

describe('counters through snmpsim, step by step', () => {
  it('wrap, reboot and 64-bit fallback: rates stay right, never negative', async () => {
    let s = await step({ uptime: 1_000_000, if1Octets: 1_000n, if2Octets: 4_294_967_000 });
    expect(value(s, IFACE.speed.name, 'GE1/0/1')).toBe(1e9 / 8); // ifHighSpeed 1000 Mbit/s, in bytes/s
    expect(value(s, IFACE.speed.name, 'FE0/1')).toBe(1e8 / 8); // no ifHighSpeed: ifSpeed 100 Mbit/s, in bytes/s
    expect(value(s, IFACE.inOctets.name, 'FE0/1')).toBe(4_294_967_000); // 32-bit fallback
    expect(value(s, IFACE.inUtilisation.name, 'GE1/0/1')).toBeUndefined(); // first sight: no rate yet

    // 60 s later on the agent's clock: 750 MB on a 1 Gbit/s port (10 %), and FE0/1's Counter32 wrapped
    s = await step({ uptime: 1_006_000, if1Octets: 750_001_000n, if2Octets: 5_704 });
    expect(value(s, IFACE.inUtilisation.name, 'GE1/0/1')).toBeCloseTo(0.1, 10);
    expect(value(s, IFACE.inUtilisation.name, 'FE0/1')).toBeCloseTo((6_000 * 8) / 60 / 1e8, 12);

    // the switch rebooted 30 s ago: its counters restarted; the delta is discarded, not negative
    s = await step({ uptime: 3_000, if1Octets: 500n, if2Octets: 100 });
    expect(value(s, IFACE.inUtilisation.name, 'GE1/0/1')).toBeUndefined();
    expect(value(s, IFACE.inUtilisation.name, 'FE0/1')).toBeUndefined();
    expect(discarded(s)).toEqual({ reboot: 2 });

    s = await step({ uptime: 9_000, if1Octets: 750_000_500n, if2Octets: 100 });
    expect(value(s, IFACE.inUtilisation.name, 'GE1/0/1')).toBeCloseTo(0.1, 10);
    expect(value(s, IFACE.inUtilisation.name, 'FE0/1')).toBe(0);
  });
});
