import type { Localized, Lang } from '../text/lang.ts';
import { ALERT_TEXTS } from '../text/alerts.ts';
import type { AlertPayload } from '../notify/types.ts';
import type { IncidentLevel } from './types.ts';

/** What a notification says about one alert. */
export interface AlertSnapshot {
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  summary: Localized;
  description: Localized;
  value: number | undefined;
  level: IncidentLevel;
  severity: 'critical' | 'warning' | 'info';
  startsAt: number;
  endsAt: number | undefined;
}

/** Alerts a notification's text describes one by one; the rest are counted (a mass outage groups thousands). */
export const LISTED_IN_TEXT = 20;
/** Alerts a notification carries as data (webhook JSON, Alertmanager); the text counts the rest. */
export const LISTED_AS_DATA = 100;

/** Times in notifications are the platform's local time. */
const TIME_ZONE = process.env.TZ || 'Asia/Shanghai';

/** A time as people read it in notifications. */
export function formatTime(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium', timeZone: TIME_ZONE }).format(ms);
}

/** The alerts a notification carries as data: the first LISTED_AS_DATA in the text's order (firing first, worst level first). */
export function listedAlerts(alerts: readonly AlertSnapshot[], lang: Lang): AlertPayload[] {
  const sorted = alerts.length <= LISTED_AS_DATA ? alerts : [...alerts].sort((a, b) => (a.status === b.status ? a.level - b.level : a.status === 'firing' ? -1 : 1)).slice(0, LISTED_AS_DATA);
  return sorted.map((a) => toPayload(a, lang));
}

/** Alertmanager's shape of an alert. */
export function toPayload(a: AlertSnapshot, lang: Lang): AlertPayload {
  return {
    fingerprint: a.fingerprint, status: a.status, labels: a.labels,
    annotations: { summary: a.summary[lang], description: a.description[lang] },
    startsAt: new Date(a.startsAt).toISOString(),
    ...(a.status === 'resolved' && a.endsAt !== undefined ? { endsAt: new Date(a.endsAt).toISOString() } : {}),
  };
}

/** Title and text of a group notification, firing alerts first (worst level first), then resolved ones. */
export function renderGroup(alerts: readonly AlertSnapshot[], lang: Lang, extra: { incident?: string; ackUrl?: string; prefix?: string }): { title: string; text: string } {
  const t = ALERT_TEXTS[lang];
  const sorted = [...alerts].sort((a, b) => (a.status === b.status ? a.level - b.level : a.status === 'firing' ? -1 : 1));
  const first = sorted[0]!;
  const firing = sorted.filter((a) => a.status === 'firing');
  const head = extra.prefix ?? (firing.length > 0 ? t.levelAlert(t.level[first.level]) : t.resolved);
  const count = firing.length > 0 ? firing.length : sorted.length;
  const title = `${head}${first.summary[lang]}${count > 1 ? ` ${t.more(count - 1)}` : ''}`;
  const blocks = sorted.slice(0, LISTED_IN_TEXT).map((a) => {
    const lines = [
      `${a.status === 'firing' ? t.levelAlert(t.level[a.level]) : t.resolved}${a.summary[lang]}`,
      a.description[lang],
      `${t.firingSince}${t.colon}${formatTime(a.startsAt, lang)}`,
    ];
    if (a.status === 'resolved' && a.endsAt !== undefined) lines.push(`${t.resolvedAt}${t.colon}${formatTime(a.endsAt, lang)}`);
    if (a.value !== undefined) lines.push(`${t.value}${t.colon}${Number.isInteger(a.value) ? a.value : a.value.toFixed(2)}`);
    lines.push(`${t.labels}${t.colon}${Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    return lines.filter((l) => l !== '').join('\n');
  });
  if (sorted.length > LISTED_IN_TEXT) {
    const rest = sorted.slice(LISTED_IN_TEXT);
    const restFiring = rest.filter((a) => a.status === 'firing').length;
    blocks.push(t.unlisted(rest.length, restFiring, rest.length - restFiring));
  }
  const tail = [extra.incident ? `${t.incident}${t.colon}${extra.incident}` : '', extra.ackUrl ? `${t.ackLink}${t.colon}${extra.ackUrl}` : ''].filter((l) => l !== '');
  return { title, text: [...blocks, ...(tail.length > 0 ? [tail.join('\n')] : [])].join('\n\n') };
}
