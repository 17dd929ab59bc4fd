import { FLEET_TEXT } from '../text/fleet.ts';
import { MESSAGES, type Lang } from '../text/messages.ts';
import type { FleetFilter, FleetSelection } from './fleet-view.ts';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const FILTER_ORDER: readonly FleetFilter[] = ['problems', 'down', 'unknown', 'up', 'all'];
const SITE_ROWS = 50;

/** The summary of a large fleet: counts by site, filter links, search and page navigation. */
export function renderFleetHeader(sel: FleetSelection, lang: Lang): string {
  const m = MESSAGES[lang];
  const f = FLEET_TEXT[lang];
  const link = (changes: Record<string, string | number>) => {
    const params = new URLSearchParams({ lang, status: sel.status, ...(sel.q ? { q: sel.q } : {}), page: String(sel.page) });
    for (const [k, v] of Object.entries(changes)) params.set(k, String(v));
    return `?${esc(params.toString())}`;
  };
  const sites = sel.sites.slice(0, SITE_ROWS).map((s) =>
    `<tr><td><a href="${link({ q: s.site, page: 1 })}">${esc(s.site || m.noSite)}</a></td><td>${s.up}</td><td>${s.down}</td><td>${s.unknown}</td></tr>`).join('');
  const filters = FILTER_ORDER.map((k) =>
    k === sel.status ? `<b>${esc(f.filters[k])}</b>` : `<a href="${link({ status: k, page: 1 })}">${esc(f.filters[k])}</a>`).join(' · ');
  const nav = [
    sel.page > 1 ? `<a href="${link({ page: sel.page - 1 })}">${esc(f.previous)}</a>` : '',
    esc(f.showing(sel.names.length, sel.matching, sel.page, sel.pages)),
    sel.page < sel.pages ? `<a href="${link({ page: sel.page + 1 })}">${esc(f.next)}</a>` : '',
  ].filter(Boolean).join(' ');
  return `<details class="sites"${sel.sites.length <= 12 ? ' open' : ''}><summary>${esc(f.bySite)} (${sel.sites.length})</summary>
<table><thead><tr><th>${esc(f.site)}</th><th>${m.up}</th><th>${m.down}</th><th>${m.unknown}</th></tr></thead><tbody>${sites}</tbody></table></details>
<form class="filter" method="get"><input type="hidden" name="lang" value="${lang}"><input type="hidden" name="status" value="${sel.status}">
<input name="q" value="${esc(sel.q)}" placeholder="${esc(f.search)}"> <button>${esc(f.go)}</button> ${filters}</form>
<p class="pages">${nav}</p>${sel.names.length === 0 ? `<p>${esc(f.noMatch)}</p>` : ''}`;
}
