import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDbReadOnly } from '../../src/store/db.ts';
import { freePort, httpGet, requireBinary, stopProcess, waitFor } from '../helpers/components.ts';
import { startSlaguard } from '../helpers/slaguard.ts';

let healthy = true;
const service = http.createServer((_req, res) => (healthy ? res.end('ok') : res.writeHead(500).end('broken')));
const dir = mkdtempSync(join(tmpdir(), 'full-disk-'));
const mnt = join(dir, 'mnt');
const dbPath = join(mnt, 'slaguard.db');
const filler = join(mnt, 'filler');
let daemon: ReturnType<typeof startSlaguard> | undefined;
let base = '';

/** Writes into `path` until the file system says it is full. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

const shown = async () => /<tr class="(\w+)" data-target="web">/.exec((await httpGet(`${base}/?fragment=1`)).text)?.[1];
const ledger = () => {
  const db = openDbReadOnly(dbPath);
  try {
    return db.prepare("SELECT status, reason, at FROM status_transitions WHERE target = 'web' ORDER BY id").all() as Array<{ status: string; reason: string; at: number }>;
  } finally {
    db.close();
  }
};
const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
const storedEvents = () => {
  const db = openDbReadOnly(dbPath);
  try {
    return db.prepare('SELECT id, source, summary FROM events ORDER BY id').all() as Array<{ id: number; source: string; summary: string }>;
  } finally {
    db.close();
  }
};
let trapPort = 0;
/** A v2c linkDown trap from snmptrap (net-snmp's tool), as a switch would send it. */
const sendTrap = (ifIndex: number) => {
  const sent = spawnSync(requireBinary('/usr/bin/snmptrap', 'snmp'), ['-v2c', '-c', 'public', `127.0.0.1:${trapPort}`, '', '1.3.6.1.6.3.1.1.5.3', '1.3.6.1.2.1.2.2.1.1', 'i', String(ifIndex)], { encoding: 'utf8' });
  expect(sent.status, sent.stderr).toBe(0);
};

beforeAll(async () => {
  mkdirSync(mnt);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt]);
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  const port = await freePort();
  trapPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'slaguard.yaml'), `server: { listen: "127.0.0.1:${port}" }
storage: { path: mnt/slaguard.db, heartbeat: 1s }
scheduler: { jitter: false }
traps: { listen: "127.0.0.1:${trapPort}", communities: [public] }
targets:
  - { name: web, kind: http, address: "http://127.0.0.1:${(service.address() as AddressInfo).port}/", interval: 1s, timeout: 500ms }
`);
});
afterAll(async () => {
  await stopProcess(daemon);
  service.close();
  execFileSync('umount', ['-l', mnt]);
  rmSync(dir, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('keeps the daemon serving, says degraded, counts failed writes, and writes every waiting transition and trap in order when space returns', { timeout: 180_000 }, async () => {
    daemon = startSlaguard(['run', '--config', join(dir, 'slaguard.yaml')], { cwd: dir });
    await waitFor('web up in the ledger', () => ledger().at(-1)?.status === 'up', 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${daemon!.output()}`);
    });
    fill(filler);

    healthy = false;
    await waitFor('web shown down', async () => (await shown()) === 'down', 30_000);
    await waitFor('/readyz degraded', async () => (await httpGet(`${base}/readyz`)).status === 503, 30_000);
    const ready = JSON.parse((await httpGet(`${base}/readyz`)).text) as { status: string; reason: string; waiting: number };
    expect(ready.status).toBe('degraded');
    expect(ready.reason).toMatch(/^the ledger cannot be written \(database or disk is full\); \d+ status transitions wait in memory/);
    sendTrap(3);
    await waitFor('the trap waiting in memory', async () => metric((await httpGet(`${base}/metrics`)).text, 'slaguard_store_events_waiting') === 1, 30_000);
    healthy = true;
    await waitFor('web shown up', async () => (await shown()) === 'up', 30_000);
    healthy = false;
    await waitFor('web shown down again', async () => (await shown()) === 'down', 30_000);

    const metrics = (await httpGet(`${base}/metrics`)).text;
    expect(metric(metrics, 'slaguard_store_write_failures_total')).toBeGreaterThan(0);
    expect(metric(metrics, 'slaguard_store_transitions_waiting')).toBe(3);
    expect(metric(metrics, 'slaguard_store_event_write_failures_total')).toBeGreaterThan(0);
    expect(metric(metrics, 'slaguard_store_events_waiting')).toBe(1);
    expect(storedEvents()).toEqual([]);
    expect(ledger().map((r) => r.status)).toEqual(['unknown', 'up']);
    expect(daemon.exitCode).toBeNull();

    rmSync(filler);
    await waitFor('/readyz ready again', async () => (await httpGet(`${base}/readyz`)).status === 200, 30_000);
    const rows = ledger();
    expect(rows.map((r) => r.status)).toEqual(['unknown', 'up', 'down', 'up', 'down']);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.at).toBeGreaterThanOrEqual(rows[i - 1]!.at);
    expect(metric((await httpGet(`${base}/metrics`)).text, 'slaguard_store_transitions_waiting')).toBe(0);
    await waitFor('the trap written', () => storedEvents().length === 1, 30_000);
    expect(storedEvents()).toEqual([{ id: 1, source: 'snmp-trap', summary: expect.stringMatching(/link ?down|linkDown/i) as unknown as string }]);
    expect(metric((await httpGet(`${base}/metrics`)).text, 'slaguard_store_events_waiting')).toBe(0);
    expect(daemon.output()).toMatch(/the event log cannot be written/);
    expect(daemon.output()).toMatch(/the event log accepts writes again/);
    expect(daemon.output()).toMatch(/the ledger cannot be written/);
    expect(daemon.output()).toMatch(/the ledger accepts writes again/);

    await stopProcess(daemon);
    expect(daemon.exitCode).toBe(0);
    expect(ledger().map((r) => r.status)).toEqual(['unknown', 'up', 'down', 'up', 'down', 'unknown']);
  });
});
