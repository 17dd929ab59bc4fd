import type { Alert } from '../rules/types.ts';
import type { AlertingConfig } from './config.ts';
import type { IncidentLevel } from './types.ts';

/** An alert's operations-guarantee level: its `level` label when 1–4, else the config's mapping of its severity. */
export function levelOf(alert: Pick<Alert, 'severity' | 'labels'>, cfg: AlertingConfig): IncidentLevel {
  const label = Number(alert.labels.level);
  if (label === 1 || label === 2 || label === 3 || label === 4) return label;
  return cfg.severity_levels[alert.severity];
}

/** The incident group of an alert: the first `incidents.group_by` alternative whose labels it all has, else its alertname. */
export function incidentGroup(labels: Readonly<Record<string, string>>, cfg: AlertingConfig): { key: string; labels: Record<string, string> } {
  for (const alt of cfg.incidents.group_by) {
    const names = typeof alt === 'string' ? [alt] : alt;
    if (names.every((n) => labels[n] !== undefined && labels[n] !== '')) {
      const picked = Object.fromEntries(names.map((n) => [n, labels[n]!]));
      return { key: JSON.stringify(picked), labels: picked };
    }
  }
  const picked = { alertname: labels.alertname ?? '' };
  return { key: JSON.stringify(picked), labels: picked };
}
