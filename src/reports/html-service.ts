import type { ServiceReport } from '../sla/report-model.ts';
import type { Lang } from '../text/lang.ts';
import { CATEGORY_TEXT, type ReportText } from '../text/reports.ts';
import { esc, hms, localTime, nameIn, pct, pctPlain } from './format.ts';
import { dailyBarsSvg } from './svg.ts';

const yesNo = (v: boolean, t: ReportText) => `<span class="${v ? 'ok' : 'bad'}">${v ? t.yes : t.no}</span>`;
const dur = (s: number, t: ReportText) => `${hms(s)} <span class="muted">(${s} ${t.seconds})</span>`;

/** The availability figure as printed: 3 decimals, or "not measurable". */
export const availabilityText = (s: ServiceReport, t: ReportText): string =>
  s.availability_percent === null ? t.notMeasurable : pct(s.availability_percent);

/** One service's section: figures, daily bars, outages, maintenance, incidents. */
export function serviceSection(s: ServiceReport, lang: Lang, t: ReportText, offset: string): string {
  const name = nameIn(s.name, lang, '');
  const figures: Array<[string, number]> = [
    [t.scheduled, s.scheduled_seconds], [t.up, s.up_seconds], [t.down, s.down_seconds],
    [t.maintenance, s.maintenance_seconds], [t.unknown, s.unknown_seconds],
  ];
  return `<section class="service" id="service-${esc(s.id)}">
<h3>${esc(s.id)}${name ? ` · ${esc(name)}` : ''} <span class="muted">(${esc(CATEGORY_TEXT[lang][s.category] ?? s.category)})</span></h3>
<table class="figures"><thead><tr><th></th><th>${t.figure}</th><th>${t.exact}</th></tr></thead><tbody>
${figures.map(([label, v]) => `<tr><th>${label}</th><td class="num">${hms(v)}</td><td class="num">${v}</td></tr>`).join('\n')}
</tbody></table>
<table class="verdict"><tbody>
<tr><th>${t.availability}</th><td class="num">${availabilityText(s, t)}</td><th>${t.target}</th><td class="num">${pctPlain(s.target_percent)}</td></tr>
<tr><th>${t.met}</th><td>${yesNo(s.met, t)}</td><th>${t.credit}</th><td class="num">${pctPlain(s.credit_percent)}</td></tr>
<tr><th>${t.coverage}</th><td class="num">${pct(s.coverage_percent)}</td><th>${t.unknownPolicy}</th><td>${t.policy[s.unknown_policy]}</td></tr>
</tbody></table>
${s.daily?.length ? `<h4>${t.daily}</h4>${dailyBarsSvg(s, t)}` : ''}
<h4>${t.outages} (${s.outages.length})</h4>
${s.outages.length === 0 ? `<p class="muted">${t.noOutages}</p>` : `<table class="outages"><thead><tr><th>${t.start}</th><th>${t.end}</th><th>${t.duration}</th><th>${t.counted}</th><th>${t.cause}</th></tr></thead><tbody>
${s.outages.map((o) => `<tr><td>${esc(localTime(o.start, offset))}</td><td>${esc(localTime(o.end, offset))}</td><td class="num">${dur(o.seconds, t)}</td><td>${o.counted ? t.countedYes : `<span class="muted">${t.countedNo}</span>`}</td><td>${esc(o.reason)}</td></tr>`).join('\n')}
</tbody></table>`}
<h4>${t.maintenanceTitle} (${s.maintenance.length})</h4>
${s.maintenance.length === 0 ? `<p class="muted">${t.noMaintenance}</p>` : `<table class="maintenance"><thead><tr><th>${t.start}</th><th>${t.end}</th><th>${t.ticket}</th><th>${t.approvedBy}</th></tr></thead><tbody>
${s.maintenance.map((m) => `<tr><td>${esc(localTime(m.start, offset))}</td><td>${esc(localTime(m.end, offset))}</td><td>${esc(m.ticket)}</td><td>${esc(m.approved_by)}</td></tr>`).join('\n')}
</tbody></table>`}
<h4>${t.incidents} (${s.incidents.length})</h4>
${incidentTable(s, t)}
</section>`;
}

function incidentTable(s: ServiceReport, t: ReportText): string {
  if (s.incidents.length === 0) return `<p class="muted">${t.noIncidents}</p>`;
  const acked = s.incidents.filter((i) => i.ack_met).length;
  const restored = s.incidents.filter((i) => i.restore_met).length;
  const time = (v: number | null) => (v === null ? `<span class="bad">${t.never}</span>` : dur(v, t));
  return `<table class="incidents"><thead><tr><th>${t.incident}</th><th>${t.level}</th><th>${t.ack}</th><th>${t.ackMet}</th><th>${t.restore}</th><th>${t.restoreMet}</th></tr></thead><tbody>
${s.incidents.map((i) => `<tr><td>${esc(i.id)}</td><td class="num">${i.level}</td><td class="num">${time(i.ack_seconds)}</td><td>${yesNo(i.ack_met, t)}</td><td class="num">${time(i.restore_seconds)}</td><td>${yesNo(i.restore_met, t)}</td></tr>`).join('\n')}
<tr><th colspan="3"></th><td class="num">${t.share(acked, s.incidents.length)}</td><td></td><td class="num">${t.share(restored, s.incidents.length)}</td></tr>
</tbody></table>`;
}
