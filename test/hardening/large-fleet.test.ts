import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { parseConfigText } from '../../src/config/load.ts';
import { PAGE_SIZE } from '../../src/http/fleet-view.ts';

const N = 1_200;
const TOKEN = 'noc-viewer-token-0123456789';
const T0 = Date.now();
let app: App;

const rowsOf = (html: string) => [...html.matchAll(/<tr class="(\w+)" data-target="([^"]+)">/g)].map((m) => `${m[2]}:${m[1]}`);
const page = async (query = '') => (await app.server.inject({ url: `/?fragment=1&lang=en${query}` })).body;

beforeAll(() => {
  const targets = Array.from({ length: N }, (_, i) =>
    `  - { name: dev-${String(i).padStart(4, '0')}, kind: http, address: "http://127.0.0.1:9/${i}", labels: { site: site-${i % 3} } }`).join('\n');
  app = buildApp(parseConfigText(`server: { auth: { tokens: [{ name: noc, role: viewer, token: ${TOKEN} }] } }\nstorage: { path: ':memory:' }\ntargets:\n${targets}\n`, { file: 'fleet.yaml', baseDir: process.cwd() }));
  for (let i = 0; i < N; i++) {
    const name = `dev-${String(i).padStart(4, '0')}`;
    if (i % 400 === 7) app.ledger.record(name, 'down', 'HTTP 500', T0);
    else if (i % 500 !== 11) app.ledger.record(name, 'up', 'ok', T0);
  }
});
afterAll(async () => {
  await app.stop();
});

describe('the status page of a large fleet', () => {
  it('counts the whole fleet by status and site, and lists only down and unknown targets by default', async () => {
    const html = await page();
    expect(html).toContain(`${N - 6} up · 3 down · 3 unknown`);
    expect(rowsOf(html).sort()).toEqual(['dev-0007:down', 'dev-0011:unknown', 'dev-0407:down', 'dev-0511:unknown', 'dev-0807:down', 'dev-1011:unknown']);
    expect(html).toMatch(/<td><a href="[^"]*q=site-1[^"]*">site-1<\/a><\/td><td>\d+<\/td><td>\d+<\/td><td>\d+<\/td>/);
    expect(html).toContain('showing 6 of 6 (page 1 of 1)');
  });

  it('pages through any status and finds by name or site', async () => {
    const second = await page('&status=up&page=2');
    const rows = rowsOf(second);
    expect(rows).toHaveLength(PAGE_SIZE);
    expect(second).toContain(`showing ${PAGE_SIZE} of ${N - 6} (page 2 of ${Math.ceil((N - 6) / PAGE_SIZE)})`);
    expect(rows.every((r) => r.endsWith(':up'))).toBe(true);
    expect(rowsOf(await page('&status=all&q=dev-040'))).toHaveLength(10);
    expect(rowsOf(await page('&status=down&q=site-1')).sort()).toEqual(['dev-0007:down']);
  });

  it('/api/targets takes the same filters and says how many there are', async () => {
    const res = JSON.parse((await app.server.inject({ url: '/api/targets?status=down', headers: { authorization: `Bearer ${TOKEN}` } })).body) as { matching: number; counts: object; targets: Array<{ name: string }> };
    expect(res.matching).toBe(3);
    expect(res.counts).toEqual({ up: N - 6, down: 3, unknown: 3 });
    expect(res.targets.map((t) => t.name)).toEqual(['dev-0007', 'dev-0407', 'dev-0807']);
  });
});
