import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, stopProcess, waitFor } from './helpers/components.ts';
import { bodies } from './helpers/e2e.ts';
import { startRecorder } from './helpers/http-recorder.ts';
import { startSlaguard } from './helpers/slaguard.ts';

const SERVICES = ['政务门户', '公积金', '不动产登记'];
const dir = mkdtempSync(join(tmpdir(), 'e2e-kill9-'));
const dbPath = join(dir, 'data', 'slaguard.db');
const configPath = join(dir, 'slaguard.yaml');
let port = 0;
let daemon: ReturnType<typeof startSlaguard> | undefined;
let recorder: Awaited<ReturnType<typeof startRecorder>>;

interface Row { idempotency_key: string; state: string; attempts: number }
function outbox(): Row[] {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT idempotency_key, state, attempts FROM outbox ORDER BY id').all() as Row[];
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

beforeAll(async () => {
  recorder = await startRecorder();
  await recorder.stop(); // the receiver is down: connection refused, same port later
  port = await freePort();
  const closed = await freePort();
  mkdirSync(join(dir, 'rules.d'));
  writeFileSync(join(dir, 'rules.d/e2e.yaml'), `rules:
  - id: e2e-service-down
    kind: target_status
    severity: critical
    status: [down]
    kinds: [http]
    for: 1s
    summary: { zh-CN: "应用 {{ $labels.target }} 访问失败", en: "{{ $labels.target }} probe failing" }
    description: { zh-CN: 说明, en: details }
`);
  writeFileSync(configPath, `server: { listen: "127.0.0.1:${port}" }
storage: { path: data/slaguard.db, heartbeat: 1s }
scheduler: { jitter: false }
rule_files: [rules.d/*.yaml]
receivers:
  - { name: pager, webhook: { url: "${recorder.url}/pager", timeout: 2s } }
alerting:
  route: { receiver: pager, group_by: [service], group_wait: 1s, group_interval: 1s }
targets:
${SERVICES.map((s, i) => `  - { name: app-${i + 1}, kind: http, address: "http://127.0.0.1:${closed}/${i + 1}", interval: 1s, timeout: 500ms, labels: { service: ${s} } }`).join('\n')}
`);
});
afterAll(async () => {
  await stopProcess(daemon);
  await recorder?.stop();
});

const start = async () => {
  daemon = startSlaguard(['run', '--config', configPath], { cwd: dir });
  const d = daemon;
  await waitFor(`slaguard to serve (${d.output().slice(-300)})`, async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true, 60_000);
};
const kill9 = async () => {
  const d = daemon!;
  const exited = new Promise((r) => d.once('exit', r));
  d.kill('SIGKILL');
  await exited;
};

describe('notifications across kill -9 while the receiver is down', () => {
  it('every notification arrives, exactly one idempotency key per alert firing', async () => {
    await start();
    await waitFor('three notifications queued and tried once', () => {
      const rows = outbox();
      return rows.length === 3 && rows.every((r) => r.attempts >= 1);
    }, 60_000);
    const keys = outbox().map((r) => r.idempotency_key);
    await kill9();

    await start();
    await waitFor('a retry in the second run', () => outbox().some((r) => r.attempts >= 2), 60_000);
    await kill9();

    await start();
    await recorder.restart();
    await waitFor('every key delivered', () => {
      const got = new Set(recorder.requests.map((r) => String(r.headers['idempotency-key'])));
      return keys.every((k) => got.has(k));
    }, 60_000);
    await waitFor('the outbox to show them delivered', () => outbox().every((r) => r.state === 'delivered'), 60_000);
    await stopProcess(daemon);
    expect(daemon!.exitCode).toBe(0);

    // the receiver dedups by Idempotency-Key, as the README asks of it
    const byKey = new Map<string, string>();
    for (const r of recorder.requests) byKey.set(String(r.headers['idempotency-key']), r.body);
    expect([...byKey.keys()].sort()).toEqual([...keys].sort());
    expect(outbox().map((r) => r.idempotency_key).sort()).toEqual([...keys].sort());
    const pages = bodies(recorder.requests, '/pager').filter((b, i, all) => all.findIndex((o) => o.idempotencyKey === b.idempotencyKey) === i);
    expect(pages.every((p) => p.status === 'firing')).toBe(true);
    const keysByAlert = new Map<string, Set<string>>();
    for (const p of pages) for (const a of p.alerts) keysByAlert.set(a.labels.target!, (keysByAlert.get(a.labels.target!) ?? new Set()).add(p.idempotencyKey));
    expect([...keysByAlert.keys()].sort()).toEqual(['app-1', 'app-2', 'app-3']);
    expect([...keysByAlert.values()].every((s) => s.size === 1)).toBe(true);
    expect(pages.map((p) => p.alerts[0]!.labels.service).sort()).toEqual([...SERVICES].sort());
  }, 180_000);
});
