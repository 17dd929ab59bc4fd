/**
 * Columns of known size packed into one GETBULK beyond MAX_PAGE: agents cap a response (Net-SNMP's
 * snmpd at 100 varbinds, snmpsim at 64 divided among the columns), the session learns the cap from
 * the first short answer, and every walk still returns exactly what column-by-column walks return.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Semaphore } from './semaphore.ts';
import { NetSnmpSession, type SnmpVarbind } from './session.ts';

const sessions: NetSnmpSession[] = [];
afterAll(() => sessions.forEach((s) => s.close()));

const open = (port: number, community: string) => {
  const s = new NetSnmpSession({ host: '127.0.0.1', port, version: 2, community, timeoutMs: 5_000, retries: 0, maxRepetitions: 25, maxInFlight: 4 }, new Semaphore(8));
  sessions.push(s);
  return s;
};
const plain = (vbs: readonly SnmpVarbind[]) => vbs.map((vb) => `${vb.oid}=${Buffer.isBuffer(vb.value) ? vb.value.toString('hex') : String(vb.value)}`);

/** Walks `roots` one by one, then packed three times with `claimedRows` rows claimed per column (more than they have, so the request exceeds MAX_PAGE). */
async function compare(port: number, community: string, roots: string[], claimedRows: number) {
  const reference = new Map<string, string[]>();
  const single = open(port, community);
  for (const root of roots) reference.set(root, plain(await single.walk(root, AbortSignal.timeout(10_000))));
  const packed = open(port, community);
  const expected = new Map(roots.map((r) => [r, claimedRows]));
  const requests: number[] = [];
  for (let i = 0; i < 3; i++) {
    const before = packed.requests;
    const got = await packed.walkColumns(roots, AbortSignal.timeout(10_000), expected);
    requests.push(packed.requests - before);
    for (const root of roots) expect(plain(got.get(root)!), `${root}, walk ${i + 1}`).toEqual(reference.get(root));
  }
  return { reference, requests };
}

describe('packed GETBULK of several columns', () => {
  it('snmpd (100 varbinds a response): the first short answer sets the cap; results equal column-by-column walks', async () => {
    // sysORTable: sysORID, sysORDescr, sysORUpTime (about ten rows each), claimed 40 rows: 3 × 41 = 123 asked
    const roots = ['1.3.6.1.2.1.1.9.1.2', '1.3.6.1.2.1.1.9.1.3', '1.3.6.1.2.1.1.9.1.4'];
    const { reference, requests } = await compare(inject('snmpd').port, 'public', roots, 40);
    for (const root of roots) expect(reference.get(root)!.length).toBeGreaterThan(3);
    // 1st: 123 asked, cut to 99 (33 rows each: every column ended inside it) → one request;
    // then at most 101 a request: two columns together (82) and one alone
    expect(requests).toEqual([1, 2, 2]);
  });

  it('snmpsim (64 varbinds among the columns): the same rows as column-by-column walks, every time', async () => {
    // ifIndex, ifDescr, ifType, ifMtu of a ZTE ZXR10 recording (8 rows each), claimed 30 rows: 4 × 31 = 124 asked
    const roots = ['1.3.6.1.2.1.2.2.1.1', '1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.3', '1.3.6.1.2.1.2.2.1.4'];
    const { reference, requests } = await compare(inject('snmpsim').port, 'test/switch-router/zte-zxr10-9908', roots, 30);
    for (const root of roots) expect(reference.get(root)).toHaveLength(8);
    // 1st: cut to 4 × 16 = 64 (every column ended) → one request; then at most 67: two columns of 31 together, twice
    expect(requests).toEqual([1, 2, 2]);
  });
});
