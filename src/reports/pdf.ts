/// <reference types="pdfkit" />
import PDFDocument from 'pdfkit';
import type { AgencyReport, ServiceReport } from '../sla/report-model.ts';
import type { Lang } from '../text/lang.ts';
import { CATEGORY_TEXT, REPORT_TEXT, type ReportText } from '../text/reports.ts';
import { hms, localTime, nameIn, offsetOf, pct, pctPlain } from './format.ts';
import type { ReportExtras } from './html.ts';
import { pdfDailyBars, pdfTimeline } from './pdf-charts.ts';
import { findCjkFont, type CjkFont } from './pdf-font.ts';
import { drawTable, ensureRoom } from './pdf-table.ts';

/** How the PDF is made: the CJK font (found at run time when not given) and the extra sections. */
export interface PdfOptions {
  font?: { file?: string | undefined; face?: string | undefined } | undefined;
  extras?: ReportExtras;
}

/**
 * The monthly report of one agency as an A4 PDF with the HTML's content, its CJK font embedded
 * (subset). The same report gives the same bytes (creation date = the period's end).
 * Throws `CjkFontError` when no font covering Chinese exists.
 */
export async function renderPdf(report: AgencyReport, lang: Lang = 'zh-CN', opts: PdfOptions = {}): Promise<Buffer> {
  const font: CjkFont = findCjkFont(opts.font);
  const t = REPORT_TEXT[lang];
  const agency = nameIn(report.agency_name, lang, report.agency);
  const when = new Date(Date.parse(report.period.end));
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 48, bottom: 52, left: 42, right: 42 }, bufferPages: true, autoFirstPage: true,
    info: { Title: `${agency} ${report.period.month} ${t.title}`, Author: 'slaguard', Creator: 'slaguard', Producer: 'slaguard', CreationDate: when, ModDate: when },
    lang,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.file, font.face);
  doc.font('cjk');
  const offset = offsetOf(report.period.start);

  doc.fontSize(18).text(t.title);
  doc.moveDown(0.3).fontSize(10);
  const meta: Array<[string, string]> = [
    [t.agency, `${agency} (${report.agency})`],
    [t.period, `${report.period.month} · ${localTime(report.period.start, offset)} – ${localTime(report.period.end, offset)}`],
    [t.timezone, `${report.period.timezone} (UTC${offset === 'Z' ? '' : offset})`],
    [t.contractVersion, report.contract_version],
    [t.evidence, report.evidence_sha256],
  ];
  for (const [k, v] of meta) doc.text(`${k}${t.colon}${v}`);
  doc.fontSize(8.5).fillColor('#555555').text(t.generated).fillColor('#111111');

  heading(doc, t.summary);
  const broken = report.services.filter((s) => !s.met).length;
  const credits = report.services.filter((s) => s.credit_percent > 0);
  doc.fontSize(10).text(broken === 0 ? t.allKept(report.services.length) : t.someBroken(broken, report.services.length));
  doc.text(credits.length === 0 ? t.noCredits : `${t.creditsOwed}${t.colon}${credits.map((s) => `${s.id} ${pctPlain(s.credit_percent)}`).join(lang === 'en' ? ', ' : '，')}`);
  doc.moveDown(0.4);
  drawTable(doc, [
    { header: t.service, weight: 3 }, { header: t.target, weight: 1.2, align: 'right' }, { header: t.availability, weight: 1.5, align: 'right' },
    { header: t.met, weight: 1.2 }, { header: t.credit, weight: 1.2, align: 'right' }, { header: t.coverage, weight: 1.5, align: 'right' },
  ], report.services.map((s) => [serviceTitle(s, lang), pctPlain(s.target_percent), availability(s, t), s.met ? t.kept : t.broken, pctPlain(s.credit_percent), pct(s.coverage_percent)]));

  heading(doc, t.timeline);
  pdfTimeline(doc, report, t);

  for (const s of report.services) serviceBlock(doc, s, lang, t, offset);
  if (opts.extras?.utilisation) utilisationBlock(doc, opts.extras.utilisation, t);
  signOff(doc, t);
  footers(doc, t);
  doc.end();
  return done;
}

