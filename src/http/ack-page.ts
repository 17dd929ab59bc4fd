import type { Lang } from '../text/lang.ts';
import { ALERT_TEXTS } from '../text/alerts.ts';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (lang: Lang, title: string, body: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;max-width:36em;margin:3em auto;padding:0 1em;font-size:18px}
input,button{font-size:18px;padding:6px 10px}button{background:#c62828;color:#fff;border:0;border-radius:4px}</style></head>
<body><h1>${esc(title)}</h1>${body}</body></html>
`;

/** The confirm page a signed link opens: it only shows a form; acknowledging takes the POST (so link previews do nothing). */
export function renderAckConfirm(lang: Lang, incident: { id: string; title: string }, exp: string, sig: string): string {
  const t = ALERT_TEXTS[lang];
  return page(lang, t.ackTitle, `<p><b>${esc(incident.id)}</b> ${esc(incident.title)}</p>
<form method="post">
<input type="hidden" name="exp" value="${esc(exp)}"><input type="hidden" name="sig" value="${esc(sig)}"><input type="hidden" name="lang" value="${lang}">
<p><label>${esc(t.ackName)} <input name="name" required maxlength="64" autocomplete="name"></label></p>
<p><button type="submit">${esc(t.ackConfirm)}</button></p>
</form>`);
}

/** A one-line result page (acknowledged, already acknowledged, expired, invalid). */
export function renderAckResult(lang: Lang, message: string): string {
  return page(lang, ALERT_TEXTS[lang].ackTitle, `<p>${esc(message)}</p>`);
}
