import type { Logger } from '../log.ts';
import type { Outbox } from '../notify/types.ts';
import type { AgencyReport } from '../sla/report-model.ts';
import type { ReportsConfig } from './config.ts';
import { renderReportFiles } from './files.ts';
import type { Clock } from '../clock.ts';
import { MonthlyReportRun, type ReportAgency } from './monthly-run.ts';
import type { RollupStore } from './rollup-store.ts';
import { utilisationSection } from './utilisation.ts';

/** What the daemon gives the monthly run: the SLA engine's report, the CSV renderer, the outbox. */
export interface MonthlyReportDeps {
  agencies: () => readonly ReportAgency[];
  /** The SLA engine's report of an agency's month (what `slaguard report --format json` writes). */
  report: (agency: ReportAgency, month: string) => Promise<AgencyReport> | AgencyReport;
  csv?: (report: AgencyReport) => string;
  rollups: RollupStore;
  outbox: Outbox;
  clock?: Clock;
  logger?: Logger;
}

/**
 * The daemon's monthly run from the `reports:` config: each agency's report rendered in the configured
 * formats with its resource-utilisation section, written and e-mailed. Undefined when `schedule.enabled` is false.
 */
export function monthlyReportRun(config: ReportsConfig, deps: MonthlyReportDeps): MonthlyReportRun | undefined {
  if (!config.schedule.enabled) return undefined;
  return new MonthlyReportRun({
    agencies: deps.agencies,
    outbox: deps.outbox,
    outDir: config.outDir,
    at: config.schedule.at,
    lang: config.schedule.lang,
    receiver: config.schedule.receiver,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    generate: async (agency, month) =>
      renderReportFiles(await deps.report(agency, month), {
        formats: config.schedule.formats,
        lang: config.schedule.lang,
        font: config.font,
        utilisation: utilisationSection(month, deps.rollups.monthly(agency.id, month), config.idleRule),
        ...(deps.csv ? { csv: deps.csv } : {}),
      }),
  });
}
