import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import type { Config } from '../src/config/schema.ts';

const TOKENS = { viewer: 'viewer-token-0123456789', operator: 'operator-token-0123456789', admin: 'admin-token-0123456789' };
const configText = (extra = '') => `storage: { path: ':memory:' }
server:
  auth:
    tokens:
      - { name: wall, role: viewer, token: ${TOKENS.viewer} }
      - { name: oncall, role: operator, token: ${TOKENS.operator} }
      - { name: root, role: admin, token: ${TOKENS.admin} }
    public: { metrics: false }
targets:
  - { name: localhost, kind: host, interval: 1m, labels: { site: 主机房 } }
${extra}`;
const parse = (text: string): Config => parseConfigText(text, { file: 'api.yaml', baseDir: process.cwd() });

let nextConfig = (): Config => parse(configText());
let app: App;
beforeAll(() => {
  app = buildApp(parse(configText()), { loadConfig: () => nextConfig() });
  app.start();
});
afterAll(async () => app?.stop());

const get = (url: string, token?: string, headers: Record<string, string> = {}) =>
  app.server.inject({ method: 'GET', url, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
const post = (url: string, token?: string) =>
  app.server.inject({ method: 'POST', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('access control', () => {
  it('/api/* needs a token: 401 without or with a wrong one', async () => {
    expect((await get('/api/targets')).statusCode).toBe(401);
    const wrong = await get('/api/targets', 'not-a-real-token-000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('Bearer');
  });

  it('roles are ranked: a viewer may read but not poll; an operator may poll but not reload', async () => {
    expect((await get('/api/targets', TOKENS.viewer)).statusCode).toBe(200);
    expect((await post('/api/targets/localhost/poll', TOKENS.viewer)).statusCode).toBe(403);
    expect((await post('/api/targets/localhost/poll', TOKENS.operator)).statusCode).toBe(200);
    const reload = await post('/api/reload', TOKENS.operator);
    expect(reload.statusCode).toBe(403);
    expect(reload.json().message).toContain('"admin" is needed');
  });

  it('/metrics can be closed by config; health and the status page stay open', async () => {
    expect((await get('/metrics')).statusCode).toBe(401);
    expect((await get('/metrics', TOKENS.viewer)).statusCode).toBe(200);
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/readyz')).statusCode).toBe(200);
    expect((await get('/')).statusCode).toBe(200);
  });
});

describe('API', () => {
  it('lists targets with status, labels and key values after a poll', async () => {
    await post('/api/targets/localhost/poll', TOKENS.operator);
    const { targets } = (await get('/api/targets', TOKENS.viewer)).json();
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ name: 'localhost', kind: 'host', status: 'up', labels: { site: '主机房' } });
    expect(targets[0].values.map((v: { metric: string }) => v.metric)).toContain('slaguard_host_cpu_utilisation_ratio');
  });

  it('gives a target\'s status history with ISO times; 404 for an unknown target', async () => {
    const res = await get('/api/targets/localhost/history', TOKENS.viewer);
    expect(res.json().transitions.map((t: { status: string }) => t.status)).toEqual(['unknown', 'up']);
    expect(res.json().transitions[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await get('/api/targets/nope/history', TOKENS.viewer)).statusCode).toBe(404);
  });

  it('a rejected reload lists the problems, keeps the running config and sets the reload gauge to 0', async () => {
    nextConfig = () => parse('targets: [{ name: x, kind: hots }]');
    const res = await post('/api/reload', TOKENS.admin);
    expect(res.statusCode).toBe(422);
    expect(res.json().problems[0]).toMatch(/^api\.yaml:1:\d+: targets\[0\]\.kind: unknown collector kind/);
    expect(app.config().targets.map((t) => t.name)).toEqual(['localhost']);
    expect((await get('/metrics', TOKENS.viewer)).body).toMatch(/^slaguard_config_last_reload_successful 0$/m);
  });

  it('an accepted reload adds targets and removes others, which turn unknown in the ledger', async () => {
    // a reload that keeps a target leaves its history alone
    const before = app.ledger.history('localhost').length;
    nextConfig = () => parse(configText());
    expect((await post('/api/reload', TOKENS.admin)).statusCode).toBe(200);
    expect(app.ledger.history('localhost')).toHaveLength(before);

    nextConfig = () => parse(configText('  - { name: portal, kind: http, address: "http://127.0.0.1:1/" }').replace(/  - \{ name: localhost.*\n/, ''));
    expect((await post('/api/reload', TOKENS.admin)).statusCode).toBe(200);
    expect(app.scheduler.targets().map((t) => t.name)).toEqual(['portal']);
    expect(app.ledger.statusOf('localhost')).toMatchObject({ status: 'unknown', reason: 'target removed from the configuration' });
    expect((await get('/metrics', TOKENS.viewer)).body).not.toMatch(/target="localhost"/);
    expect((await get('/metrics', TOKENS.viewer)).body).toMatch(/^slaguard_config_last_reload_successful 1$/m);
  });
});

describe('status page language', () => {
  it('is Chinese without Accept-Language, English for an English browser, and ?lang wins', async () => {
    expect((await get('/')).body).toContain('<html lang="zh-CN">');
    expect((await get('/', undefined, { 'accept-language': 'en-GB,en;q=0.8' })).body).toContain('<html lang="en">');
    expect((await get('/?lang=zh-CN', undefined, { 'accept-language': 'en' })).body).toContain('<html lang="zh-CN">');
  });
});
