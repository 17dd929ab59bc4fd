import fc from 'fast-check';
import snmp from 'net-snmp';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { mutants } from '../../test/helpers/mutate.ts';
import { berWellFormed } from './ber.ts';
import { decodeGetResponse, type DecodedResponse } from './pdu.ts';
import { Semaphore } from './semaphore.ts';
import { NetSnmpSession } from './session.ts';

const COMMUNITY = Buffer.from('public');
const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(body.length < 128 ? [tag, body.length] : [tag, 0x82, body.length >> 8, body.length & 0xff]), body]);
};
const bytes = (tag: number, ...b: number[]) => tlv(tag, Buffer.from(b));
const oid = (...b: number[]) => bytes(0x06, ...b);
const vb = (value: Buffer, name = oid(0x2b, 6, 1, 2, 1, 1, 5, 0)) => tlv(0x30, name, value);
const response = (version: number, varbinds: Buffer[], { id = [0x12, 0x34], status = 0, index = 0, community = 'public', pdu = 0xa2 } = {}) =>
  tlv(0x30, bytes(0x02, version), tlv(0x04, Buffer.from(community)), tlv(pdu, bytes(0x02, ...id), bytes(0x02, status), bytes(0x02, index), tlv(0x30, ...varbinds)));

/** What net-snmp's own decoder makes of `packet` (Counter64 as bigint, as the session turns it), or undefined if it refuses it. */
const netSnmp = snmp.createSession('127.0.0.1', 'public', { port: 9 });
afterAll(() => netSnmp.close());
function netSnmpDecode(packet: Buffer, id: number, version: number): DecodedResponse | undefined {
  const raw = netSnmp as unknown as { reqs: Record<number, unknown>; reqCount: number; onMsg(p: Buffer): void; removeAllListeners(e: string): void; on(e: string, f: () => void): void };
  let got: DecodedResponse | undefined;
  raw.removeAllListeners('error');
  raw.on('error', () => undefined);
  raw.reqs[id] = {
    message: { version, community: 'public' },
    responseCb: () => undefined,
    onResponse: (_req: unknown, m: { version: number; pdu: DecodedResponse }) => {
      got = { version: m.version, id: m.pdu.id, errorStatus: m.pdu.errorStatus, errorIndex: m.pdu.errorIndex, varbinds: m.pdu.varbinds.map((v) => ({ oid: v.oid, type: v.type, value: v.type === 0x46 && Buffer.isBuffer(v.value) ? (v.value.length === 0 ? 0n : BigInt(`0x${v.value.toString('hex')}`)) : v.value })) };
    },
  };
  raw.reqCount++;
  try {
    raw.onMsg(packet);
  } catch {
    return undefined;
  }
  delete raw.reqs[id];
  return got;
}

/** The fast decoder either declines `packet` or gives exactly what net-snmp gives. */
function agrees(packet: Buffer): 'declined' | 'same' | 'different' {
  if (!berWellFormed(packet)) return 'declined';
  const mine = decodeGetResponse(packet, COMMUNITY);
  if (mine === undefined) return 'declined';
  const theirs = netSnmpDecode(packet, mine.id, mine.version);
  try {
    expect(mine).toEqual(theirs);
    return 'same';
  } catch {
    return 'different';
  }
}

