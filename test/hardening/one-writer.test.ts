import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDbReadOnly } from '../../src/store/db.ts';
import { freePort, stopProcess, waitFor } from '../helpers/components.ts';
import { startSlaguard } from '../helpers/slaguard.ts';

let healthy = true;
const service = http.createServer((_req, res) => (healthy ? res.end('ok') : res.writeHead(500).end('broken')));
const dir = mkdtempSync(join(tmpdir(), 'one-writer-'));
const dbPath = join(dir, 'data', 'slaguard.db');
const daemons: Array<ReturnType<typeof startSlaguard>> = [];

interface Row { id: number; target: string; status: string; reason: string; at: number; run_id: number }
function read<T>(query: (db: ReturnType<typeof openDbReadOnly>) => T): T {
  const db = openDbReadOnly(dbPath);
  try {
    return query(db);
  } finally {
    db.close();
  }
}
const rows = () => read((db) => db.prepare('SELECT * FROM status_transitions ORDER BY id').all() as Row[]);
const runs = () => read((db) => db.prepare('SELECT id, pid, stop_kind FROM daemon_runs ORDER BY id').all());
const lastStatus = () => {
  try {
    return rows().at(-1)?.status;
  } catch {
    return undefined;
  }
};

async function config(name: string): Promise<string> {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `server: { listen: "127.0.0.1:${await freePort()}" }
storage: { path: data/slaguard.db, heartbeat: 1s }
scheduler: { jitter: false }
targets:
  - { name: web, kind: http, address: "http://127.0.0.1:${(service.address() as AddressInfo).port}/", interval: 1s, timeout: 500ms }
`);
  return path;
}

beforeAll(async () => {
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  for (const d of daemons) await stopProcess(d);
  service.close();
});

describe('one writer per ledger', () => {
  it('a second daemon on the same database exits 1 with one line naming it and the holder, and writes nothing', { timeout: 180_000 }, async () => {
    const first = startSlaguard(['run', '--config', await config('a')], { cwd: dir });
    daemons.push(first);
    await waitFor('the first daemon writing web up', () => lastStatus() === 'up', 60_000);
    const before = rows();
    const runsBefore = runs();

    const second = startSlaguard(['run', '--config', await config('b')], { cwd: dir });
    daemons.push(second);
    const code = await new Promise((r) => second.once('exit', r));
    expect(code).toBe(1);
    const lines = second.output().trim().split('\n');
    expect(lines).toEqual([
      `${join(dir, 'data', 'slaguard.db')} is in use by another slaguard (PID ${first.pid}): only one process may write a ledger; stop that one first, or give this one its own storage.path`,
    ]);
    expect(rows()).toEqual(before);
    expect(runs()).toEqual(runsBefore);

    healthy = false;
    await waitFor('the first daemon still writing: web down', () => lastStatus() === 'down', 30_000);
    await stopProcess(first);
    expect(first.exitCode).toBe(0);
    const all = rows();
    expect(all.slice(0, before.length)).toEqual(before);
    expect(all.slice(before.length).map((r) => [r.status, r.run_id])).toEqual([['down', before[0]!.run_id], ['unknown', before[0]!.run_id]]);
    expect(runs()).toEqual([{ ...(runsBefore as object[])[0], stop_kind: 'clean' }]);
  });

  it('after kill -9 the lock is gone with the process: the next daemon starts and closes the crashed run', { timeout: 180_000 }, async () => {
    healthy = true;
    const first = startSlaguard(['run', '--config', await config('c')], { cwd: dir });
    daemons.push(first);
    await waitFor('web up', () => lastStatus() === 'up', 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = rows().length;
    const next = startSlaguard(['run', '--config', await config('d')], { cwd: dir });
    daemons.push(next);
    await waitFor('the crashed run closed and web up again', () => rows().length === atKill + 2, 60_000);
    expect(rows().slice(atKill).map((r) => r.status)).toEqual(['unknown', 'up']);
    expect(rows()[atKill]!.reason).toMatch(/stopped unexpectedly/);
    await stopProcess(next);
    expect(next.exitCode).toBe(0);
  });
});
