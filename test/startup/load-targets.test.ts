import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { parseConfigText } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { ConfigError } from '../../src/errors.ts';

const N = 20_000;
const parse = (text: string) => parseConfigText(text, { file: 'fleet.yaml', baseDir: process.cwd() });
const header = "storage: { path: ':memory:' }\nscheduler: { max_concurrency: 4 }\n";
const fleetText = (n: number) => `${header}targets:\n${Array.from({ length: n }, (_, i) => `  - { name: svc-${i}, kind: http, address: "http://127.0.0.1:9/${i}", interval: 24h, labels: { site: site-${i % 7} } }`).join('\n')}\n`;

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const get = async (url: string) => {
  const res = await app!.server.inject({ url });
  return { status: res.statusCode, body: res.body };
};

describe('targets that arrive after slaguard listens (a large fleet)', () => {
  it('answers /healthz, says starting on /readyz and loading on the page until the targets arrive, then runs them all', async () => {
    const full = parse(fleetText(N));
    app = buildApp(parse(header));
    await app.start();
    let deliver!: (targets: Config['targets']) => void;
    const loaded = app.loadTargets(new Promise((resolve) => (deliver = resolve)));

    expect((await get('/healthz')).status).toBe(200);
    expect(await get('/readyz')).toEqual({ status: 503, body: JSON.stringify({ status: 'starting' }) });
    expect((await get('/?lang=en&fragment=1')).body).toContain('Reading and checking the configured targets; they appear here shortly.');
    expect((await get('/?lang=zh-CN&fragment=1')).body).toContain('正在读取并检查配置中的监控对象');

    deliver(full.targets);
    // while they are handed on a slice at a time, HTTP still answers
    expect((await get('/healthz')).status).toBe(200);
    await loaded;
    expect(await get('/readyz')).toEqual({ status: 200, body: JSON.stringify({ status: 'ready' }) });
    expect(app.scheduler.targets()).toHaveLength(N);
    expect(app.ledger.statusOf('svc-19999')).toMatchObject({ status: 'unknown', reason: 'first poll pending' });
    const [, up, down, unknown] = /(\d+) up · (\d+) down · (\d+) unknown/.exec((await get('/?lang=en&fragment=1')).body)!.map(Number);
    expect(up! + down! + unknown!).toBe(N);
    expect((await get('/metrics')).body).toMatch(new RegExp(`^slaguard_targets\\{kind="http"\\} ${N}$`, 'm'));
  });

  it('a page of a large fleet follows every status change (kept between requests, not rebuilt)', async () => {
    app = buildApp(parse(fleetText(600)));
    await app.start();
    expect((await get('/?lang=en&fragment=1')).body).toContain('0 up · 0 down · 600 unknown');
    for (let i = 0; i < 600; i++) app.ledger.record(`svc-${i}`, i % 100 === 5 ? 'down' : 'up', 'test', Date.now());
    const body = (await get('/?lang=en&fragment=1')).body;
    expect(body).toContain('594 up · 6 down · 0 unknown');
    expect([...body.matchAll(/data-target="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['svc-105', 'svc-205', 'svc-305', 'svc-405', 'svc-5', 'svc-505']);
    app.ledger.record('svc-5', 'up', 'test', Date.now());
    expect((await get('/?lang=en&fragment=1')).body).toContain('595 up · 5 down · 0 unknown');
  });

  it('targets that cannot be read change nothing: the load rejects with the problems and no target runs', async () => {
    app = buildApp(parse(header));
    await app.start();
    const problems = new ConfigError([{ file: 'fleet.yaml', line: 9, col: 5, message: 'targets[3].name: duplicate target name "a"' }]);
    await expect(app.loadTargets(Promise.reject(problems))).rejects.toBe(problems);
    expect(app.scheduler.targets()).toEqual([]);
    expect((await get('/readyz')).status).toBe(200);
  });

  it('reloads that overlap while a large fleet is handed on end with the latest config, nothing else polled', async () => {
    app = buildApp(parse(fleetText(10)));
    await app.start();
    const big = app.applyConfig(parse(fleetText(8000)));
    await new Promise((resolve) => setImmediate(resolve));
    const small = app.applyConfig(parse(fleetText(3)));
    await Promise.all([big, small]);
    expect(app.scheduler.targets().map((t) => t.name)).toEqual(['svc-0', 'svc-1', 'svc-2']);
    const registered = app.ledger.targets().filter((name) => !['svc-0', 'svc-1', 'svc-2'].includes(name));
    expect(registered.length).toBeGreaterThanOrEqual(7);
    for (const name of registered) expect(app.ledger.statusOf(name)?.status, name).toBe('unknown');
  });
});