describe('the GetResponse decoder (pdu.ts), against net-snmp\'s', () => {
  const values: Array<[string, Buffer]> = [
    ['Integer32 -1', bytes(0x02, 0xff)],
    ['Integer32 -2147483648', bytes(0x02, 0x80, 0, 0, 0)],
    ['Integer32 2147483647', bytes(0x02, 0x7f, 0xff, 0xff, 0xff)],
    ['OctetString', tlv(0x04, Buffer.from('eth0 \u00e9'))],
    ['empty OctetString', bytes(0x04)],
    ['Opaque', bytes(0x44, 0x9f, 0x78, 4, 0x3f, 0x80, 0, 0)],
    ['OID value', oid(0x2b, 6, 1, 4, 1, 0x83, 0xf4, 0x20, 3, 2, 10)],
    ['OID with a 4-byte arc', oid(0x2b, 6, 1, 0xff, 0xff, 0xff, 0x7f)],
    ['IpAddress', bytes(0x40, 192, 168, 0, 255)],
    ['Counter32 4294967295 (5 bytes)', bytes(0x41, 0, 0xff, 0xff, 0xff, 0xff)],
    ['Gauge32 4294967295 as -1 (sign bit)', bytes(0x42, 0xff)],
    ['TimeTicks', bytes(0x43, 0x0a, 0x0b, 0x0c)],
    ['Counter64 of 5 bytes', bytes(0x46, 0, 0xff, 0xff, 0xff, 0xff)],
    ['Counter64 of 8 bytes', bytes(0x46, 0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88)],
    ['Counter64 of 9 bytes', bytes(0x46, 0, 0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88)],
    ['empty Counter64', bytes(0x46)],
    ['Null', bytes(0x05)],
    ['noSuchObject', bytes(0x80)],
    ['noSuchInstance', bytes(0x81)],
    ['endOfMibView', bytes(0x82)],
  ];
  it.each(values)('%s: decoded, the same as net-snmp', (_, value) => {
    for (const version of [0, 1]) {
      const packet = response(version, [vb(value), vb(value, oid(0x2b, 6, 1, 2, 1, 2, 2, 1, 10, 0x81, 0))]);
      expect(decodeGetResponse(packet, COMMUNITY)).toBeDefined();
      expect(agrees(packet)).toBe('same');
    }
  });

  it('a response of 100 varbinds, an error status, a negative request id: the same as net-snmp', () => {
    const many = Array.from({ length: 100 }, (_, i) => vb(bytes(0x46, 1, i), oid(0x2b, 6, 1, 2, 1, 31, 1, 1, 1, 6, i + 1)));
    expect(agrees(response(1, many))).toBe('same');
    expect(agrees(response(1, [vb(bytes(0x05))], { status: 5, index: 1 }))).toBe('same');
    expect(agrees(response(1, [vb(bytes(0x05))], { id: [0xff, 0xfe] }))).toBe('same');
    expect(agrees(response(1, []))).toBe('same');
  });

  it.each<[string, Buffer]>([
    ['SNMPv3', response(3, [vb(bytes(0x05))])],
    ['another community', response(1, [vb(bytes(0x05))], { community: 'private' })],
    ['a Report PDU', response(1, [vb(bytes(0x05))], { pdu: 0xa8 })],
    ['a Boolean', response(1, [vb(bytes(0x01, 0xff))])],
    ['a BitString', response(1, [vb(bytes(0x03, 0, 0x80))])],
    ['an Integer32 of 5 bytes', response(1, [vb(bytes(0x02, 0, 0xff, 0xff, 0xff, 0xff))])],
    ['a request id of 5 bytes', response(1, [vb(bytes(0x05))], { id: [0, 0xff, 0xff, 0xff, 0xff] })],
    ['an IpAddress of 3 bytes', response(1, [vb(bytes(0x40, 10, 0, 0))])],
    ['an OID arc of 5 bytes', response(1, [vb(bytes(0x05), oid(0x2b, 6, 0x81, 0x80, 0x80, 0x80, 0))])],
    ['an OID cut inside an arc', response(1, [vb(bytes(0x05), oid(0x2b, 6, 0x81))])],
    ['an empty OID', response(1, [vb(bytes(0x05), oid())])],
    ['a Null with contents', response(1, [vb(bytes(0x05, 0))])],
    ['a varbind with a third element', response(1, [tlv(0x30, oid(0x2b, 6), bytes(0x05), bytes(0x05))])],
  ])('%s: left to net-snmp', (_, packet) => {
    expect(decodeGetResponse(packet, COMMUNITY)).toBeUndefined();
  });

  it('20,000 mutated responses: each one declined or decoded exactly as net-snmp decodes it', () => {
    const seeds = [
      response(1, values.map(([, v], i) => vb(v, oid(0x2b, 6, 1, 2, 1, 2, 2, 1, i + 1, 7)))),
      response(0, [vb(tlv(0x04, Buffer.from('abc'))), vb(bytes(0x43, 1, 2, 3), oid(0x2b, 6, 1, 2, 1, 1, 3, 0))]),
    ];
    const tally = { declined: 0, same: 0, different: 0 };
    fc.assert(fc.property(mutants(seeds), (m) => {
      const outcome = agrees(m.packet);
      tally[outcome]++;
      return outcome !== 'different';
    }), { numRuns: 20_000, seed: 7 });
    expect(tally.same).toBeGreaterThan(1_000);
  });

  it('every response a real snmpd sends to a poll is decoded here, the same as net-snmp, and the poll gives the same varbinds', async () => {
    const packets: Buffer[] = [];
    const session = new NetSnmpSession({ host: '127.0.0.1', port: inject('snmpd').port, version: 2, community: 'public', timeoutMs: 2_000, retries: 0, maxRepetitions: 25, maxInFlight: 4 }, new Semaphore(8));
    const receive = session.receive.bind(session);
    session.receive = (p: Buffer) => {
      packets.push(Buffer.from(p));
      receive(p);
    };
    const columns = ['1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.10', '1.3.6.1.2.1.31.1.1.1.6', '1.3.6.1.2.1.25.2.3.1.3', '1.3.6.1.2.1.4.20.1.1', '1.3.6.1.2.1.1.2'];
    const signal = AbortSignal.timeout(10_000);
    const walked = await session.walkColumns(columns, signal, new Map());
    const got = await session.get(['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0'], signal);
    session.close();
    expect(packets.length).toBeGreaterThan(5);
    for (const p of packets) {
      expect(decodeGetResponse(p, COMMUNITY)).toBeDefined();
      expect(agrees(p)).toBe('same');
    }
    expect(walked.get('1.3.6.1.2.1.2.2.1.2')!.find((v) => v.oid === '1.3.6.1.2.1.2.2.1.2.1')!.value.toString()).toBe('lo');
    expect(typeof walked.get('1.3.6.1.2.1.31.1.1.1.6')![0]!.value).toBe('bigint');
    expect(walked.get('1.3.6.1.2.1.4.20.1.1')!.map((v) => v.value)).toContain('127.0.0.1');
    expect(walked.get('1.3.6.1.2.1.1.2')![0]!.value).toMatch(/^1\.3\.6\.1\.4\.1\./);
    expect(got.get('1.3.6.1.2.1.1.3.0')!.type).toBe(0x43);
    expect(got.has('1.3.6.1.2.1.1.99.0')).toBe(false);
  });
});
