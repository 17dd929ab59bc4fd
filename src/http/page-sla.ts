import type { Lang, Localized } from '../text/lang.ts';
import { REPORT_TEXT } from '../text/reports.ts';

/** One service's month-to-date figures, as the SLA engine computes them live. */
export interface SlaLiveService {
  id: string;
  name?: Localized;
  target_percent: number;
  /** Month to date, rounded down to 3 decimals; null when nothing was measurable yet. */
  availability_percent: number | null;
  /** Downtime the contract still allows this month (seconds); negative when exceeded. */
  budget_seconds_left: number;
}

/** An agency's services, month to date. */
export interface SlaLiveAgency {
  agency: string;
  name: Localized;
  /** YYYY-MM in the agency's zone. */
  month: string;
  services: readonly SlaLiveService[];
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function hms(seconds: number): string {
  const s = Math.trunc(Math.abs(seconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The status page's SLA view: per agency, each service's month-to-date availability against target and the downtime budget left. */
export function renderSlaSection(agencies: readonly SlaLiveAgency[], lang: Lang): string {
  if (agencies.length === 0) return '';
  const t = REPORT_TEXT[lang];
  const blocks = agencies.map((a) => {
    const rows = a.services.map((s) => {
      const ok = s.availability_percent === null || s.availability_percent >= s.target_percent;
      const budget = s.budget_seconds_left >= 0 ? hms(s.budget_seconds_left) : `${t.overBudget} ${hms(s.budget_seconds_left)}`;
      return `<tr class="${ok ? 'up' : 'down'}" data-sla-service="${esc(s.id)}"><td>${esc(s.id)}${s.name ? ` · ${esc(s.name[lang])}` : ''}</td>`
        + `<td><span class="badge ${ok ? 'up' : 'down'}">${s.availability_percent === null ? t.notMeasurable : `${s.availability_percent.toFixed(3)}%`}</span></td>`
        + `<td>${s.target_percent}%</td><td class="budget">${budget}</td></tr>`;
    });
    return `<h3>${esc(a.name[lang] || a.agency)} <span class="since">${esc(a.month)}</span></h3>
<table><thead><tr><th>${t.service}</th><th>${t.availability}</th><th>${t.target}</th><th>${t.budgetLeft}</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  });
  return `<section class="sla"><h2>${t.slaView}</h2>\n${blocks.join('\n')}</section>`;
}
