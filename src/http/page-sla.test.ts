import { describe, expect, it } from 'vitest';
import { renderStatusBody, renderStatusPage } from './status-page.ts';
import type { SlaLiveAgency } from './page-sla.ts';

const agencies: SlaLiveAgency[] = [{
  agency: 'ggzy', name: { 'zh-CN': '公共资源交易中心', en: 'Public Resource Trading Center' }, month: '2026-03',
  services: [
    // 99.9 % of 31 days allows 2,678.4 s; 2,700 s down leaves -21.6 s
    { id: 'portal', name: { 'zh-CN': '交易门户', en: 'Trading portal' }, target_percent: 99.9, availability_percent: 99.898, budget_seconds_left: -21.6 },
    { id: 'trade-db', target_percent: 99.5, availability_percent: 100, budget_seconds_left: 13_392 },
    { id: '<b>x</b>', target_percent: 99, availability_percent: null, budget_seconds_left: 0 },
  ],
}];

const row = (html: string, id: string) => new RegExp(`<tr class="(up|down)" data-sla-service="${id}">(.*?)</tr>`).exec(html);

describe('status page SLA view', () => {
  it('shows month-to-date availability per service against its target and the downtime budget left, per agency', () => {
    const html = renderStatusPage([], 'zh-CN', Date.parse('2026-03-31T12:00:00Z'), { sla: agencies });
    expect(html).toContain('<h2>SLA（本月至今）</h2>');
    expect(html).toContain('公共资源交易中心 <span class="since">2026-03</span>');
    const portal = row(html, 'portal')!;
    expect(portal[1]).toBe('down');
    expect(portal[2]).toContain('portal · 交易门户');
    expect(portal[2]).toContain('99.898%');
    expect(portal[2]).toContain('<td>99.9%</td><td class="budget">已超出 0:00:21</td>');
    const db = row(html, 'trade-db')!;
    expect(db[1]).toBe('up');
    expect(db[2]).toContain('100.000%');
    expect(db[2]).toContain('<td class="budget">3:43:12</td>');
    expect(html).toContain('data-sla-service="&lt;b&gt;x&lt;/b&gt;"');
    expect(html).not.toContain('<b>x</b>');
  });

  it('is in English with lang=en, in the live-refreshed body, and absent when there are no contracts', () => {
    const body = renderStatusBody([], 'en', 0, { sla: agencies });
    expect(body).toContain('<h2>SLA (month to date)</h2>');
    expect(body).toContain('<th>Downtime budget left</th>');
    expect(row(body, 'portal')![2]).toContain('over by 0:00:21');
    expect(renderStatusBody([], 'en', 0)).not.toContain('SLA');
  });
});