const availability = (s: ServiceReport, t: ReportText) => (s.availability_percent === null ? t.notMeasurable : pct(s.availability_percent));
const serviceTitle = (s: ServiceReport, lang: Lang) => (s.name ? `${s.id} · ${nameIn(s.name, lang, s.id)}` : s.id);
const dur = (v: number, t: ReportText) => `${hms(v)} (${v} ${t.seconds})`;

function heading(doc: PDFKit.PDFDocument, text: string, size = 13): void {
  ensureRoom(doc, size * 5);
  doc.moveDown(0.6).fontSize(size).fillColor('#111111').text(text, doc.page.margins.left);
  const y = doc.y + 1;
  doc.save().lineWidth(size > 12 ? 1 : 0.5).moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).stroke().restore();
  doc.y = y + 4;
}

function serviceBlock(doc: PDFKit.PDFDocument, s: ServiceReport, lang: Lang, t: ReportText, offset: string): void {
  ensureRoom(doc, 200);
  heading(doc, `${serviceTitle(s, lang)} (${CATEGORY_TEXT[lang][s.category] ?? s.category})`, 12);
  const figures: Array<[string, number]> = [[t.scheduled, s.scheduled_seconds], [t.up, s.up_seconds], [t.down, s.down_seconds], [t.maintenance, s.maintenance_seconds], [t.unknown, s.unknown_seconds]];
  drawTable(doc, [{ header: '', weight: 2 }, { header: t.figure, weight: 1.5, align: 'right' }, { header: t.exact, weight: 1.5, align: 'right' }],
    figures.map(([label, v]) => [label, hms(v), String(v)]));
  drawTable(doc, [{ header: t.availability, weight: 1, align: 'right' }, { header: t.target, weight: 1, align: 'right' }, { header: t.met, weight: 1 }, { header: t.credit, weight: 1, align: 'right' }, { header: t.coverage, weight: 1, align: 'right' }, { header: t.unknownPolicy, weight: 1.2 }],
    [[availability(s, t), pctPlain(s.target_percent), s.met ? t.yes : t.no, pctPlain(s.credit_percent), pct(s.coverage_percent), t.policy[s.unknown_policy]]]);
  pdfDailyBars(doc, s, t);
  subheading(doc, `${t.outages} (${s.outages.length})`);
  if (s.outages.length === 0) doc.fontSize(9).text(t.noOutages);
  else drawTable(doc, [{ header: t.start, weight: 1.6 }, { header: t.end, weight: 1.6 }, { header: t.duration, weight: 1.6, align: 'right' }, { header: t.counted, weight: 1.2 }, { header: t.cause, weight: 2.6 }],
    s.outages.map((o) => [localTime(o.start, offset), localTime(o.end, offset), dur(o.seconds, t), o.counted ? t.countedYes : t.countedNo, o.reason]));
  subheading(doc, `${t.maintenanceTitle} (${s.maintenance.length})`);
  if (s.maintenance.length === 0) doc.fontSize(9).text(t.noMaintenance);
  else drawTable(doc, [{ header: t.start, weight: 1.5 }, { header: t.end, weight: 1.5 }, { header: t.ticket, weight: 1.5 }, { header: t.approvedBy, weight: 1.5 }],
    s.maintenance.map((m) => [localTime(m.start, offset), localTime(m.end, offset), m.ticket, m.approved_by]));
  subheading(doc, `${t.incidents} (${s.incidents.length})`);
  if (s.incidents.length === 0) doc.fontSize(9).text(t.noIncidents);
  else {
    const time = (v: number | null) => (v === null ? t.never : dur(v, t));
    const rows = s.incidents.map((i) => [i.id, String(i.level), time(i.ack_seconds), i.ack_met ? t.yes : t.no, time(i.restore_seconds), i.restore_met ? t.yes : t.no]);
    rows.push(['', '', '', t.share(s.incidents.filter((i) => i.ack_met).length, s.incidents.length), '', t.share(s.incidents.filter((i) => i.restore_met).length, s.incidents.length)]);
    drawTable(doc, [{ header: t.incident, weight: 1.3 }, { header: t.level, weight: 0.6, align: 'right' }, { header: t.ack, weight: 1.6, align: 'right' }, { header: t.ackMet, weight: 0.9 }, { header: t.restore, weight: 1.6, align: 'right' }, { header: t.restoreMet, weight: 0.9 }], rows);
  }
}

