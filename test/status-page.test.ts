import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { freePort, requireBinary, waitFor } from './helpers/components.ts';

let healthy = true;
const service = http.createServer((_req, res) => (healthy ? res.end('ok') : res.writeHead(503).end()));
let app: App;
let browser: BrowserContext;
let base = '';

beforeAll(async () => {
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = buildApp(parseConfigText(
    `storage: { path: ':memory:' }
targets:
  - { name: gov-portal, kind: http, address: "http://127.0.0.1:${(service.address() as AddressInfo).port}/", interval: 1s, timeout: 500ms, labels: { site: 主机房 } }
  - { name: localhost, kind: host, interval: 1s, labels: { site: 灾备机房 } }
`, { file: 'test.yaml', baseDir: process.cwd() }));
  await app.server.listen({ host: '127.0.0.1', port });
  app.start();
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
    executablePath: requireBinary('/usr/bin/chromium', 'chromium'),
    headless: true,
    locale: 'zh-CN', // a NOC wall browser in China
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  service.close();
});

describe('status page in headless Chromium', () => {
  it('shows targets grouped by site, in Chinese for a Chinese browser, and a target going down without a reload', async () => {
    await waitFor('first polls', () => app.ledger.statusOf('gov-portal')?.status === 'up' && app.ledger.statusOf('localhost')?.status === 'up');
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${base}/`);
    expect(await page.title()).toBe('slaguard 运行状态');
    // sites in pinyin order: 灾 (zai) before 主 (zhu)
    expect(await page.locator('section h2').allTextContents()).toEqual(['灾备机房', '主机房']);
    const row = page.locator('tr[data-target="gov-portal"]');
    expect(await row.locator('.badge').textContent()).toBe('正常');
    expect(await page.locator('tr[data-target="localhost"]').textContent()).toMatch(/CPU \d+\.\d%/);

    healthy = false;
    // the page refreshes itself every 5 s; no navigation here
    await row.locator('.badge', { hasText: '故障' }).waitFor({ timeout: 15_000 });
    expect(await row.locator('.reason').textContent()).toContain('HTTP 503');
    expect(await page.locator('.summary').textContent()).toContain('故障 1');
    await page.screenshot({ path: join(tmpdir(), 'slaguard-status-page.png') });
  });

  it('switches to English with ?lang=en', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/?lang=en`);
    expect(await page.title()).toBe('slaguard status');
    expect(await page.locator('tr[data-target="localhost"] .badge').textContent()).toBe('UP');
    await page.locator('a.lang').click();
    await page.waitForURL(/lang=zh-CN/);
    expect(await page.title()).toBe('slaguard 运行状态');
    await page.close();
  });
});
