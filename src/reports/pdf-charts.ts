/// <reference types="pdfkit" />
import type { AgencyReport, ServiceReport } from '../sla/report-model.ts';
import type { ReportText } from '../text/reports.ts';
import { ensureRoom } from './pdf-table.ts';
import { dailyAvailability } from './svg.ts';

const COLORS = { up: '#2e7d32', down: '#c62828', notCounted: '#ef9a00', maintenance: '#1565c0', unknown: '#9e9e9e', grid: '#cfd8dc' } as const;

/** The daily availability bars of one service (as the HTML's SVG draws them), at the current position. */
export function pdfDailyBars(doc: PDFKit.PDFDocument, s: ServiceReport, t: ReportText): void {
  const days = s.daily ?? [];
  if (days.length === 0) return;
  const H = 70;
  ensureRoom(doc, H + 24);
  doc.fontSize(9).fillColor('#111111').text(t.daily);
  const values = days.map((d) => dailyAvailability(d, s.unknown_policy));
  const floor = Math.max(0, Math.floor(Math.min(s.target_percent - 1, ...values.filter((v): v is number => v !== null))));
  const left = doc.page.margins.left + 36;
  const width = doc.page.width - doc.page.margins.right - left;
  const top = doc.y + 2;
  const plotH = H - 14;
  const y = (v: number) => top + plotH - ((v - floor) / (100 - floor)) * plotH;
  const step = width / days.length;
  doc.save().lineWidth(0.5).strokeColor(COLORS.grid).moveTo(left, top).lineTo(left + width, top).moveTo(left, top + plotH).lineTo(left + width, top + plotH).stroke().restore();
  doc.fontSize(6.5).fillColor('#444444');
  doc.text('100%', doc.page.margins.left, top - 3, { width: 32, align: 'right', lineBreak: false });
  doc.text(`${floor}%`, doc.page.margins.left, top + plotH - 4, { width: 32, align: 'right', lineBreak: false });
  days.forEach((d, i) => {
    const v = values[i]!;
    const x = left + i * step + 0.5;
    const yy = v === null ? top + plotH - 1.5 : Math.min(y(v), top + plotH - 1.5);
    const color = v === null ? COLORS.unknown : v >= s.target_percent ? COLORS.up : COLORS.down;
    doc.save().rect(x, yy, Math.max(0.5, step - 1), top + plotH - yy).fill(color).restore();
    if (i % 5 === 0 || i === days.length - 1) doc.fillColor('#444444').text(d.date.slice(8), x - 4, top + plotH + 2, { width: step + 8, align: 'center', lineBreak: false });
  });
  const ty = y(s.target_percent);
  doc.save().lineWidth(0.6).dash(3, { space: 2 }).strokeColor('#000000').moveTo(left, ty).lineTo(left + width, ty).stroke().undash().restore();
  doc.x = doc.page.margins.left;
  doc.y = top + H;
}

/** The month's outage timeline, one line per service (as the HTML's SVG draws it). */
export function pdfTimeline(doc: PDFKit.PDFDocument, report: AgencyReport, t: ReportText): void {
  const from = Date.parse(report.period.start);
  const to = Date.parse(report.period.end);
  const rowH = 11;
  const labelW = 90;
  const left = doc.page.margins.left + labelW;
  const width = doc.page.width - doc.page.margins.right - left;
  const x = (iso: string) => left + Math.min(1, Math.max(0, (Date.parse(iso) - from) / (to - from))) * width;
  const limit = () => doc.page.height - doc.page.margins.bottom;
  const span = (start: string, end: string, y: number, color: string) => {
    const x1 = x(start);
    doc.save().rect(x1, y + 2, Math.max(1, x(end) - x1), rowH - 4).fill(color).restore();
  };
  let y = doc.y;
  for (const s of report.services) {
    if (y + rowH > limit()) {
      doc.addPage();
      y = doc.y;
    }
    doc.fontSize(7).fillColor('#111111').text(s.id, doc.page.margins.left, y + 2, { width: labelW - 4, align: 'right', lineBreak: false, ellipsis: true });
    doc.save().lineWidth(0.5).strokeColor(COLORS.grid).moveTo(left, y + rowH / 2).lineTo(left + width, y + rowH / 2).stroke().restore();
    for (const m of s.maintenance) span(m.start, m.end, y, COLORS.maintenance);
    for (const o of s.outages) span(o.start, o.end, y, o.counted ? COLORS.down : COLORS.notCounted);
    y += rowH;
  }
  if (y + 28 > limit()) {
    doc.addPage();
    y = doc.y;
  }
  const bottom = y;
  const days = Math.round((to - from) / 86_400_000);
  doc.fontSize(6.5).fillColor('#444444');
  for (let d = 0; d <= days; d += 5) doc.text(String(d + 1), left + (d / days) * width - 6, bottom + 2, { width: 12, align: 'center', lineBreak: false });
  const legend: Array<[string, string]> = [[COLORS.down, t.legendDown], [COLORS.notCounted, t.legendNotCounted], [COLORS.maintenance, t.legendMaintenance]];
  legend.forEach(([color, label], i) => {
    doc.save().rect(left + i * 130, bottom + 13, 7, 7).fill(color).restore();
    doc.fillColor('#111111').text(label, left + i * 130 + 10, bottom + 12, { lineBreak: false });
  });
  doc.x = doc.page.margins.left;
  doc.y = bottom + 28;
}
