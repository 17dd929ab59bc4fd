import { createSocket, type RemoteInfo } from 'node:dgram';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrapDecoder, type TrapDecoder } from '../collectors/index.ts';
import { Semaphore } from '../collectors/snmp/semaphore.ts';
import { NetSnmpSession } from '../collectors/snmp/session.ts';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { loadTrapMappings } from '../src/traps/mappings.ts';
import { freePort, waitFor } from './helpers/components.ts';
import { mutants, type Mutant } from './helpers/mutate.ts';
import { captureTrap, V3_USER } from './helpers/trap-packets.ts';

const RUNS = 100_000;
const rinfo: RemoteInfo = { address: '127.0.0.1', port: 40000, family: 'IPv4', size: 0 };
const noSend = { send: () => undefined } as never;
let seeds: Buffer[] = [];

const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(body.length < 128 ? [tag, body.length] : [tag, 0x81, body.length]), body]);
};
const int = (...bytes: number[]) => tlv(0x02, Buffer.from(bytes));
const str = (text: string) => tlv(0x04, Buffer.from(text));
const oid = (...bytes: number[]) => tlv(0x06, Buffer.from(bytes));
const response = (version: number, ...varbinds: Buffer[]) =>
  tlv(0x30, int(version), str('public'), tlv(0xa2, int(1, 2, 3, 4), int(0), int(0), tlv(0x30, ...varbinds)));
/** GetResponses encoded from the BER rules: v2c and v1 sysName.0 = "abc"; ifHCInOctets (Counter64) and sysUpTime (TimeTicks). */
const RESPONSES = [
  response(1, tlv(0x30, oid(0x2b, 6, 1, 2, 1, 1, 5, 0), str('abc'))),
  response(0, tlv(0x30, oid(0x2b, 6, 1, 2, 1, 1, 5, 0), str('abc'))),
  response(1, tlv(0x30, oid(0x2b, 6, 1, 2, 1, 0x1f, 1, 1, 1, 6, 1), tlv(0x46, Buffer.from([0, 0xff, 0xff, 0xff, 0xff]))),
    tlv(0x30, oid(0x2b, 6, 1, 2, 1, 1, 3, 0), tlv(0x43, Buffer.from([0x0a, 0x0b, 0x0c])))),
];

beforeAll(async () => {
  seeds = [await captureTrap('v1'), await captureTrap('v2c'), await captureTrap('v3')];
});

describe('fuzzing the trap decoder and the SNMP response decoder', () => {
  it(`the trap decoder: ${RUNS} mutated packets, no crash, each one an event or a counted drop, every truncation malformed`, () => {
    const decoder: TrapDecoder = createTrapDecoder({ communities: ['public'], users: [{ ...V3_USER, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', authKey: V3_USER.auth_key, privKey: V3_USER.priv_key }], mappings: loadTrapMappings() });
    for (const s of seeds) expect(decoder.decode(s, rinfo, noSend)).toHaveProperty('event');
    const tally = new Map<string, number>();
    fc.assert(fc.property(mutants(seeds), (m: Mutant) => {
      const outcome = decoder.decode(m.packet, rinfo, noSend);
      const key = 'event' in outcome ? 'event' : outcome.dropped;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (m.how === 'truncated') return key === 'malformed';
      return 'event' in outcome ? typeof outcome.event.kind === 'string' : ['malformed', 'unauthorised', 'not_a_trap'].includes(outcome.dropped);
    }), { numRuns: RUNS });
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    expect(tally.get('malformed')).toBeGreaterThan(RUNS / 3);
  }, 120_000);

  it(`the SNMP response decoder: ${RUNS} mutated responses, no crash, every truncated one counted as malformed`, () => {
    const session = new NetSnmpSession({ host: '127.0.0.1', port: 9, version: 2, community: 'public', timeoutMs: 1000, retries: 0, maxRepetitions: 10, maxInFlight: 1 }, new Semaphore(1));
    for (const r of RESPONSES) {
      session.receive(r);
      expect(session.malformed).toBe(0);
    }
    fc.assert(fc.property(mutants(RESPONSES), (m: Mutant) => {
      const before = session.malformed;
      session.receive(m.packet);
      const counted = session.malformed - before;
      return m.how === 'truncated' ? counted === 1 : counted === 0 || counted === 1;
    }), { numRuns: RUNS });
    session.close();
  }, 120_000);
});

describe('fuzzing over real sockets', () => {
  let app: App;
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
    app = buildApp(parseConfigText(`storage: { path: ':memory:' }
traps:
  listen: 127.0.0.1:${port}
  communities: [public]
  users: [{ username: ${V3_USER.username}, auth_key: ${V3_USER.auth_key}, priv_key: ${V3_USER.priv_key} }]
`, { file: 'fuzz.yaml', baseDir: process.cwd() }));
    await app.start();
  });
  afterAll(async () => app?.stop());

  it('2,000 mutated traps sent to the receiver: each stored or counted', async () => {
    const sample = fc.sample(mutants(seeds), { numRuns: 2000, seed: 42 });
    const total = async () => {
      const text = await app.exporter.render();
      const dropped = [...text.matchAll(/^slaguard_snmp_traps_dropped_total\{reason="[a-z_]+"\} (\d+)$/gm)].reduce((a, m) => a + Number(m[1]), 0);
      return { dropped, stored: app.events.count(), malformed: Number(/reason="malformed"\} (\d+)/.exec(text)?.[1] ?? 0) };
    };
    const socket = createSocket('udp4');
    for (let i = 0; i < sample.length; i += 100) {
      await Promise.all(sample.slice(i, i + 100).map((m) => new Promise((r) => socket.send(m.packet, port, '127.0.0.1', r))));
      await new Promise((r) => setTimeout(r, 10));
    }
    socket.close();
    await waitFor('all 2,000 accounted for', async () => {
      const t = await total();
      return t.dropped + t.stored >= 2000;
    });
    await new Promise((r) => setTimeout(r, 1200));
    const t = await total();
    expect(t.dropped + t.stored).toBe(2000);
    expect(t.malformed).toBeGreaterThanOrEqual(sample.filter((m) => m.how === 'truncated').length);
  });

  it('1,000 truncated responses sent to an SNMP session\'s socket are all counted as malformed', async () => {
    const session = new NetSnmpSession({ host: '127.0.0.1', port: 9, version: 2, community: 'public', timeoutMs: 1000, retries: 0, maxRepetitions: 10, maxInFlight: 1 }, new Semaphore(1));
    const dgram = (session as unknown as { session: { dgram: import('node:dgram').Socket } }).session.dgram;
    await new Promise<void>((r) => dgram.bind(0, '127.0.0.1', () => r()));
    const to = dgram.address().port;
    const sample = fc.sample(mutants(RESPONSES).filter((m) => m.how === 'truncated'), { numRuns: 1000, seed: 7 });
    const socket = createSocket('udp4');
    // in steps of 50, each received before the next: the socket's default receive buffer is small
    for (let i = 0; i < sample.length; i += 50) {
      for (const m of sample.slice(i, i + 50)) await new Promise((r) => socket.send(m.packet, to, '127.0.0.1', r));
      await waitFor(`${i + 50} malformed`, () => session.malformed >= i + 50);
    }
    socket.close();
    expect(session.malformed).toBe(1000);
    session.close();
  });
});
