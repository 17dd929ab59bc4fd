import type { AgencyReport, ServiceReport } from '../sla/report-model.ts';
import type { ReportText } from '../text/reports.ts';
import { esc, pct } from './format.ts';

const W = 680;
const COLORS = { up: '#2e7d32', down: '#c62828', notCounted: '#ef9a00', maintenance: '#1565c0', unknown: '#9e9e9e', grid: '#cfd8dc' } as const;

type Day = NonNullable<ServiceReport['daily']>[number];

/** A day's availability for the chart (the unknown policy applied as in the report); null when nothing was measurable. */
export function dailyAvailability(d: Day, policy: ServiceReport['unknown_policy']): number | null {
  const up = d.up_seconds + (policy === 'up' ? d.unknown_seconds : 0);
  const measured = d.scheduled_seconds - d.maintenance_seconds - (policy === 'exclude' ? d.unknown_seconds : 0);
  return measured > 0 ? (up / measured) * 100 : null;
}

/** Inline SVG: one bar per day, its height the day's availability on an axis from a floor to 100 %, a dashed target line. */
export function dailyBarsSvg(s: ServiceReport, t: ReportText): string {
  const days = s.daily ?? [];
  if (days.length === 0) return '';
  const values = days.map((d) => dailyAvailability(d, s.unknown_policy));
  const lowest = Math.min(s.target_percent - 1, ...values.filter((v): v is number => v !== null));
  const floor = Math.max(0, Math.floor(lowest));
  const H = 90, top = 8, left = 44, plotW = W - left - 4, plotH = H - top - 18;
  const y = (v: number) => top + plotH - ((v - floor) / (100 - floor)) * plotH;
  const step = plotW / days.length;
  const bars = days.map((d, i) => {
    const v = values[i]!;
    const x = left + i * step + 1;
    const tip = `${d.date}: ${v === null ? t.notMeasurable : pct(Math.floor(v * 1000) / 1000)} · ${t.down} ${d.down_seconds} ${t.seconds} · ${t.maintenance} ${d.maintenance_seconds} ${t.seconds} · ${t.unknown} ${d.unknown_seconds} ${t.seconds}`;
    if (v === null) return `<rect x="${x.toFixed(1)}" y="${top + plotH - 2}" width="${(step - 2).toFixed(1)}" height="2" fill="${COLORS.unknown}"><title>${esc(tip)}</title></rect>`;
    const yy = Math.min(y(v), top + plotH - 2);
    const color = v >= s.target_percent ? COLORS.up : COLORS.down;
    return `<rect x="${x.toFixed(1)}" y="${yy.toFixed(1)}" width="${(step - 2).toFixed(1)}" height="${(top + plotH - yy).toFixed(1)}" fill="${color}"><title>${esc(tip)}</title></rect>`;
  });
  const labels = days
    .map((d, i) => (i % 5 === 0 || i === days.length - 1 ? `<text x="${(left + i * step + step / 2).toFixed(1)}" y="${H - 4}" text-anchor="middle">${esc(d.date.slice(8))}</text>` : ''))
    .join('');
  const ty = y(s.target_percent).toFixed(1);
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(t.daily)}" xmlns="http://www.w3.org/2000/svg">
<line x1="${left}" y1="${top}" x2="${W - 4}" y2="${top}" stroke="${COLORS.grid}"/><line x1="${left}" y1="${top + plotH}" x2="${W - 4}" y2="${top + plotH}" stroke="${COLORS.grid}"/>
<text x="${left - 4}" y="${top + 4}" text-anchor="end">100%</text><text x="${left - 4}" y="${top + plotH}" text-anchor="end">${floor}%</text>
${bars.join('\n')}
<line x1="${left}" y1="${ty}" x2="${W - 4}" y2="${ty}" stroke="#000" stroke-dasharray="4 3"/><text x="${W - 6}" y="${(Number(ty) - 2).toFixed(1)}" text-anchor="end">${esc(t.target)} ${s.target_percent}%</text>
${labels}
</svg>`;
}

/** Inline SVG: the month as a line per service with its outages (counted red, not counted orange) and maintenance (blue). */
export function timelineSvg(report: AgencyReport, t: ReportText): string {
  const from = Date.parse(report.period.start);
  const to = Date.parse(report.period.end);
  const rows = report.services;
  const left = 120, rowH = 16, top = 6;
  const plotW = W - left - 4;
  const H = top + rows.length * rowH + 34;
  const x = (iso: string) => left + Math.min(1, Math.max(0, (Date.parse(iso) - from) / (to - from))) * plotW;
  const span = (start: string, end: string, row: number, color: string, tip: string) => {
    const x1 = x(start);
    const w = Math.max(1.5, x(end) - x1);
    return `<rect x="${x1.toFixed(1)}" y="${top + row * rowH + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${color}"><title>${esc(tip)}</title></rect>`;
  };
  const body = rows.map((s, i) => {
    const label = `<text x="${left - 6}" y="${top + i * rowH + rowH - 4}" text-anchor="end">${esc(s.id.length > 18 ? `${s.id.slice(0, 17)}…` : s.id)}</text>`;
    const base = `<line x1="${left}" y1="${top + i * rowH + rowH / 2}" x2="${W - 4}" y2="${top + i * rowH + rowH / 2}" stroke="${COLORS.grid}"/>`;
    const maint = s.maintenance.map((m) => span(m.start, m.end, i, COLORS.maintenance, `${t.maintenance} ${m.ticket}: ${m.start} – ${m.end}`));
    const outs = s.outages.map((o) => span(o.start, o.end, i, o.counted ? COLORS.down : COLORS.notCounted, `${o.start} – ${o.end} (${o.seconds} ${t.seconds}) ${o.reason}`));
    return [label, base, ...maint, ...outs].join('');
  });
  const days = Math.round((to - from) / 86_400_000);
  const ticks: string[] = [];
  for (let d = 0; d <= days; d += 5) {
    const xx = (left + (d / days) * plotW).toFixed(1);
    ticks.push(`<line x1="${xx}" y1="${top}" x2="${xx}" y2="${top + rows.length * rowH}" stroke="${COLORS.grid}" stroke-dasharray="2 2"/><text x="${xx}" y="${top + rows.length * rowH + 12}" text-anchor="middle">${d + 1}</text>`);
  }
  const ly = top + rows.length * rowH + 28;
  const legend = [[COLORS.down, t.legendDown], [COLORS.notCounted, t.legendNotCounted], [COLORS.maintenance, t.legendMaintenance]]
    .map(([c, label], i) => `<rect x="${left + i * 150}" y="${ly - 8}" width="10" height="10" fill="${c}"/><text x="${left + i * 150 + 14}" y="${ly}">${esc(label!)}</text>`)
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(t.timeline)}" xmlns="http://www.w3.org/2000/svg">
${ticks.join('')}
${body.join('\n')}
${legend}
</svg>`;
}
