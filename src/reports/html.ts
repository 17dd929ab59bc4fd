import type { AgencyReport } from '../sla/report-model.ts';
import type { Lang } from '../text/lang.ts';
import { REPORT_TEXT, type ReportText } from '../text/reports.ts';
import { esc, localTime, nameIn, offsetOf, pct, pctPlain } from './format.ts';
import { REPORT_CSS } from './html-style.ts';
import { availabilityText, serviceSection } from './html-service.ts';
import { timelineSvg } from './svg.ts';
import type { UtilisationSection } from './utilisation.ts';

/** What a report may carry besides the SLA figures. */
export interface ReportExtras {
  /** The agency's servers over the month (item 13). */
  utilisation?: UtilisationSection;
}

/**
 * The monthly report of one agency as one self-contained HTML document (no request leaves the page:
 * CSS and SVG are inline and a Content-Security-Policy forbids anything else), laid out for A4 printing.
 * Every agency-provided text is escaped.
 */
export function renderHtml(report: AgencyReport, lang: Lang = 'zh-CN', extras: ReportExtras = {}): string {
  const t = REPORT_TEXT[lang];
  const agency = nameIn(report.agency_name, lang, report.agency);
  const offset = offsetOf(report.period.start);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(agency)} · ${esc(report.period.month)} · ${t.title}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${t.title}</h1>
<dl class="meta">
<dt>${t.agency}</dt><dd class="agency">${esc(agency)} <span class="muted">(${esc(report.agency)})</span></dd>
<dt>${t.period}</dt><dd>${esc(report.period.month)} · ${esc(localTime(report.period.start, offset))} – ${esc(localTime(report.period.end, offset))}</dd>
<dt>${t.timezone}</dt><dd>${esc(report.period.timezone)} (UTC${esc(offset === 'Z' ? '' : offset)})</dd>
<dt>${t.contractVersion}</dt><dd>${esc(report.contract_version)}</dd>
<dt>${t.evidence}</dt><dd><code class="evidence">${esc(report.evidence_sha256)}</code></dd>
</dl>
<p class="muted">${t.generated}</p>
</header>
${summarySection(report, lang, t)}
<section class="timeline"><h2>${t.timeline}</h2>${timelineSvg(report, t)}</section>
<h2>${t.service}</h2>
${report.services.map((s) => serviceSection(s, lang, t, offset)).join('\n')}
${extras.utilisation ? utilisationHtml(extras.utilisation, t) : ''}
${signOff(t)}
</body>
</html>
`;
}

function summarySection(report: AgencyReport, lang: Lang, t: ReportText): string {
  const broken = report.services.filter((s) => !s.met);
  const credits = report.services.filter((s) => s.credit_percent > 0);
  const rows = report.services.map((s) => `<tr data-service="${esc(s.id)}"><td>${esc(s.id)}${s.name ? ` · ${esc(nameIn(s.name, lang, s.id))}` : ''}</td><td class="num">${pctPlain(s.target_percent)}</td><td class="num">${availabilityText(s, t)}</td><td class="${s.met ? 'ok' : 'bad'}">${s.met ? t.kept : t.broken}</td><td class="num">${pctPlain(s.credit_percent)}</td><td class="num">${pct(s.coverage_percent)}</td></tr>`);
  return `<section class="summary"><h2>${t.summary}</h2>
<p class="conclusion">${broken.length === 0 ? t.allKept(report.services.length) : t.someBroken(broken.length, report.services.length)}
${credits.length === 0 ? t.noCredits : `${t.creditsOwed}${t.colon}${credits.map((s) => `${esc(s.id)} ${pctPlain(s.credit_percent)}`).join(lang === 'en' ? ', ' : '，')}`}</p>
<table><thead><tr><th>${t.service}</th><th>${t.target}</th><th>${t.availability}</th><th>${t.met}</th><th>${t.credit}</th><th>${t.coverage}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

/** Ratio as a percentage with one decimal, for the utilisation table. */
const ratio = (v: number) => `${(v * 100).toFixed(1)}%`;

function utilisationHtml(u: UtilisationSection, t: ReportText): string {
  const cell = (f: UtilisationSection['servers'][number]['cpu']) => (f === null ? '<td class="num muted">–</td><td class="num muted">–</td>' : `<td class="num">${ratio(f.average)}</td><td class="num">${ratio(f.peak)}</td>`);
  const rows = u.servers.map((s) => `<tr data-server="${esc(s.target)}"><td>${esc(s.target)}</td>${cell(s.cpu)}${cell(s.memory)}${cell(s.storage)}<td class="num">${s.cpu?.samples ?? 0}</td><td>${s.idle ? `<span class="bad">${t.idle}</span>` : ''}</td></tr>`);
  return `<section class="utilisation"><h2>${t.utilisation}</h2>
<p class="muted">${t.idleRule(u.idle_rule.cpu_average_below * 100, u.idle_rule.cpu_peak_below * 100)}</p>
${u.servers.length === 0 ? `<p class="muted">${t.noServers}</p>` : `<table><thead><tr><th rowspan="2">${t.server}</th><th colspan="2">${t.cpu}</th><th colspan="2">${t.memory}</th><th colspan="2">${t.storage}</th><th rowspan="2">${t.samples}</th><th rowspan="2">${t.idle}</th></tr>
<tr><th>${t.average}</th><th>${t.peak}</th><th>${t.average}</th><th>${t.peak}</th><th>${t.average}</th><th>${t.peak}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`}</section>`;
}

function signOff(t: ReportText): string {
  const party = (who: string) => `<div><h4>${who}</h4><p>${t.signature}${t.colon}<span class="line"></span></p><p>${t.seal}${t.colon}<span class="line"></span></p><p>${t.date}${t.colon}<span class="line"></span></p></div>`;
  return `<section class="signoff-block"><h2>${t.signOff}</h2><div class="signoff">${party(t.provider)}${party(t.customer)}</div></section>`;
}
