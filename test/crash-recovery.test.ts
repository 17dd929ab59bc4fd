import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, httpGet, stopProcess, stopStarted, waitFor } from './helpers/components.ts';
import { startSlaguard } from './helpers/slaguard.ts';

let healthy = true;
const service = http.createServer((_req, res) => (healthy ? res.end('ok') : res.writeHead(500).end('broken')));
const dir = mkdtempSync(join(tmpdir(), 'crash-test-'));
const dbPath = join(dir, 'data', 'slaguard.db');
const configPath = join(dir, 'slaguard.yaml');
let port = 0;
let daemon: ReturnType<typeof startSlaguard> | undefined;

interface Row { status: string; reason: string; at: number; run_id: number }
function transitions(target: string): Row[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT status, reason, at, run_id FROM status_transitions WHERE target = ? ORDER BY id').all(target) as Row[];
  } finally {
    db.close();
  }
}
const statuses = (target: string) => transitions(target).map((r) => r.status);
const lastStatus = (target: string) => {
  try {
    return transitions(target).at(-1)?.status;
  } catch {
    return undefined;
  }
};

function writeConfig(extraTargets = ''): void {
  writeFileSync(configPath, `server: { listen: "127.0.0.1:${port}" }
storage: { path: data/slaguard.db, heartbeat: 1s }
scheduler: { jitter: false }
targets:
  - { name: web, kind: http, address: "http://127.0.0.1:${(service.address() as AddressInfo).port}/", interval: 1s, timeout: 500ms }
${extraTargets}`);
}

beforeAll(async () => {
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  port = await freePort();
  writeConfig();
});
// Each test's daemons stop when it ends, even when it fails midway (the next test reuses the port and the ledger).
afterEach(() => stopStarted());
afterAll(() => {
  service.close();
});

describe('the SLA ledger across kill -9', () => {
  it('keeps every transition, adds the crash gap as unknown, and never duplicates one', async () => {
    daemon = startSlaguard(['run', '--config', configPath], { cwd: dir });
    await waitFor('web up', () => lastStatus('web') === 'up');
    healthy = false;
    await waitFor('web down', () => lastStatus('web') === 'down');
    await waitFor('a heartbeat after the outage began', () => {
      const db = new Database(dbPath, { readonly: true });
      const hb = (db.prepare('SELECT heartbeat_at FROM daemon_runs ORDER BY id DESC LIMIT 1').get() as { heartbeat_at: number }).heartbeat_at;
      db.close();
      return hb > transitions('web').at(-1)!.at;
    });
    const beforeKill = transitions('web');
    daemon.kill('SIGKILL');
    await new Promise((r) => daemon!.once('exit', r));

    daemon = startSlaguard(['run', '--config', configPath], { cwd: dir });
    await waitFor('web seen down again after the restart', () => statuses('web').length >= 5 && lastStatus('web') === 'down');
    healthy = true;
    await waitFor('web up again', () => lastStatus('web') === 'up');
    await stopProcess(daemon);
    expect(daemon.exitCode).toBe(0);

    const rows = transitions('web');
    // nothing written before the kill was lost or rewritten
    expect(rows.slice(0, beforeKill.length)).toEqual(beforeKill);
    expect(rows.map((r) => r.status)).toEqual(['unknown', 'up', 'down', 'unknown', 'down', 'up', 'unknown']);
    expect(rows[3]!.reason).toMatch(/stopped unexpectedly/);
    expect(rows[3]!.run_id).toBe(rows[2]!.run_id);
    expect(rows[4]!.run_id).toBeGreaterThan(rows[3]!.run_id);
    expect(rows[6]!.reason).toBe('slaguard stopped');
    // the crash gap starts no earlier than the last thing the crashed run wrote
    expect(rows[3]!.at).toBeGreaterThan(rows[2]!.at);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.at).toBeGreaterThanOrEqual(rows[i - 1]!.at);

    const db = new Database(dbPath, { readonly: true });
    const runs = db.prepare('SELECT stop_kind FROM daemon_runs ORDER BY id').pluck().all();
    db.close();
    expect(runs).toEqual(['crash', 'clean']);
  });
});

describe('SIGHUP reload', () => {
  it('a bad config keeps the old one running and sets slaguard_config_last_reload_successful 0; a good one applies', async () => {
    daemon = startSlaguard(['run', '--config', configPath], { cwd: dir });
    const metrics = async () => (await httpGet(`http://127.0.0.1:${port}/metrics`)).text;
    await waitFor('daemon serving /metrics', async () => /slaguard_config_last_reload_successful 1/.test(await metrics()));

    writeFileSync(configPath, 'targets:\n  - { name: web, kind: http, adress: typo }\n');
    daemon.kill('SIGHUP');
    await waitFor('reload rejected', async () => /^slaguard_config_last_reload_successful 0$/m.test(await metrics()));
    await waitFor('the rejection logged with file:line:col', () => /slaguard\.yaml:2:30: targets\[0\]\.adress: unknown key/.test(daemon!.output()));
    const upBefore = statuses('web').length;
    healthy = false;
    await waitFor('the old config still polling web', () => statuses('web').length > upBefore && lastStatus('web') === 'down');
    healthy = true;

    writeConfig(`  - { name: web2, kind: http, address: "http://127.0.0.1:${(service.address() as AddressInfo).port}/", interval: 1s, timeout: 500ms }`);
    daemon.kill('SIGHUP');
    await waitFor('reload applied', async () => /^slaguard_config_last_reload_successful 1$/m.test(await metrics()));
    await waitFor('new target polled', async () => /^slaguard_target_up\{kind="http",target="web2"[^}]*\} 1$/m.test(await metrics()));
  });
});
