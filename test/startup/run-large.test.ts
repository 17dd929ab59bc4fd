import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, httpGet, stopProcess, waitFor } from '../helpers/components.ts';
import { SLAGUARD_BIN, startSlaguard } from '../helpers/slaguard.ts';

const N = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'run-large-'));
const file = join(dir, 'slaguard.yaml');
let port = 0;
let daemon: ReturnType<typeof startSlaguard> | undefined;

const targetLines = (n: number) => Array.from({ length: n }, (_, i) => `  - { name: svc-${i}, kind: http, address: "http://127.0.0.1:9/${i}", interval: 24h, labels: { site: site-${i % 7} } }`);
const write = (head: string[], targets: string[], tail: string[] = []) => writeFileSync(file, `${[...head, 'targets:', ...targets, ...tail].join('\n')}\n`);
const head = () => [`server: { listen: "127.0.0.1:${port}" }`, 'storage: { path: fleet.db }'];
const shown = async () => {
  const m = /(\d+) up · (\d+) down · (\d+) unknown/.exec((await httpGet(`http://127.0.0.1:${port}/?lang=en&fragment=1`)).text);
  return m ? Number(m[1]) + Number(m[2]) + Number(m[3]) : 0;
};
const run = () => spawnSync(process.execPath, [SLAGUARD_BIN, 'run', '--config', file], { cwd: dir, encoding: 'utf8', timeout: 240_000 });

beforeAll(async () => {
  port = await freePort();
});
afterAll(async () => {
  await stopProcess(daemon);
  rmSync(dir, { recursive: true, force: true });
});

describe('slaguard run with a large fleet', () => {
  it('answers HTTP while the targets load (/readyz starting, the page says loading), then runs every target; a bad reload keeps them', { timeout: 300_000 }, async () => {
    write(head(), targetLines(N));
    daemon = startSlaguard(['run', '--config', file], { cwd: dir });
    const seen: string[] = [];
    await waitFor('/healthz', async () => (await httpGet(`http://127.0.0.1:${port}/healthz`)).status === 200, 120_000);
    await waitFor('every target shown', async () => {
      const ready = JSON.parse((await httpGet(`http://127.0.0.1:${port}/readyz`)).text) as { status: string };
      const page = (await httpGet(`http://127.0.0.1:${port}/?lang=en&fragment=1`)).text;
      seen.push(`${ready.status}${page.includes('Reading and checking the configured targets') ? ' (loading)' : ''}`);
      return ready.status === 'ready' && (await shown()) === N;
    }, 120_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${daemon!.output()}`);
    });
    expect(seen[0]).toBe('starting (loading)');
    expect(seen.at(-1)).toBe('ready');

    write(head(), [...targetLines(N), '  - { name: svc-7, kind: http, address: "http://127.0.0.1:9/again" }']);
    daemon.kill('SIGHUP');
    await waitFor('the reload rejected', () => daemon!.output().includes('configuration rejected; the running one is kept'), 120_000);
    expect(daemon.output()).toContain(`${file}:${N + 4}:13: targets[${N}].name: duplicate target name \\"svc-7\\" (first at targets[7])`);
    expect((await httpGet(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await shown()).toBe(N);

    write(head(), targetLines(N + 1));
    daemon.kill('SIGHUP');
    await waitFor('the new target shown', async () => (await shown()) === N + 1, 120_000);
    await stopProcess(daemon);
    expect(daemon.exitCode).toBe(0);
  });

  it('a large fleet with a bad target: listens, then exits 1 listing every problem as FILE:LINE:COL', { timeout: 300_000 }, () => {
    write(head(), [...targetLines(5000), '  - { name: svc-3, kind: http, address: "http://127.0.0.1:9/x" }', '  - { name: odd, kind: http, address: "not a url" }'], ['defaults: { interval: 60s }']);
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      `${file}:5004:13: targets[5000].name: duplicate target name "svc-3" (first at targets[3])`,
      `${file}:5005:39: targets[5001].address: "not a url" is not a URL (expected http://HOST[:PORT]/PATH or https://…)`,
      '2 problems found',
    ]);
    expect(result.stdout).toMatch(/listening on 127\.0\.0\.1:\d+; reading the targets/);
  });

  it('a bad setting besides bad targets: exits 1 before listening, listing the problems of the whole file', { timeout: 300_000 }, () => {
    write([...head(), 'scheduler: { max_concurrency: 0 }'], [...targetLines(5000), '  - { name: svc-3, kind: http, address: "http://127.0.0.1:9/x" }']);
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      `${file}:3:31: scheduler.max_concurrency: Too small: expected number to be >=1`,
      `${file}:5005:13: targets[5000].name: duplicate target name "svc-3" (first at targets[3])`,
      '2 problems found',
    ]);
    expect(result.stdout).not.toMatch(/listening/);
  });
});
