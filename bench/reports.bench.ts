/**
 * Monthly reports at scale (issue 8): a month of per-minute status changes for 1,000 services across
 * 50 agencies; every agency's JSON and HTML report. Target: all of them in under 10 s; peak RSS reported.
 * Until the SLA engine is merged the report objects come from `reports-data.ts`; the JSON side times
 * serialising them (see the README of bench/RESULTS.md for completing it with the engine's arithmetic).
 */
import { renderHtml } from '../src/reports/html.ts';
import { renderPdf } from '../src/reports/pdf.ts';
import { syntheticReports } from './reports-data.ts';

export interface ReportsBench {
  agencies: number;
  services: number;
  outages: number;
  buildSeconds: number;
  jsonSeconds: number;
  htmlSeconds: number;
  jsonBytes: number;
  htmlBytes: number;
  pdfSecondsPerAgency: number;
  /** Peak RSS after all JSON and HTML (before any PDF). */
  peakRssMiB: number;
  peakRssWithPdfMiB: number;
}

export async function benchReports(): Promise<ReportsBench> {
  const t0 = performance.now();
  const reports = syntheticReports(50, 20);
  const t1 = performance.now();
  let jsonBytes = 0;
  for (const r of reports) jsonBytes += `${JSON.stringify(r, null, 2)}\n`.length;
  const t2 = performance.now();
  let htmlBytes = 0;
  for (const r of reports) htmlBytes += renderHtml(r, 'zh-CN').length;
  const t3 = performance.now();
  const rssHtml = process.resourceUsage().maxRSS / 1024;
  const pdfAgencies = 3;
  for (let i = 0; i < pdfAgencies; i++) await renderPdf(reports[i]!, 'zh-CN');
  const t4 = performance.now();
  return {
    agencies: reports.length,
    services: reports.reduce((n, r) => n + r.services.length, 0),
    outages: reports.reduce((n, r) => n + r.services.reduce((m, s) => m + s.outages.length, 0), 0),
    buildSeconds: (t1 - t0) / 1000,
    jsonSeconds: (t2 - t1) / 1000,
    htmlSeconds: (t3 - t2) / 1000,
    jsonBytes,
    htmlBytes,
    pdfSecondsPerAgency: (t4 - t3) / 1000 / pdfAgencies,
    peakRssMiB: rssHtml,
    peakRssWithPdfMiB: process.resourceUsage().maxRSS / 1024,
  };
}
