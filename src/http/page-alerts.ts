import type { StoredIncident } from '../alerting/incident-store.ts';
import { formatMatcher } from '../alerting/matcher-text.ts';
import type { Alerting, AlertView } from '../alerting/service.ts';
import type { EventLog } from '../store/event-log.ts';
import type { PageExtra } from './status-page.ts';
import type { MaintenanceOccurrence } from '../alerting/types.ts';
import type { StoredEvent } from '../store/event-log.ts';
import type { Lang } from '../text/lang.ts';
import { ALERT_TEXTS, type AlertTexts } from '../text/alerts.ts';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const PAGE_TIME_ZONE = process.env.TZ || 'Asia/Shanghai';

/** What the status page's alert sections show. */
export interface AlertsPageData {
  alerts: AlertView[];
  incidents: StoredIncident[];
  maintenance: MaintenanceOccurrence[];
  traps: StoredEvent[];
}

/** The status page's alerting sections and script, read from alerting and the event log at each render. */
export function alertsPageExtra(alerting: Alerting, events: EventLog): (lang: Lang, now: number) => PageExtra {
  return (lang, now) => ({
    sections: renderAlertSections({
      alerts: alerting.alertViews(), incidents: alerting.store.open(), maintenance: alerting.maintenance.activeAt(alerting.now()),
      traps: events.recent(50).filter((e) => e.source === 'snmp-trap').slice(0, 10),
    }, lang, now),
    script: alertsPageScript(lang),
  });
}

/** Firing alerts by level (worst first), open incidents with age and an acknowledge button, maintenance in progress, latest traps. */
export function renderAlertSections(d: AlertsPageData, lang: Lang, now: number): string {
  const t = ALERT_TEXTS[lang];
  const time = (ms: number) => new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short', timeZone: PAGE_TIME_ZONE }).format(ms);
  const firing = d.alerts.filter((a) => a.state === 'firing').sort((a, b) => a.level - b.level || (a.firedAt ?? 0) - (b.firedAt ?? 0));
  const alertRows = firing.map((a) => `<tr class="lvl${a.level}" data-alert="${esc(a.fingerprint)}"><td><span class="badge lvl${a.level}">${esc(t.level[a.level])}</span></td>
<td>${esc(a.summary[lang])}${markers(a, t)}</td><td>${esc(a.labels.target ?? '')}</td><td>${age(now - (a.firedAt ?? a.activeAt), lang)}</td></tr>`).join('\n');
  const incidentRows = d.incidents.map((i) => `<tr data-incident="${esc(i.id)}"><td><span class="badge lvl${i.level}">${esc(t.level[i.level])}</span></td>
<td>${esc(i.id)} ${esc(i.title)}</td><td>${age(now - i.openedAt, lang)}</td><td>${incidentState(i, t)}</td></tr>`).join('\n');
  const windowRows = d.maintenance.map((o) => `<tr data-window="${esc(o.windowId)}"><td>${esc(o.windowId)}</td><td>${esc(o.ticket)}</td>
<td>${esc(o.matchers.map(formatMatcher).join(', '))}</td><td>${time(o.end)}</td></tr>`).join('\n');
  const trapRows = d.traps.map((e) => `<tr><td>${time(e.at)}</td><td>${esc(e.target ?? '')}</td><td>${esc(e.summary)}</td></tr>`).join('\n');
  const section = (id: string, title: string, head: string[], rows: string, empty: string) => `<div class="alerting" id="${id}"><h2>${esc(title)}</h2>
${rows === '' ? `<p class="empty">${esc(empty)}</p>` : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`}</div>`;
  return [
    section('alerts', t.sectionAlerts, [t.level[0] || 'Level', t.alert, t.target, t.age], alertRows, t.noAlerts),
    section('incidents', t.sectionIncidents, ['', t.incident, t.age, t.state], incidentRows, t.noIncidents),
    section('maintenance', t.sectionMaintenance, ['ID', t.ticket, t.scope, t.until], windowRows, t.noMaintenance),
    section('traps', t.sectionTraps, [t.at, t.target, t.summary], trapRows, t.noTraps),
  ].join('\n');
}

function markers(a: AlertView, t: AlertTexts): string {
  const m: string[] = [];
  if (a.inMaintenance !== null) m.push(`<span class="mark maint">${esc(t.inMaintenance)}</span>`);
  if (a.flapping) m.push(`<span class="mark flap">${esc(t.flapping)}</span>`);
  if (a.suppressedBy !== undefined) m.push(`<span class="mark supp">${esc(t.suppressed)}</span>`);
  return m.length > 0 ? ` ${m.join(' ')}` : '';
}

function incidentState(i: StoredIncident, t: AlertTexts): string {
  if (i.restoredAt !== null) return esc(t.restored);
  if (i.acknowledgedAt !== null) return `${esc(t.acknowledged)} (${esc(i.acknowledgedBy ?? '')})`;
  return `<button class="ack" data-ack="${esc(i.id)}">${esc(t.acknowledge)}</button>`;
}

function age(ms: number, lang: Lang): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(min / 60);
  if (lang === 'en') return h > 0 ? `${h} h ${min % 60} min` : `${min} min`;
  return h > 0 ? `${h} 小时 ${min % 60} 分` : `${min} 分钟`;
}

/** The page's script for the acknowledge buttons: asks once for an operator token and keeps it in sessionStorage only. */
export function alertsPageScript(lang: Lang): string {
  const t = ALERT_TEXTS[lang];
  return `<script>
document.addEventListener('click', async (ev) => {
  const b = ev.target.closest && ev.target.closest('button[data-ack]');
  if (!b) return;
  let token = sessionStorage.getItem('slaguard-token');
  if (!token) { token = prompt(${JSON.stringify(t.tokenPrompt)}); if (!token) return; sessionStorage.setItem('slaguard-token', token); }
  const res = await fetch('/api/incidents/' + encodeURIComponent(b.dataset.ack) + '/ack', { method: 'POST', headers: { authorization: 'Bearer ' + token } });
  if (res.status === 401 || res.status === 403) { sessionStorage.removeItem('slaguard-token'); alert((await res.json()).message); return; }
  if (res.ok) b.replaceWith(${JSON.stringify(t.acknowledged)});
});
</script>
<style>.badge.lvl1{background:#c62828}.badge.lvl2{background:#d84315}.badge.lvl3{background:#a86b00}.badge.lvl4{background:#455a64}
.mark{font-size:14px;padding:1px 6px;border-radius:3px;margin-left:6px;background:#37474f}.mark.maint{background:#1565c0}.mark.flap{background:#6a1b9a}
button.ack{font-size:16px;padding:4px 12px;background:#c62828;color:#fff;border:0;border-radius:4px;cursor:pointer}.empty{color:#9fb0c0}</style>`;
}
