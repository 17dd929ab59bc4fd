import type { Lang, Localized } from '../text/lang.ts';
import { ALERT_TEXT } from '../text/alerts.ts';

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const EXPR = /^(\$value|\$labels\.([a-zA-Z_][a-zA-Z0-9_]*))(?:\s*\|\s*([a-z]+))?$/;

const trim = (x: number, digits: number) => Number(x.toFixed(digits)).toString();

/** Formatting helpers a template may pipe a value through: `{{ $value | percent }}`. */
export const FORMATTERS: Readonly<Record<string, (x: number, lang: Lang) => string>> = {
  number: (x) => trim(x, 2),
  percent: (x) => `${trim(x * 100, 1)}%`,
  seconds: (x, lang) => {
    const u = ALERT_TEXT[lang].units;
    const abs = Math.abs(x);
    if (abs >= 86_400) return `${trim(x / 86_400, 1)} ${u.d}`;
    if (abs >= 3_600) return `${trim(x / 3_600, 1)} ${u.h}`;
    if (abs >= 60) return `${trim(x / 60, 1)} ${u.m}`;
    return `${trim(x, 1)} ${u.s}`;
  },
  bytes: (x) => {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    let v = x;
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return `${trim(v, 1)} ${units[i]}`;
  },
};

/** Problems in one template (unknown placeholders or helpers); empty when it is fine. */
export function checkTemplate(text: string): string[] {
  const problems: string[] = [];
  for (const [, expr] of text.matchAll(PLACEHOLDER)) {
    const m = EXPR.exec(expr!);
    if (m === null) problems.push(`"{{ ${expr} }}" is not a placeholder; use {{ $value }} or {{ $labels.NAME }}, optionally "| ${Object.keys(FORMATTERS).join(' | ')}"`);
    else if (m[3] !== undefined && !(m[3] in FORMATTERS)) problems.push(`unknown format "${m[3]}" in "{{ ${expr} }}"; known: ${Object.keys(FORMATTERS).join(', ')}`);
  }
  return problems;
}

/** Renders a checked template; a missing label prints as empty, a missing value as "n/a"/"无". */
export function render(text: string, lang: Lang, labels: Readonly<Record<string, string>>, value: number | undefined): string {
  return text.replace(PLACEHOLDER, (whole, expr: string) => {
    const m = EXPR.exec(expr);
    if (m === null) return whole;
    const format = m[3];
    if (m[2] !== undefined) {
      const raw = labels[m[2]] ?? '';
      const n = Number(raw);
      return format !== undefined && raw !== '' && Number.isFinite(n) ? FORMATTERS[format]!(n, lang) : raw;
    }
    if (value === undefined) return ALERT_TEXT[lang].noValue;
    return FORMATTERS[format ?? 'number']!(value, lang);
  });
}

/** Renders a template given in both languages. */
export function renderLocalized(text: Localized, labels: Readonly<Record<string, string>>, value: number | undefined): Localized {
  return { 'zh-CN': render(text['zh-CN'], 'zh-CN', labels, value), en: render(text.en, 'en', labels, value) };
}
