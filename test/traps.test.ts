import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { freePort, requireBinary, waitFor } from './helpers/components.ts';

let app: App;
let port = 0;
const snmptrap = requireBinary('/usr/bin/snmptrap', 'snmp');
const persist = mkdtempSync(join(tmpdir(), 'snmptrap-'));

/** Debian's snmptrap: `security` options, then the trap (uptime '' = now, trap OID, varbinds). */
function send(security: string[], trap: string[]): void {
  const run = spawnSync(snmptrap, [...security, `127.0.0.1:${port}`, '', ...trap], {
    encoding: 'utf8', env: { ...process.env, SNMP_PERSISTENT_DIR: persist, MIBS: '' },
  });
  if (run.status !== 0) throw new Error(`snmptrap failed: ${run.stderr}`);
}
const V2C = ['-v2c', '-c', 'public'];
const kinds = () => app.events.recent().map((e) => e.kind);
const metric = async (re: RegExp) => re.test(await app.exporter.render());

beforeAll(async () => {
  port = await freePort();
  app = buildApp(parseConfigText(`storage: { path: ':memory:' }
traps:
  listen: 127.0.0.1:${port}
  communities: [public]
  users: [{ username: upsuser, auth_key: authpass123, priv_key: privpass123 }]
targets:
  - { name: ups-a1, kind: snmp, address: 127.0.0.1, interval: 1h }
`, { file: 'traps.yaml', baseDir: process.cwd() }));
  await app.start();
});
afterAll(async () => app?.stop());

describe('SNMP trap receiver', () => {
  it('maps a v2c linkDown to an event, with the interface and the target that sent it', async () => {
    send(V2C, ['1.3.6.1.6.3.1.1.5.3', '1.3.6.1.2.1.2.2.1.1.3', 'i', '3']);
    await waitFor('linkDown event', () => kinds().includes('link_down'));
    const e = app.events.recent().find((x) => x.kind === 'link_down')!;
    expect(e).toMatchObject({ source: 'snmp-trap', severity: 'critical', target: 'ups-a1', summary: 'link down (ifIndex 3)' });
    expect(await metric(/^slaguard_snmp_traps_total\{event="link_down"\} 1$/m)).toBe(true);
  });

  it('maps UPS-MIB upsTrapOnBattery (v2c) and APC\'s v1 on-battery trap to ups_on_battery', async () => {
    send(V2C, ['1.3.6.1.2.1.33.2.1', '1.3.6.1.2.1.33.1.2.3.0', 'i', '12']);
    // v1: enterprise, agent address, generic 6 (enterprise-specific), specific 5, uptime
    spawnSync(snmptrap, ['-v1', '-c', 'public', `127.0.0.1:${port}`, '1.3.6.1.4.1.318', '127.0.0.1', '6', '5', '0'], { env: { ...process.env, SNMP_PERSISTENT_DIR: persist, MIBS: '' } });
    await waitFor('two on-battery events', () => kinds().filter((k) => k === 'ups_on_battery').length === 2);
    const [apc, rfc] = app.events.recent().filter((x) => x.kind === 'ups_on_battery');
    expect(apc!.details).toMatchObject({ version: 'v1', trapOid: '1.3.6.1.4.1.318.0.5' });
    expect(rfc!.details).toMatchObject({ version: 'v2c', varbinds: [{ oid: '1.3.6.1.2.1.33.1.2.3.0', value: '12' }] });
  });

  it('accepts a v3 authPriv trap from a configured user', async () => {
    send(['-v3', '-l', 'authPriv', '-u', 'upsuser', '-a', 'SHA', '-A', 'authpass123', '-x', 'AES', '-X', 'privpass123', '-e', '0x80001f8880aabbccdd01'], ['1.3.6.1.2.1.33.2.3']);
    await waitFor('v3 alarm event', () => kinds().includes('ups_alarm_added'));
    expect(app.events.recent().find((x) => x.kind === 'ups_alarm_added')!.details).toMatchObject({ version: 'v3' });
  });

  it('keeps a trap it has no mapping for, as kind unknown', async () => {
    send(V2C, ['1.3.6.1.4.1.99999.0.42', '1.3.6.1.4.1.99999.1.1', 's', '机房门禁告警']);
    await waitFor('unknown event', () => kinds().includes('unknown'));
    const e = app.events.recent().find((x) => x.kind === 'unknown')!;
    expect(e.summary).toBe('unmapped trap 1.3.6.1.4.1.99999.0.42');
    expect(e.details).toMatchObject({ varbinds: [{ oid: '1.3.6.1.4.1.99999.1.1', value: '机房门禁告警' }] });
  });

  it('drops and counts garbage, truncated packets and a wrong community, and keeps receiving', async () => {
    const socket = createSocket('udp4');
    // a v2c trap header cut short, plain text, and an empty datagram
    const truncated = Buffer.from('302902010104067075626c6963a71c02040000000102010002010030', 'hex');
    for (const packet of [Buffer.from('not an snmp packet'), truncated, Buffer.alloc(0)]) {
      await new Promise((r) => socket.send(packet, port, '127.0.0.1', r));
    }
    socket.close();
    send(['-v2c', '-c', 'wrong-community'], ['1.3.6.1.6.3.1.1.5.1']);
    await waitFor('drops counted', async () => /^slaguard_snmp_traps_dropped_total\{reason="malformed"\} [2-9]$/m.test(await app.exporter.render()));
    expect(await metric(/^slaguard_snmp_traps_dropped_total\{reason="unauthorised"\} 1$/m)).toBe(true);
    send(V2C, ['1.3.6.1.6.3.1.1.5.1']);
    await waitFor('coldStart after the garbage', () => kinds().includes('cold_start'));
  });
});
