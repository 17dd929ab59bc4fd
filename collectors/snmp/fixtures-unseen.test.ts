import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Semaphore } from './semaphore.ts';
import { NetSnmpSession } from './session.ts';
import { DEVICE, VENDOR } from '../../src/metrics/names.ts';
import type { Sample } from '../../src/collector/types.ts';
import { expectClass, recordingPoller, sameLabels } from '../../test/helpers/snmp-recordings.ts';

/**
 * Devices of etingof/snmpsim-data that no fixture had before (testdata/unseen, served as community
 * test/unseen/NAME), polled through the real collector against snmpsimd with auto-detection: the class
 * each is given, and where a fix changed values, those values. Every expected value was worked out by
 * hand from the .snmprec line named in its comment (C = 1.3.6.1.4.1.9.9.221.1.1.1.1, cempMemPoolEntry).
 */

const TESTDATA = join(import.meta.dirname, 'testdata/unseen');
const { memoryUsed: MEM_USED, memoryTotal: MEM_TOTAL, memoryUtilisation: MEM_UTIL } = DEVICE;

const recordings = recordingPoller();
afterAll(() => recordings.close());
const { poll } = recordings;

/** The value of the one sample named `name` with exactly `labels`. */
function only(samples: readonly Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter((s) => s.name === name && sameLabels(s.labels, labels));
  expect(found, `${name} ${JSON.stringify(labels)}`).toHaveLength(1);
  return found[0]!.value;
}

const CLASSES: Record<string, string> = {
  'aruba-7010': 'network', //          sysObjectID 1.3.6.1.4.1.14823.1.1.40 (ArubaOS mobility controller)
  'meru-mc1550': 'network', //         1.3.6.1.4.1.15983.1.1.7.3 (Meru MC1550 wireless controller)
  'ubiquiti-m5': 'network', //         1.3.6.1.4.1.41112.1.4 (Ubiquiti airMAX M5)
  'vss-optimizer-2400-span': 'network', // 1.3.6.1.4.1.21671.1.2 (VSS Monitoring packet broker)
  'sun-solaris-blade-100': 'server', // 1.3.6.1.4.1.42.2.1.1 (Sun SNMP agent, Sun-Blade-100)
  'sundray-wac': 'network', //         1.3.6.1.4.1.35047.2.12 ("Linux Wac", Sangfor/Sundray wireless AC)
  'ruckus-scg': 'network', //          1.3.6.1.4.1.25053.3.1.10 (SmartCell Gateway; answers hrStorageTable)
  'cisco-6509-mempool': 'network', //  1.3.6.1.4.1.9.1.283 (Catalyst 6509)
  'cisco-wlc-disordered': 'network', // 1.3.6.1.4.1.9.1.1069 (wireless controller; its walks come out of order)
  // 1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10 (net-snmp Linux), answers hrStorageTable and
  // 1.3.6.1.4.1.35904.1.2.1.1.0|4x|…(MacroSAN-MS5040)   …1.2.1.2.0|4x|…(Storage Device)
  'macrosan-ms5040': 'storage',
};

