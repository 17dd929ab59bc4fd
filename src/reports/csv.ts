import type { AgencyReport } from '../sla/report-model.ts';
import type { Lang } from '../text/lang.ts';
import { REPORT_TEXT } from '../text/sla.ts';

const COLUMNS = [
  'agency', 'month', 'contract_version', 'service', 'category', 'target_percent', 'availability_percent', 'met', 'credit_percent',
  'scheduled_seconds', 'up_seconds', 'down_seconds', 'maintenance_seconds', 'unknown_seconds', 'unknown_policy', 'coverage_percent',
  'outages_counted', 'incidents', 'evidence_sha256',
] as const;

/** CSV (RFC 4180, CRLF, UTF-8 with BOM so spreadsheet programs read Chinese): a header in `lang`, then one row per service. */
export function renderCsv(report: AgencyReport, lang: Lang): string {
  const header = COLUMNS.map((c) => REPORT_TEXT.csv[c][lang]);
  const rows = report.services.map((s) => [
    report.agency, report.period.month, report.contract_version, s.id, s.category, s.target_percent, s.availability_percent ?? '', s.met, s.credit_percent,
    s.scheduled_seconds, s.up_seconds, s.down_seconds, s.maintenance_seconds, s.unknown_seconds, s.unknown_policy, s.coverage_percent,
    s.outages.filter((o) => o.counted).length, s.incidents.length, report.evidence_sha256,
  ]);
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(v: unknown): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
