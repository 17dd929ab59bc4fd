import { MESSAGES, type Lang, type Messages } from '../text/messages.ts';
import { renderFleetHeader } from './fleet-page.ts';
import type { FleetSelection } from './fleet-view.ts';
import type { TargetView } from './status-view.ts';
import { renderSlaSection, type SlaLiveAgency } from './page-sla.ts';
import { STARTUP_TEXT } from '../text/startup.ts';

const REFRESH_MS = 5000;
/** Times on the page are the platform's local time (contracts default to Asia/Shanghai too). */
const PAGE_TIME_ZONE = process.env.TZ || 'Asia/Shanghai';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What other parts add to the page: sections above the targets (refreshed live) and a script. */
export interface PageExtra {
  sections?: string;
  script?: string;
}

/** The whole status page: targets grouped by site, worst first; self-contained (no CDN). */
/** What the page shows besides the targets; every part is optional. */
export interface PageOptions {
  /** A large or filtered fleet: whole-fleet counts, a summary by site, filters and pages first. */
  fleet?: FleetSelection;
  /** Month-to-date SLA per agency. */
  sla?: readonly SlaLiveAgency[];
  /** Alerting's sections (above the targets) and script. */
  extra?: PageExtra;
  /** The targets are still being read: say so instead of "no targets". */
  loading?: boolean;
}

export function renderStatusPage(targets: readonly TargetView[], lang: Lang, now: number, opts: PageOptions = {}): string {
  const m = MESSAGES[lang];
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)}</title>
<noscript><meta http-equiv="refresh" content="${REFRESH_MS / 1000}"></noscript>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${esc(m.title)}</h1><a class="lang" href="?lang=${other}">${esc(m.switchLang)}</a></header>
<main id="status">${renderStatusBody(targets, lang, now, opts)}</main>
<script>
setInterval(async () => {
  try {
    const url = new URL(location.href);
    url.searchParams.set('fragment', '1');
    url.searchParams.set('lang', '${lang}');
    const res = await fetch(url, { cache: 'no-store' });
    if (res.ok) document.getElementById('status').innerHTML = await res.text();
  } catch {}
}, ${REFRESH_MS});
</script>
${opts.extra?.script ?? ''}
</body>
</html>
`;
}

/** The part of the page that the browser refreshes live. */
export function renderStatusBody(targets: readonly TargetView[], lang: Lang, now: number, opts: PageOptions = {}): string {
  const m = MESSAGES[lang];
  const { fleet, sla = [] } = opts;
  const extraSections = opts.extra?.sections ?? '';
  if (targets.length === 0 && (fleet === undefined || fleet.total === 0)) {
    return `${extraSections}<p class="${opts.loading ? 'loading' : 'empty'}">${esc(opts.loading ? STARTUP_TEXT[lang].loading : m.noTargets)}</p>${renderSlaSection(sla, lang)}`;
  }
  const count = (s: 'up' | 'down' | 'unknown') => fleet?.counts[s] ?? targets.filter((t) => t.status === s).length;
  const sites = new Map<string, TargetView[]>();
  for (const t of targets) {
    const site = t.labels.site ?? '';
    sites.set(site, [...(sites.get(site) ?? []), t]);
  }
  const order = { down: 0, unknown: 1, up: 2 } as const;
  const sections = [...sites.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, lang)))
    .map(([site, list]) => {
      const rows = [...list]
        .sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name))
        .map((t) => renderRow(t, lang, now))
        .join('\n');
      return `<section><h2>${esc(site || m.noSite)}</h2>
<table><thead><tr><th>${m.status}</th><th>${m.target}</th><th>${m.kind}</th><th>${m.lastPoll}</th><th>${m.values}</th><th>${m.reason}</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
    });
  const time = new Intl.DateTimeFormat(lang, { timeStyle: 'medium', timeZone: PAGE_TIME_ZONE }).format(now);
  return `<p class="summary">${esc(m.summary(count('up'), count('down'), count('unknown')))} · ${m.updated} ${time} (${PAGE_TIME_ZONE})</p>
${fleet ? renderFleetHeader(fleet, lang) : ''}${extraSections}${sections.join('\n')}
${renderSlaSection(sla, lang)}`;
}

function renderRow(t: TargetView, lang: Lang, now: number): string {
  const m = MESSAGES[lang];
  const values = t.values.map(({ key, value }) => `<span class="kv">${esc(key.label[lang])} <b>${esc(formatValue(value, key.format, m))}</b></span>`).join(' ');
  return `<tr class="${t.status}" data-target="${esc(t.name)}">
<td><span class="badge ${t.status}">${m[t.status]}</span>${t.since === undefined ? '' : ` <span class="since">${ago(now - t.since, m)}</span>`}</td>
<td>${esc(t.name)}</td><td>${esc(t.kind)}</td>
<td>${t.lastPollAt === undefined ? m.never : ago(now - t.lastPollAt, m)}</td>
<td>${values}</td>
<td class="reason">${t.status === 'up' ? '' : esc(t.reason)}</td></tr>`;
}

function ago(ms: number, m: Messages): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} ${m.secondsAgo}`;
  if (s < 7200) return `${Math.round(s / 60)} ${m.minutesAgo}`;
  return `${Math.round(s / 3600)} ${m.hoursAgo}`;
}

function formatValue(value: number, format: string, m: Messages): string {
  switch (format) {
    case 'percent': return `${(value * 100).toFixed(1)}%`;
    case 'seconds': return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`;
    case 'days-until': return `${Math.floor(value)} ${m.days}`;
    case 'bytes': return `${(value / 2 ** 30).toFixed(1)} GiB`;
    case 'yes-no': return value ? m.yes : m.no;
    default: return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}

const STYLE = `
body{margin:0;font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;background:#0f1720;color:#e6edf3;font-size:18px}
header{display:flex;justify-content:space-between;align-items:center;padding:12px 24px;background:#16212c}
h1{margin:0;font-size:28px}h2{font-size:22px;margin:24px 0 8px;border-bottom:1px solid #2b3a48}
a.lang{color:#8ab4f8}main{padding:0 24px 24px}.summary{font-size:20px}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #22303c}
th{color:#9fb0c0;font-weight:normal}.badge{display:inline-block;min-width:4em;text-align:center;padding:2px 8px;border-radius:4px;font-weight:bold}
.badge.up{background:#1f7a3a}.badge.down{background:#c62828}.badge.unknown{background:#7a6a1f}
tr.down td{background:#3a1518}.filter input{font-size:16px}.pages a,.filter a{color:#8ab4f8}details.sites{margin:8px 0}.kv{margin-right:14px;white-space:nowrap}.since{color:#9fb0c0;font-size:14px}.reason{color:#ffb4ab;font-size:16px}
`;
