import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBinary } from '../../test/helpers/components.ts';
import { ggzyMarch2026 } from '../../test/fixtures/reports/ggzy-report.ts';
import { renderPdf } from './pdf.ts';
import { CjkFontError, findCjkFont } from './pdf-font.ts';
import { utilisationSection } from './utilisation.ts';

const pdftotext = requireBinary('/usr/bin/pdftotext', 'poppler-utils');
const dir = mkdtempSync(join(tmpdir(), 'slaguard-pdf-'));

function textOf(pdf: Buffer, name: string, layout = false): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync(pdftotext, ['-enc', 'UTF-8', ...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}

describe('PDF report', () => {
  it('carries the agency name in Chinese, every service, figure, outage, ticket and the evidence digest', async () => {
    const report = ggzyMarch2026();
    const utilisation = utilisationSection('2026-03', [
      { target: 'ggzy-web-01', resource: 'cpu', count: 4, sum: 0.08, max: 0.03 },
      { target: 'ggzy-db-01', resource: 'cpu', count: 4, sum: 2.4, max: 0.9 },
    ]);
    const pdf = await renderPdf(report, 'zh-CN', { extras: { utilisation } });
    const text = textOf(pdf, 'zh.pdf');
    const layout = textOf(pdf, 'zh-layout.pdf', true);
    expect(text).toContain('公共资源交易中心');
    expect(text).toContain('服务水平（SLA）月度报告');
    for (const id of ['portal', 'trade-db', 'INC-000041', 'INC-000042', 'CHG-2026-031', '张伟']) expect(text).toContain(id);
    expect(text).toContain('99.898%');
    expect(text).toContain('99.977%');
    expect(text).toContain('100.000%');
    for (const seconds of ['2678400', '2667900', '2700', '7200', '600', '744:00:00', '741:05:00', '0:45:00 (2700 秒)', '0:00:40 (40 秒)', '0:19:00 (1140 秒)'])
      expect(text).toContain(seconds);
    expect(text).toContain('2026-03-05 10:00:00');
    expect(text).toContain('HTTP 503');
    expect(text).toContain('不计入（短于最');
    expect(text).toContain(report.evidence_sha256);
    expect(text).toContain('应予抵扣：portal 10%');
    expect(layout).toMatch(/服务提供方[\s\S]*委办局[\s\S]*签字：[\s\S]*盖章：[\s\S]*日期：/);
    expect(layout).toMatch(/ggzy-web-01\s+2\.0%\s+3\.0%[\s\S]*闲置/);
  });

  it('says the same in English with lang=en', async () => {
    const text = textOf(await renderPdf(ggzyMarch2026(), 'en'), 'en.pdf');
    expect(text).toContain('Public Resource Trading Center');
    expect(text).toContain('1 of 2 services did not meet their contracted availability this month.');
    expect(text).toContain('99.898%');
    expect(text).toContain('0:45:00 (2700 s)');
  });

  it('gives the same bytes for the same report, so a rerun rewrites the file identically', async () => {
    const a = await renderPdf(ggzyMarch2026(), 'zh-CN');
    const b = await renderPdf(ggzyMarch2026(), 'zh-CN');
    expect(a.equals(b)).toBe(true);
  });

  it('breaks a long outage table across pages, repeating its header', async () => {
    const report = ggzyMarch2026();
    const portal = report.services[0]!;
    portal.outages = Array.from({ length: 120 }, (_, i) => ({
      start: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00+08:00`, end: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:05:00+08:00`,
      seconds: 300, counted: true, reason: `outage number ${i}`,
    }));
    const text = textOf(await renderPdf(report, 'en'), 'long.pdf', true);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(3);
    for (let i = 0; i < 120; i++) expect(text).toContain(`outage number ${i}`);
    const pagesWithOutageRows = pages.filter((p) => p.includes('outage number'));
    expect(pagesWithOutageRows.length).toBeGreaterThan(1);
    for (const p of pagesWithOutageRows) expect(p).toMatch(/Start\s+End\s+Duration\s+Counted\s+Cause/);
  });

  it('rejects with the font error when the configured font is missing', async () => {
    await expect(renderPdf(ggzyMarch2026(), 'zh-CN', { font: { file: '/nonexistent/cjk.ttf' } })).rejects.toThrow(CjkFontError);
  });

  it('names the packages to install when no CJK font exists', () => {
    expect(() => findCjkFont(undefined, [{ file: '/nonexistent/font.ttc', face: 'X' }], false)).toThrow(CjkFontError);
    expect(() => findCjkFont(undefined, [], false)).toThrow(/fonts-wqy-microhei.*fonts-noto-cjk.*reports\.font_file/);
    expect(() => findCjkFont({ file: '/nonexistent/x.ttf' })).toThrow(/reports\.font_file \/nonexistent\/x\.ttf does not exist/);
    expect(() => findCjkFont({ file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' })).toThrow(/reports\.font_face/);
  });

  it('uses a configured font and finds one through fontconfig when the known paths are absent', () => {
    expect(findCjkFont({ file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' })).toEqual({ file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' });
    const viaFc = findCjkFont(undefined, []);
    expect(viaFc.file).toMatch(/\.(ttc|ttf|otf)$/);
    if (viaFc.file.endsWith('.ttc')) expect(viaFc.face).toBeTruthy();
  });
});
