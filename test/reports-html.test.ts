import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyReport } from '../src/sla/report-model.ts';
import { renderHtml } from '../src/reports/html.ts';
import { utilisationSection } from '../src/reports/utilisation.ts';
import type { Lang } from '../src/text/lang.ts';
import { ggzyMarch2026 } from './fixtures/reports/ggzy-report.ts';
import { requireBinary } from './helpers/components.ts';

const pages = new Map<string, string>();
const requests: string[] = [];
const server = http.createServer((req, res) => {
  requests.push(req.url ?? '');
  const body = pages.get(req.url ?? '');
  if (body === undefined) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
});
let base = '';
let browser: BrowserContext;
const shots = mkdtempSync(join(tmpdir(), 'slaguard-report-html-'));

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
    executablePath: requireBinary('/usr/bin/chromium', 'chromium'),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  server.close();
});

async function open(path: string, report: AgencyReport, lang: Lang, extras = {}): Promise<{ page: Page; errors: string[] }> {
  pages.set(path, renderHtml(report, lang, extras));
  requests.length = 0;
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  return { page, errors };
}

describe('HTML report in headless Chromium', () => {
  it('shows the figures in Chinese, with no console errors and no request besides the page itself', async () => {
    const report = ggzyMarch2026();
    const utilisation = utilisationSection('2026-03', [{ target: 'ggzy-web-01', resource: 'cpu', count: 4, sum: 0.08, max: 0.03 }]);
    const { page, errors } = await open('/zh.html', report, 'zh-CN', { utilisation });
    expect(await page.title()).toBe('公共资源交易中心 · 2026-03 · 服务水平（SLA）月度报告');
    expect(await page.locator('dd.agency').textContent()).toBe('公共资源交易中心 (ggzy)');
    const portal = page.locator('tr[data-service="portal"] td');
    expect(await portal.allTextContents()).toEqual(['portal · 交易门户', '99.9%', '99.898%', '未达标', '10%', '99.977%']);
    expect(await page.locator('tr[data-service="trade-db"] td').nth(2).textContent()).toBe('100.000%');
    expect(await page.locator('.conclusion').textContent()).toContain('应予抵扣：portal 10%');
    const figures = await page.locator('#service-portal table.figures tbody tr').allTextContents();
    expect(figures).toEqual(['计划服务时间744:00:002678400', '正常741:05:002667900', '中断0:45:002700', '维护（已排除）2:00:007200', '未知0:10:00600']);
    expect(await page.locator('#service-portal table.outages tbody tr').count()).toBe(2);
    expect(await page.locator('#service-portal table.outages').textContent()).toContain('portal-probe-a down (HTTP 503)');
    expect(await page.locator('#service-portal table.maintenance').textContent()).toContain('CHG-2026-031张伟');
    expect(await page.locator('#service-trade-db table.incidents').textContent()).toContain('未发生');
    expect(await page.locator('code.evidence').textContent()).toBe(report.evidence_sha256);
    expect(await page.locator('#service-portal svg.chart rect').count()).toBe(31);
    expect(await page.locator('section.timeline svg rect[fill="#c62828"]').count()).toBe(1 + 1);
    expect(await page.locator('tr[data-server="ggzy-web-01"]').textContent()).toContain('闲置');
    expect(await page.locator('.signoff').textContent()).toMatch(/服务提供方签字：盖章：日期：委办局签字：盖章：日期：/);
    await page.screenshot({ path: join(shots, 'report-zh.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
    expect(requests).toEqual(['/zh.html']);
    await page.close();
  });

  it('is in English with lang=en', async () => {
    const { page, errors } = await open('/en.html', ggzyMarch2026(), 'en');
    expect(await page.locator('h1').textContent()).toBe('Monthly Service Level (SLA) Report');
    expect(await page.locator('tr[data-service="portal"] td').allTextContents()).toEqual(['portal · Trading portal', '99.9%', '99.898%', 'not met', '10%', '99.977%']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('escapes agency-provided names: markup in them is shown as text and never runs', async () => {
    const report = ggzyMarch2026();
    report.agency_name = { 'zh-CN': '<img src=x onerror="alert(1)">中心', en: 'x' };
    report.services[0]!.outages[0]!.reason = '<script>alert(2)</script>';
    report.services[0]!.maintenance[0]!.ticket = '"><svg onload=alert(3)>';
    const { page, errors } = await open('/xss.html', report, 'zh-CN');
    expect(await page.locator('dd.agency').textContent()).toBe('<img src=x onerror="alert(1)">中心 (ggzy)');
    expect(await page.locator('#service-portal table.outages').textContent()).toContain('<script>alert(2)</script>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