describe('testdata/unseen recordings through the collector', () => {
  it('the table covers every recording of testdata/unseen', () => {
    const files = readdirSync(TESTDATA).filter((f) => f.endsWith('.snmprec')).map((f) => f.slice(0, -'.snmprec'.length));
    expect(Object.keys(CLASSES).sort()).toEqual(files.sort());
  });

  for (const [name, cls] of Object.entries(CLASSES)) {
    it(`${name}: class ${cls}`, async () => {
      expectClass(await poll(`test/unseen/${name}`), cls);
    });
  }

  it('Catalyst 6509: each memory pool once, from ENHANCED-MEMPOOL, none again from CISCO-MEMORY-POOL-MIB', async () => {
    const polled = await poll('test/unseen/cisco-6509-mempool');
    expect(expectClass(polled, 'network').profiles!.split(',')).not.toContain('cisco-memory-pool');
    const { samples } = polled;
    const sup = { ent_physical_index: '2011', index: '1', pool: 'Processor' };
    expect(only(samples, MEM_USED.name, sup)).toBe(122_732_528); //        C.7.2011.1|66|122732528 (cempMemPoolUsed)
    expect(only(samples, MEM_TOTAL.name, sup)).toBe(122_732_528 + 902_235_472); // C.8.2011.1|66|902235472 (cempMemPoolFree)
    expect(only(samples, MEM_UTIL.name, sup)).toBeCloseTo(122_732_528 / 1_024_968_000, 9);
    // C.3.3001.2|4x|492f4f (I/O)   C.7.3001.2|66|10418720   C.8.3001.2|66|56690144
    expect(only(samples, MEM_TOTAL.name, { ent_physical_index: '3001', index: '2', pool: 'I/O' })).toBe(67_108_864);
    // 8 cempMemPoolEntry rows (C.2.2011.1 … C.2.6009.1), and nothing of 1.3.6.1.4.1.9.9.48.1.1.1 (index 1 Processor, 2 I/O)
    expect(samples.filter((s) => s.name === MEM_TOTAL.name)).toHaveLength(8);
    expect(samples.filter((s) => s.name === MEM_TOTAL.name && s.labels.ent_physical_index === undefined)).toEqual([]);
    expect(samples.filter((s) => s.name === VENDOR.ciscoMemoryPoolFree.name)).toEqual([]);
  });

  it('ASA (shared fixture firewall/cisco-asa-failover-off): System memory once, not under three label sets', async () => {
    const { samples } = await poll('test/firewall/cisco-asa-failover-off');
    // C.3.2.1|4|System memory   C.18.2.1|70|581012592   C.20.2.1|70|1566471056 (HCUsed, HCFree)
    expect(only(samples, MEM_TOTAL.name, { index: '2.1', pool: 'System memory' })).toBe(581_012_592 + 1_566_471_056);
    expect(samples.filter((s) => s.name === MEM_TOTAL.name)).toHaveLength(1);
    expect(samples.filter((s) => s.name === MEM_USED.name)).toHaveLength(1);
  });

  it('Secure Firewall 3130 (shared fixture): pools of size 0 give no memory total', async () => {
    const { samples } = await poll('test/firewall/cisco-securefirewall3130-ftd');
    // C.3.1.5|4|MEMPOOL_HEAPCACHE_0, C.3.1.7|4|MEMPOOL_GLOBAL_SHARED: C.18.1.5, C.20.1.5, C.18.1.7, C.20.1.7 all |70|0
    const totals = samples.filter((s) => s.name === MEM_TOTAL.name);
    expect(totals.map((s) => s.labels.pool)).not.toContain('MEMPOOL_HEAPCACHE_0');
    expect(totals.map((s) => s.labels.pool)).not.toContain('MEMPOOL_GLOBAL_SHARED');
    expect(totals.every((s) => s.value > 0)).toBe(true);
    expect(totals.every((s) => s.labels.ent_physical_index === undefined)).toBe(true);
  });

  it('Cisco wireless controller: an agent answering out of OID order is walked in its own order, each row once, and the poll succeeds', async () => {
    // E = 1.3.6.1.2.1.47.1.1.1.1.7 (entPhysicalName): E.1|4|Chassis, E.2240|4x|…(Cisco AP), E.2241|4|Dot11Radio0,
    // E.2242|4|Dot11Radio1, then E.184 (lower than E.2242: what net-snmp refuses as "does not precede")
    const session = new NetSnmpSession({ host: '127.0.0.1', port: inject('snmpsim').port, version: 2, community: 'test/unseen/cisco-wlc-disordered', timeoutMs: 5_000, retries: 0, maxRepetitions: 10, maxInFlight: 4 }, new Semaphore(4));
    try {
      const names = await session.walk('1.3.6.1.2.1.47.1.1.1.1.7', AbortSignal.timeout(10_000));
      expect(names).toHaveLength(24); // the recording's 24 entPhysicalName lines
      expect(new Set(names.map((vb) => vb.oid)).size).toBe(24);
      expect(names.slice(0, 5).map((vb) => vb.oid.split('.').at(-1))).toEqual(['1', '2240', '2241', '2242', '184']);
      expect(String(names[0]!.value)).toBe('Chassis');
    } finally {
      session.close();
    }
    expectClass(await poll('test/unseen/cisco-wlc-disordered'), 'network');
  });
});
