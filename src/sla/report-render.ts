import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_FORMATS } from '../reports/index.ts';
import type { Db } from '../store/db.ts';
import type { Lang } from '../text/lang.ts';
import { MissingCalendarYear, WorkCalendar } from './calendar.ts';
import type { CalendarConfig } from './calendar.ts';
import type { SlaConfig } from './config.ts';
import { contractForMonth, contractMismatches } from './contracts.ts';
import { readAgencySelection } from './ledger-read.ts';
import { computeAgencyReport } from './report.ts';

/** What every job of a run shares: the database (read-only), contracts, calendar, formats. */
export interface RenderSetup {
  dbPath: string;
  sla: SlaConfig;
  calendar: CalendarConfig;
  month: string;
  formats: readonly string[];
  lang: Lang;
  /** Directory the files are written into; without it nothing is written (the bench). */
  out?: string | undefined;
}

/** One agency's report to compute and render. */
export interface RenderJob {
  agency: string;
}

/** What one agency's job gave: files written (in format order), warnings, sizes and CPU seconds. */
export interface RenderResult {
  agency: string;
  files: string[];
  warnings: string[];
  bytes: Record<string, number>;
  cpu: { compute: number } & Record<string, number>;
  outages: number;
  /** Set when the report could not be computed (no contract in force, a calendar year missing). */
  error?: string;
  missingCalendar?: boolean;
  noContract?: boolean;
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

const calendars = new WeakMap<CalendarConfig, WorkCalendar>();

/** Computes one agency's report from the ledger and renders it in every format of the run. */
export async function renderAgency(db: Db, setup: RenderSetup, job: RenderJob): Promise<RenderResult> {
  const r: RenderResult = { agency: job.agency, files: [], warnings: [], bytes: {}, cpu: { compute: 0 }, outages: 0 };
  const contract = contractForMonth(setup.sla, job.agency, setup.month);
  if (contract === undefined) return { ...r, error: `agency "${job.agency}": no contract in force on ${setup.month}-01, no report`, noContract: true };
  let calendar = calendars.get(setup.calendar);
  if (calendar === undefined) calendars.set(setup.calendar, (calendar = new WorkCalendar(setup.calendar)));
  const c0 = cpuNow();
  const selection = readAgencySelection(db, setup.sla, job.agency, setup.month)!;
  r.warnings = contractMismatches(selection.other, contract);
  let report;
  try {
    report = computeAgencyReport({ contract, month: setup.month, selection, calendar });
  } catch (err) {
    if (err instanceof MissingCalendarYear) return { ...r, error: `agency "${job.agency}", ${setup.month}: ${err.message}`, missingCalendar: true };
    throw err;
  }
  r.cpu.compute = cpuNow() - c0;
  r.outages = report.services.reduce((n, s) => n + s.outages.length, 0);
  for (const name of setup.formats) {
    const format = REPORT_FORMATS[name]!;
    const c1 = cpuNow();
    const body = await format.render(report, setup.lang);
    r.bytes[name] = body.length;
    if (setup.out !== undefined) {
      const file = join(setup.out, `${job.agency}-${setup.month}.${format.ext}`);
      writeFileSync(file, body);
      r.files.push(file);
    }
    r.cpu[name] = cpuNow() - c1;
  }
  return r;
}
