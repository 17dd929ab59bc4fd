import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { ConfigError, formatProblem } from '../src/errors.ts';
import { loadTrapMappings, shippedMappingSources } from '../src/traps/mappings.ts';
import { freePort, waitFor } from './helpers/components.ts';
import { captureTrap, V3_USER } from './helpers/trap-packets.ts';

let app: App;
let port = 0;
const dir = mkdtempSync(join(tmpdir(), 'trap-load-'));
const packets: Record<'v1' | 'v2c' | 'v3', Buffer> = {} as never;

const counter = async (re: string) => Number(new RegExp(`^${re} (\\S+)$`, 'm').exec(await app.exporter.render())?.[1] ?? 0);
const drops = async () => {
  let sum = 0;
  for (const reason of ['malformed', 'unauthorised', 'not_a_trap', 'kernel']) sum += await counter(`slaguard_snmp_traps_dropped_total\\{reason="${reason}"\\}`);
  return sum;
};

beforeAll(async () => {
  for (const v of ['v1', 'v2c', 'v3'] as const) packets[v] = await captureTrap(v);
  port = await freePort();
  app = buildApp(parseConfigText(`storage: { path: ${join(dir, 'slaguard.db')} }
traps:
  listen: 127.0.0.1:${port}
  communities: [public]
  users: [{ username: ${V3_USER.username}, auth_key: ${V3_USER.auth_key}, priv_key: ${V3_USER.priv_key} }]
`, { file: 'traps.yaml', baseDir: dir }));
  await app.start();
});
afterAll(async () => app?.stop());

async function sendAll(list: readonly Buffer[]): Promise<void> {
  const socket = createSocket('udp4');
  for (const p of list) await new Promise((r) => socket.send(p, port, '127.0.0.1', r));
  socket.close();
}

describe('SNMP traps under load and abuse', () => {
  it('counts every truncation of a v1, a v2c and a v3 trap as malformed and stores none', async () => {
    const cuts = Object.values(packets).flatMap((p) => Array.from({ length: p.length }, (_, n) => p.subarray(0, n)));
    const before = await counter('slaguard_snmp_traps_dropped_total\\{reason="malformed"\\}');
    const stored = app.events.count();
    for (let i = 0; i < cuts.length; i += 50) {
      await sendAll(cuts.slice(i, i + 50));
      await new Promise((r) => setTimeout(r, 5));
    }
    await sendAll(Object.values(packets));
    await waitFor('the three whole traps stored', () => app.events.count() === stored + 3);
    expect(await counter('slaguard_snmp_traps_dropped_total\\{reason="malformed"\\}') - before).toBe(cuts.length);
    expect(app.events.recent(3).map((e) => e.kind)).toEqual(['ups_on_battery', 'ups_on_battery', 'ups_on_battery']);
  });

  it('a flood of 100,000 traps at 10,000/s: every one stored or counted as dropped', async () => {
    const storedBefore = app.events.count();
    const dropsBefore = await drops();
    const sender = join(dir, 'flood.mjs');
    writeFileSync(sender, `import { createSocket } from 'node:dgram';
const packet = Buffer.from(process.argv[2], 'hex'); const port = Number(process.argv[3]);
const socket = createSocket('udp4'); let sent = 0; let failed = 0; const start = Date.now();
for (let tick = 0; tick < 1000; tick++) {
  const due = start + tick * 10; const wait = due - Date.now(); if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await Promise.all(Array.from({ length: 100 }, () => new Promise((r) => socket.send(packet, port, '127.0.0.1', (err) => { err ? failed++ : sent++; r(); }))));
}
socket.close(); console.log(JSON.stringify({ sent, failed, seconds: (Date.now() - start) / 1000 }));
`);
    const child = spawn(process.execPath, [sender, packets.v2c.toString('hex'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => child.once('exit', r));
    const { sent } = JSON.parse(out) as { sent: number; failed: number; seconds: number };
    expect(sent).toBe(100_000);
    await waitFor('every sent trap stored or counted', async () => app.events.count() - storedBefore + (await drops()) - dropsBefore >= sent, 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    const stored = app.events.count() - storedBefore;
    const dropped = (await drops()) - dropsBefore;
    expect(stored + dropped).toBe(sent);
    console.log(`trap flood: sent ${sent}, stored ${stored}, dropped by the kernel ${dropped}`);
  }, 120_000);
});

describe('trap mappings as data', () => {
  it('the shipped files load', () => {
    const m = loadTrapMappings();
    expect(m.get('1.3.6.1.6.3.1.1.5.3')).toMatchObject({ event: 'link_down', cleared_by: 'link_up' });
    expect(shippedMappingSources().length).toBeGreaterThanOrEqual(3);
  });

  it('a broken mapping file is reported with FILE:LINE:COL', () => {
    const bad = `traps:
  - oid: 1.3.6.1.6.3.1.1.5.3
    name: linkDown2
    event: link_down
    severity: critical
    summary: { zh-CN: "链路断开", en: "link down" }
  - oid: 1.3.6.1.4.1.9999.0.1
    name: doorOpen
    event: Door-Open
    severity: loud
    summary: { zh-CN: "门开 {ifIndex}", en: "door open" }
    cleared_by: door_closed
`;
    let problems: string[] = [];
    try {
      loadTrapMappings([...shippedMappingSources(), { file: 'site.yaml', text: bad }]);
    } catch (err) {
      problems = (err as ConfigError).problems.map(formatProblem);
    }
    expect(problems).toEqual([
      'site.yaml:9:12: traps[1].event: an event kind is snake_case: lower-case letters, digits and _',
      expect.stringMatching(/^site\.yaml:10:15: traps\[1\]\.severity: /),
      'site.yaml:11:23: traps[1].summary.zh-CN: "{ifIndex}" is not a placeholder: use {OID} (the value of the first varbind under that OID) or {agent}',
    ]);
    const dup = bad.split('  - oid: 1.3.6.1.4.1.9999')[0]!;
    try {
      loadTrapMappings([...shippedMappingSources(), { file: 'site.yaml', text: `${dup}  - oid: 1.3.6.1.4.1.9999.0.2\n    name: x\n    event: x_on\n    severity: info\n    summary: { zh-CN: a, en: a }\n    cleared_by: x_off\n` }]);
      problems = [];
    } catch (err) {
      problems = (err as ConfigError).problems.map(formatProblem);
    }
    expect(problems).toEqual([
      expect.stringMatching(/^site\.yaml:2:10: traps\[0\]\.oid: 1\.3\.6\.1\.6\.3\.1\.1\.5\.3 is already mapped \(to link_down in .*rfc\.yaml\)$/),
      'site.yaml:12:17: traps[1].cleared_by: no mapping produces the event "x_off"',
    ]);
  });

  it('a bad file in traps.mapping_files fails the config check, located in both files', () => {
    writeFileSync(join(dir, 'site.yaml'), 'traps:\n  - oid: 1.3.6.1.4.1.9999.0.1\n    name: doorOpen\n    event: door_open\n    severity: loud\n    summary: { zh-CN: "门开", en: "door open" }\n');
    let problems: string[] = [];
    try {
      parseConfigText('traps:\n  listen: 127.0.0.1:1162\n  mapping_files: [site.yaml]\n', { file: 'c.yaml', baseDir: dir });
    } catch (err) {
      problems = (err as ConfigError).problems.map(formatProblem);
    }
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^c\\.yaml:3:18: traps\\.mapping_files: in a mapping file: ${dir.replace(/[.]/g, '\\.')}/site\\.yaml:5:15: traps\\[0\\]\\.severity: `))]);
  });
});