function subheading(doc: PDFKit.PDFDocument, text: string): void {
  ensureRoom(doc, 48);
  doc.moveDown(0.3).fontSize(10).fillColor('#111111').text(text, doc.page.margins.left);
  doc.moveDown(0.2);
}

function utilisationBlock(doc: PDFKit.PDFDocument, u: NonNullable<ReportExtras['utilisation']>, t: ReportText): void {
  heading(doc, t.utilisation);
  doc.fontSize(8.5).fillColor('#555555').text(t.idleRule(u.idle_rule.cpu_average_below * 100, u.idle_rule.cpu_peak_below * 100)).fillColor('#111111').moveDown(0.3);
  if (u.servers.length === 0) {
    doc.fontSize(9).text(t.noServers);
    return;
  }
  const r = (f: { average: number; peak: number } | null, k: 'average' | 'peak') => (f === null ? '–' : `${(f[k] * 100).toFixed(1)}%`);
  drawTable(doc, [
    { header: t.server, weight: 2.2 },
    { header: `${t.cpu} ${t.average}`, weight: 1, align: 'right' }, { header: `${t.cpu} ${t.peak}`, weight: 1, align: 'right' },
    { header: `${t.memory} ${t.average}`, weight: 1, align: 'right' }, { header: `${t.memory} ${t.peak}`, weight: 1, align: 'right' },
    { header: `${t.storage} ${t.average}`, weight: 1, align: 'right' }, { header: `${t.storage} ${t.peak}`, weight: 1, align: 'right' },
    { header: t.samples, weight: 0.9, align: 'right' }, { header: t.idle, weight: 0.7 },
  ], u.servers.map((s) => [s.target, r(s.cpu, 'average'), r(s.cpu, 'peak'), r(s.memory, 'average'), r(s.memory, 'peak'), r(s.storage, 'average'), r(s.storage, 'peak'), String(s.cpu?.samples ?? 0), s.idle ? t.idle : '']));
}

function signOff(doc: PDFKit.PDFDocument, t: ReportText): void {
  ensureRoom(doc, 190);
  heading(doc, t.signOff);
  const left = doc.page.margins.left;
  const w = (doc.page.width - left - doc.page.margins.right - 20) / 2;
  const top = doc.y + 4;
  [t.provider, t.customer].forEach((who, i) => {
    const x = left + i * (w + 20);
    doc.save().lineWidth(0.5).rect(x, top, w, 140).stroke().restore();
    doc.fontSize(11).text(who, x + 8, top + 8, { width: w - 16 });
    [t.signature, t.seal, t.date].forEach((label, j) => {
      const y = top + 40 + j * 32;
      doc.fontSize(10).text(`${label}${t.colon}`, x + 8, y, { width: 60, lineBreak: false });
      doc.save().lineWidth(0.5).moveTo(x + 70, y + 12).lineTo(x + w - 10, y + 12).stroke().restore();
    });
  });
  doc.x = left;
  doc.y = top + 150;
}

function footers(doc: PDFKit.PDFDocument, t: ReportText): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor('#666666').text(t.page(i + 1, range.count), doc.page.margins.left, doc.page.height - 32, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
