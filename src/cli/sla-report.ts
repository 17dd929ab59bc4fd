import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, formatProblem } from '../errors.ts';
import { REPORT_FORMATS } from '../reports/index.ts';
import { MissingCalendarYear, WorkCalendar } from '../sla/calendar.ts';
import { contractForMonth, contractMismatches } from '../sla/contracts.ts';
import { parseEvidence, type EvidenceLine } from '../sla/evidence.ts';
import { mergeEvidence } from '../sla/merge.ts';
import { isMonth, monthPeriod } from '../sla/period.ts';
import { defaultThreads, renderAgencies } from '../sla/report-pool.ts';
import { computeAgencyReport } from '../sla/report.ts';
import { selectColumns } from '../sla/select.ts';
import type { Lang } from '../text/lang.ts';
import { fail, loadOrExit } from './common.ts';
import { openDbOrExit, pickAgencies } from './sla-common.ts';
import type { ReportFlags } from './sla.ts';

/** `slaguard report`: writes each agency's monthly report, from the database (read-only) or from evidence files. */
export async function writeReports(f: ReportFlags): Promise<void> {
  const config = loadOrExit(f.config);
  if (!isMonth(f.month)) fail(`--month: "${f.month}" is not a month (YYYY-MM)`);
  if (f.lang !== 'zh-CN' && f.lang !== 'en') fail(`--lang: "${f.lang}" is not zh-CN or en`);
  const formats = f.format.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of formats) if (!(name in REPORT_FORMATS)) fail(`--format: unknown format "${name}" (one of ${Object.keys(REPORT_FORMATS).join(', ')})`);
  const agencies = pickAgencies(config, f.agency);
  const evidence = f.evidence ? readEvidenceFiles(f.evidence) : undefined;
  const db = evidence ? undefined : openDbOrExit(config.storage.path);
  const calendar = new WorkCalendar(config.calendar);
  const out = resolve(f.out);
  mkdirSync(out, { recursive: true });
  const progress = progressBar(agencies.length);
  if (evidence === undefined) {
    db!.close();
    const setup = { dbPath: config.storage.path, sla: config.sla, calendar: config.calendar, month: f.month, formats, lang: f.lang as Lang, out };
    const threads = f.threads === undefined ? defaultThreads(agencies.length) : Number(f.threads);
    if (!Number.isInteger(threads) || threads < 1) fail(`--threads: "${f.threads}" is not a whole number of at least 1`);
    let done = 0;
    await renderAgencies(setup, agencies, threads, (r) => {
      if (r.noContract && f.agency !== undefined) fail(`agency "${r.agency}" has no contract in force on ${f.month}-01`);
      if (r.noContract) console.error(r.error);
      else if (r.error !== undefined) fail(r.missingCalendar ? r.error : `agency "${r.agency}": ${r.error}`);
      for (const warning of r.warnings) console.error(`warning: ${warning}`);
      for (const file of r.files) console.log(file);
      progress(++done, r.agency);
    });
    return;
  }
  for (const [i, agency] of agencies.entries()) {
    const contract = contractForMonth(config.sla, agency, f.month);
    if (contract === undefined) {
      if (f.agency !== undefined) fail(`agency "${agency}" has no contract in force on ${f.month}-01`);
      console.error(`agency "${agency}": no contract in force on ${f.month}-01, no report`);
      progress(i + 1, agency);
      continue;
    }
    const selection = selectColumns(evidence, agency, new Set(contract.services.map((s) => s.id)), monthPeriod(f.month, contract.timezone));
    for (const warning of contractMismatches(evidence, contract)) console.error(`warning: ${warning}`);
    let report;
    try {
      report = computeAgencyReport({ contract, month: f.month, selection, calendar });
    } catch (err) {
      if (err instanceof MissingCalendarYear) fail(`agency "${agency}", ${f.month}: ${err.message}`);
      throw err;
    }
    for (const name of formats) {
      const format = REPORT_FORMATS[name]!;
      const file = join(out, `${agency}-${f.month}.${format.ext}`);
      writeFileSync(file, await format.render(report, f.lang as Lang));
      console.log(file);
    }
    progress(i + 1, agency);
  }
}

function readEvidenceFiles(files: string[]): EvidenceLine[] {
  try {
    return mergeEvidence(files.map((file) => parseEvidence(readFileSync(file, 'utf8'), file).lines));
  } catch (err) {
    if (err instanceof ConfigError) fail(err.problems.map(formatProblem).join('\n'));
    fail((err as Error).message);
  }
}

/** A bar on stderr when it is a terminal and there is more than one agency; silent otherwise. */
function progressBar(total: number): (done: number, label: string) => void {
  if (!process.stderr.isTTY || total < 2) return () => {};
  return (done, label) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}\x1b[K${done === total ? '\n' : ''}`);
  };
}
