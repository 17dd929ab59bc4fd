import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config/schema.ts';
import { ConfigError, formatProblem } from '../errors.ts';
import { REPORT_FORMATS } from '../reports/index.ts';
import { fail, loadOrExit } from './common.ts';
import { evidenceDigestLines, type DigestFlags } from './evidence-digest.ts';
import { MissingCalendarYear, WorkCalendar } from '../sla/calendar.ts';
import { chainLines, verifyEvidenceText } from '../sla/chain.ts';
import { agencyIds, contractForMonth, contractMismatches } from '../sla/contracts.ts';
import { parseEvidence, type EvidenceLine } from '../sla/evidence.ts';
import { readMonthEvidence } from '../sla/ledger-read.ts';
import { defaultThreads, renderAgencies } from '../sla/report-pool.ts';
import { mergeEvidence } from '../sla/merge.ts';
import { isMonth, monthPeriod } from '../sla/period.ts';
import { selectColumns } from '../sla/select.ts';
import { computeAgencyReport } from '../sla/report.ts';
import { openDbReadOnly, type Db } from '../store/db.ts';
import type { Lang } from '../text/lang.ts';

interface ReportFlags { month: string; config: string; agency?: string; format: string; evidence?: string[]; out: string; lang: string; threads?: string }

/** `slaguard report` and `slaguard evidence export|verify` (issue 8). */
export function registerSlaCommands(program: Command): void {
  program
    .command('report')
    .description('write the monthly SLA report of each agency, from the database (read-only) or from evidence files')
    .requiredOption('-m, --month <YYYY-MM>', 'the month, in each agency\'s time zone')
    .option('-c, --config <file>', 'YAML config file (contracts)', 'slaguard.yaml')
    .option('-a, --agency <id>', 'only this agency')
    .option('-f, --format <list>', `formats separated by commas: ${Object.keys(REPORT_FORMATS).join(', ')}`, 'json')
    .option('-e, --evidence <files...>', 'compute from these evidence files (JSON Lines; several are merged as an HA pair) instead of the database')
    .option('-o, --out <dir>', 'directory to write into', '.')
    .option('-l, --lang <lang>', 'zh-CN or en', 'zh-CN')
    .option('-t, --threads <n>', 'worker threads computing agencies in parallel (default: one per core from 4 agencies on)')
    .action(async (f: ReportFlags) => {
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
    });

  const evidence = program.command('evidence').description('SLA evidence: export from the ledger, verify a file');
  evidence
    .command('export')
    .description('write the evidence of a month as hash-chained JSON Lines (reads the database read-only)')
    .requiredOption('-m, --month <YYYY-MM>', 'the month, in each agency\'s time zone')
    .option('-a, --agency <id>', 'only this agency')
    .option('-o, --out <file>', 'write here instead of standard output')
    .option('-c, --config <file>', 'YAML config file (contracts, database path)', 'slaguard.yaml')
    .action((f: { month: string; agency?: string; out?: string; config: string }) => {
      const config = loadOrExit(f.config);
      if (!isMonth(f.month)) fail(`--month: "${f.month}" is not a month (YYYY-MM)`);
      if (f.agency !== undefined) pickAgencies(config, f.agency);
      const db = openDbOrExit(config.storage.path);
      const lines = chainLines(readMonthEvidence(db, config.sla, f.month, f.agency));
      db.close();
      const text = lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length > 0 ? '\n' : '');
      if (f.out) {
        writeFileSync(f.out, text);
        console.error(`${f.out}: ${lines.length} lines, last hash ${lines[lines.length - 1]?.hash ?? 'none'}`);
      } else {
        process.stdout.write(text);
      }
    });
  evidence
    .command('verify <file>')
    .description('check an evidence file\'s hash chain (names the first bad line) and print each agency\'s evidence digest')
    .option('-c, --config <file>', 'YAML config file: each agency\'s time zone and services, for the digest (default slaguard.yaml when present)')
    .option('--timezone <zone>', 'the time zone of the digest\'s days (default: the agency\'s, from the config)')
    .action((file: string, flags: DigestFlags) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        fail(`${file}: ${(err as Error).message}`);
      }
      const result = verifyEvidenceText(text);
      if (!result.ok) fail(`${file}:${result.line}: ${result.message}`);
      console.log(result.chained
        ? `${file}: OK, ${result.lines} lines, chain intact (last hash ${result.head})`
        : `${file}: ${result.lines} lines well-formed, no chain (no hash fields): nothing to verify`);
      for (const line of evidenceDigestLines(parseEvidence(text, file).lines, flags)) console.log(line);
    });
}

function pickAgencies(config: Config, agency: string | undefined): string[] {
  const all = agencyIds(config.sla);
  if (agency === undefined) {
    if (all.length === 0) fail('the config has no agencies (sla.agencies)');
    return all;
  }
  if (!all.includes(agency)) fail(`--agency: no agency "${agency}" in the config (${all.join(', ') || 'none'})`);
  return [agency];
}

function readEvidenceFiles(files: string[]): EvidenceLine[] {
  try {
    return mergeEvidence(files.map((file) => parseEvidence(readFileSync(file, 'utf8'), file).lines));
  } catch (err) {
    if (err instanceof ConfigError) fail(err.problems.map(formatProblem).join('\n'));
    fail((err as Error).message);
  }
}

function openDbOrExit(path: string): Db {
  try {
    return openDbReadOnly(path);
  } catch (err) {
    fail(`cannot open the database ${path} read-only: ${(err as Error).message}`);
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

