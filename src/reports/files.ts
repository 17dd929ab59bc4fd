import type { AgencyReport } from '../sla/report-model.ts';
import type { Lang } from '../text/lang.ts';
import { renderHtml } from './html.ts';
import type { ReportFile } from './monthly-run.ts';
import { renderPdf } from './pdf.ts';
import type { UtilisationSection } from './utilisation.ts';

/** Formats a monthly report is written in. */
export type ReportFormat = 'json' | 'html' | 'pdf' | 'csv';

export interface ReportFilesOptions {
  formats: readonly ReportFormat[];
  lang: Lang;
  font?: { file?: string | undefined; face?: string | undefined };
  /** The agency's servers over the month; in the JSON as `resource_utilisation`. */
  utilisation?: UtilisationSection;
  /** The CSV renderer (src/reports/csv.ts of the SLA part); required when `formats` has csv. */
  csv?: (report: AgencyReport) => string;
}

/** The JSON report file's object: the report, plus `resource_utilisation` when there is one. */
export const reportJson = (report: AgencyReport, utilisation?: UtilisationSection): string =>
  `${JSON.stringify(utilisation ? { ...report, resource_utilisation: utilisation } : report, null, 2)}\n`;

/** Renders one agency's month into files named `AGENCY-YYYY-MM.EXT`, in the order of `formats`. */
export async function renderReportFiles(report: AgencyReport, opts: ReportFilesOptions): Promise<ReportFile[]> {
  const base = `${report.agency}-${report.period.month}`;
  const extras = opts.utilisation ? { utilisation: opts.utilisation } : {};
  const out: ReportFile[] = [];
  for (const format of opts.formats) {
    switch (format) {
      case 'json': out.push({ filename: `${base}.json`, content: reportJson(report, opts.utilisation), contentType: 'application/json' }); break;
      case 'html': out.push({ filename: `${base}.html`, content: renderHtml(report, opts.lang, extras), contentType: 'text/html; charset=utf-8' }); break;
      case 'pdf': out.push({ filename: `${base}.pdf`, content: await renderPdf(report, opts.lang, { font: opts.font, extras }), contentType: 'application/pdf' }); break;
      case 'csv':
        if (opts.csv === undefined) throw new Error('the csv format needs the CSV renderer (src/reports/csv.ts)');
        out.push({ filename: `${base}.csv`, content: opts.csv(report), contentType: 'text/csv; charset=utf-8' });
        break;
    }
  }
  return out;
}
