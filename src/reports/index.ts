import type { AgencyReport } from '../sla/report-model.ts';
import type { Lang } from '../text/lang.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';

/** Renders one agency's report in one format. */
export type ReportRenderer = (report: AgencyReport, lang: Lang) => string | Buffer | Promise<string | Buffer>;

/** Report formats by name (`--format`): the file extension and the renderer. Add a format by adding an entry. */
export const REPORT_FORMATS: Record<string, { ext: string; render: ReportRenderer }> = {
  json: { ext: 'json', render: (report) => `${JSON.stringify(report, null, 2)}\n` },
  csv: { ext: 'csv', render: renderCsv },
  html: { ext: 'html', render: (report, lang) => renderHtml(report, lang) },
  pdf: { ext: 'pdf', render: async (report, lang) => (await import('./pdf.ts')).renderPdf(report, lang) },
};
