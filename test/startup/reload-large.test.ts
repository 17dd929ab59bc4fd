import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { loadConfigAsync, STAGED_MIN_BYTES } from '../../src/config/load-async.ts';
import { UNKNOWN_REASON } from '../../src/store/status-ledger.ts';

const N = 4000;
const dir = mkdtempSync(join(tmpdir(), 'reload-large-'));
const file = join(dir, 'slaguard.yaml');
const service = http.createServer((_req, res) => res.end('ok'));
let svc = 0;
let app: App;

const line = (i: number, path = String(i)) => `  - { name: svc-${i}, kind: http, address: "http://127.0.0.1:${svc}/${path}", interval: 24h, labels: { site: site-${i % 7} } }`;
const write = (lines: string[]) => {
  writeFileSync(file, `storage: { path: fleet.db }\ntargets:\n${lines.join('\n')}\n`);
  return lines.join('\n').length;
};
const get = async (url: string) => (await app.server.inject({ url })).body;
const counted = async () => /(\d+) up · (\d+) down · (\d+) unknown/.exec(await get('/?lang=en&fragment=1'))!.slice(1).map(Number);

beforeAll(async () => {
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  svc = (service.address() as AddressInfo).port;
  // large enough for the targets to be read in the worker thread
  expect(write(Array.from({ length: N }, (_, i) => line(i)))).toBeGreaterThan(STAGED_MIN_BYTES);
  const config = await loadConfigAsync(file);
  app = buildApp({ ...config, storage: { ...config.storage, path: join(dir, 'fleet.db') } }, { loadConfig: (running) => loadConfigAsync(file, process.env, running) });
  await app.start();
}, 120_000);
afterAll(async () => {
  await app?.stop();
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SIGHUP reload of a large fleet (read in a worker thread, handed on in turns)', () => {
  it('keeps unchanged targets and their state, replaces changed ones, stops removed ones; HTTP answers throughout', { timeout: 120_000 }, async () => {
    for (const name of ['svc-1', 'svc-2', 'svc-3']) expect((await app.scheduler.pollNow(name))?.ok).toBe(true);
    const health = app.scheduler.healthOf('svc-1')!;
    const polledAt = health.lastPollAt;
    const history = app.ledger.history('svc-1', 0, Date.now() + 1000).length;
    const total = async () => (await counted()).reduce((a, b) => a + b, 0);
    expect(await total()).toBe(N);

    write([...Array.from({ length: N }, (_, i) => i).filter((i) => i !== 3).map((i) => (i === 2 ? line(i, 'moved') : line(i))), line(N)]);
    let answered = 0;
    let done = false;
    const reload = app.reload().finally(() => (done = true));
    while (!done) {
      if ((await app.server.inject({ url: '/healthz' })).statusCode === 200) answered++;
      await new Promise((r) => setImmediate(r));
    }
    expect(await reload).toEqual({ ok: true, problems: [] });
    expect(answered).toBeGreaterThan(0);

    expect(app.scheduler.healthOf('svc-1')).toBe(health);
    expect(health.lastPollAt).toBe(polledAt);
    expect(app.ledger.statusOf('svc-1')?.status).toBe('up');
    expect(app.ledger.history('svc-1', 0, Date.now() + 1000)).toHaveLength(history);
    expect(app.scheduler.targets().find((t) => t.name === 'svc-2')?.address).toBe(`http://127.0.0.1:${svc}/moved`);
    expect(app.ledger.statusOf('svc-2')?.status).toBe('up');
    expect(app.scheduler.has('svc-3')).toBe(false);
    expect(app.ledger.statusOf('svc-3')).toMatchObject({ status: 'unknown', reason: UNKNOWN_REASON.removed });
    expect(app.scheduler.has(`svc-${N}`)).toBe(true);
    expect(await total()).toBe(N);
    expect(await get('/?lang=en&fragment=1&status=all&q=svc-3')).not.toContain('data-target="svc-3"');
    expect(await get(`/?lang=en&fragment=1&status=all&q=svc-${N}`)).toContain(`data-target="svc-${N}"`);
  });

  it('a bad reload keeps the running targets and says where the problem is', { timeout: 120_000 }, async () => {
    const before = app.scheduler.names().length;
    write([...Array.from({ length: N }, (_, i) => line(i)), '  - { name: svc-7, kind: http, address: "http://127.0.0.1:9/again" }']);
    const result = await app.reload();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([`${file}:${N + 3}:13: targets[${N}].name: duplicate target name "svc-7" (first at targets[7])`]);
    expect(app.scheduler.names()).toHaveLength(before);
    expect(app.scheduler.has(`svc-${N}`)).toBe(true);
  });
});
