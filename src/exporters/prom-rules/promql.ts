import type { z } from 'zod';
import type { matcherSchema } from '../../rules/schema.ts';

type Matcher = z.output<typeof matcherSchema>;

/** A PromQL selector `metric{label="value",...}` from a rule pack's matchers. */
export function selector(metric: string, match: readonly Matcher[] = []): string {
  if (match.length === 0) return metric;
  return `${metric}{${match.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(',')}}`;
}

/** Alertmanager matcher strings (`label="value"`) from a rule pack's matchers. */
export function amMatchers(match: readonly Matcher[]): string[] {
  return match.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`);
}

/** The active alerts (pending or firing) of one alert rule, as Prometheus records them. */
export function alertsOf(alertname: string, state?: 'firing'): string {
  return `ALERTS{alertname=${JSON.stringify(alertname)}${state === undefined ? '' : `,alertstate="${state}"`}}`;
}

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const EXPR = /^(\$value|\$labels\.([a-zA-Z_][a-zA-Z0-9_]*))(?:\s*\|\s*([a-z]+))?$/;
const VALUE_FORMAT: Readonly<Record<string, string>> = {
  number: '{{ printf "%.2f" $value }}',
  percent: '{{ $value | humanizePercentage }}',
  seconds: '{{ $value | humanizeDuration }}',
  bytes: '{{ $value | humanize1024 }}B',
};

/** A slaguard template in Prometheus' template syntax: `{{ $value | percent }}` → `{{ $value | humanizePercentage }}`. */
export function promTemplate(text: string): string {
  return text.replace(PLACEHOLDER, (whole, expr: string) => {
    const m = EXPR.exec(expr);
    if (m === null) return whole;
    if (m[2] !== undefined) return `{{ $labels.${m[2]} }}`;
    return m[3] === undefined ? '{{ $value }}' : (VALUE_FORMAT[m[3]] ?? '{{ $value }}');
  });
}
