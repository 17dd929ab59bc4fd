import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { RecordingOutbox, ScriptedAlerts, tempDbPath } from './helpers/alerting.ts';
import { freePort, requireBinary } from './helpers/components.ts';

const OPERATOR = 'operator-token-0123456789';
const source = new ScriptedAlerts({ now: () => Date.now() });
let app: App;
let browser: BrowserContext;
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = buildApp(parseConfigText(`storage: { path: '${tempDbPath()}' }
server: { auth: { tokens: [{ name: oncall-li, role: operator, token: ${OPERATOR} }] } }
`, { file: 'page.yaml', baseDir: process.cwd() }), { alertSource: source, outbox: new RecordingOutbox() });
  await app.server.listen({ host: '127.0.0.1', port });
  await app.start();
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
    executablePath: requireBinary('/usr/bin/chromium', 'chromium'),
    headless: true,
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('alerts on the status page in headless Chromium', () => {
  it('lists firing alerts worst level first; the acknowledge button asks once for an operator token and acknowledges', async () => {
    source.fire('cpu-high', { service: '门户网站', target: 'web-1' }, { severity: 'warning', summary: '门户网站 CPU 使用率高' });
    source.fire('ups-on-battery', { service: '公共资源交易中心', target: 'ups-1' }, { summary: '公共资源交易中心 UPS 市电中断' });
    const page = browser.pages()[0] ?? (await browser.newPage());
    const prompts: string[] = [];
    page.on('dialog', (d) => { prompts.push(d.message()); void d.accept(OPERATOR); });
    await page.goto(`${base}/`);
    expect(await page.locator('#alerts tbody tr .badge').allTextContents()).toEqual(['一级', '三级']);
    expect(await page.locator('#alerts tbody tr').first().textContent()).toContain('公共资源交易中心 UPS 市电中断');

    await page.locator('button[data-ack="INC-000002"]').click();
    await page.locator('tr[data-incident="INC-000002"]', { hasText: '已确认' }).waitFor({ timeout: 10_000 });
    expect(prompts).toEqual(['请输入运维令牌（仅保存在本页会话中）：']);
    expect(app.alerting.store.get('INC-000002')!.acknowledgedBy).toBe('oncall-li');
    expect(await page.evaluate(() => sessionStorage.getItem('slaguard-token'))).toBe(OPERATOR);

    await page.locator('button[data-ack="INC-000001"]').click();
    await page.locator('tr[data-incident="INC-000001"]', { hasText: '已确认' }).waitFor({ timeout: 10_000 });
    expect(prompts).toHaveLength(1);
    expect(app.alerting.audit.recent(2).map((e) => `${e.action} ${e.subject} ${e.tokenName}`)).toEqual([
      'incident.acknowledge INC-000001 oncall-li', 'incident.acknowledge INC-000002 oncall-li',
    ]);
  });
});
