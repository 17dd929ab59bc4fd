import type { Command } from 'commander';
import type { DigestFlags } from './evidence-digest.ts';

/** The `--format` names `slaguard report` offers: the keys of `REPORT_FORMATS` (a test checks), kept here so `--help` loads no renderer. */
export const REPORT_FORMAT_NAMES: readonly string[] = ['json', 'csv', 'html', 'pdf'];

/** The `slaguard report` flags. */
export interface ReportFlags { month: string; config: string; agency?: string; format: string; evidence?: string[]; out: string; lang: string; threads?: string }

/** The `slaguard evidence export` flags. */
export interface EvidenceExportFlags { month: string; agency?: string; out?: string; config: string }

/** `slaguard report` and `slaguard evidence export|verify` (issue 8). */
export function registerSlaCommands(program: Command): void {
  program
    .command('report')
    .description('write the monthly SLA report of each agency, from the database (read-only) or from evidence files')
    .requiredOption('-m, --month <YYYY-MM>', 'the month, in each agency\'s time zone')
    .option('-c, --config <file>', 'YAML config file (contracts)', 'slaguard.yaml')
    .option('-a, --agency <id>', 'only this agency')
    .option('-f, --format <list>', `formats separated by commas: ${REPORT_FORMAT_NAMES.join(', ')}`, 'json')
    .option('-e, --evidence <files...>', 'compute from these evidence files (JSON Lines; several are merged as an HA pair) instead of the database')
    .option('-o, --out <dir>', 'directory to write into', '.')
    .option('-l, --lang <lang>', 'zh-CN or en', 'zh-CN')
    .option('-t, --threads <n>', 'worker threads computing agencies in parallel (default: one per core from 4 agencies on)')
    .action(async (f: ReportFlags) => (await import('./sla-report.ts')).writeReports(f));

  const evidence = program.command('evidence').description('SLA evidence: export from the ledger, verify a file');
  evidence
    .command('export')
    .description('write the evidence of a month as hash-chained JSON Lines (reads the database read-only)')
    .requiredOption('-m, --month <YYYY-MM>', 'the month, in each agency\'s time zone')
    .option('-a, --agency <id>', 'only this agency')
    .option('-o, --out <file>', 'write here instead of standard output')
    .option('-c, --config <file>', 'YAML config file (contracts, database path)', 'slaguard.yaml')
    .action(async (f: EvidenceExportFlags) => (await import('./sla-evidence.ts')).exportEvidence(f));
  evidence
    .command('verify <file>')
    .description('check an evidence file\'s hash chain (names the first bad line) and print each agency\'s evidence digest')
    .option('-c, --config <file>', 'YAML config file: each agency\'s time zone and services, for the digest (default slaguard.yaml when present)')
    .option('--timezone <zone>', 'the time zone of the digest\'s days (default: the agency\'s, from the config)')
    .action(async (file: string, flags: DigestFlags) => (await import('./sla-evidence.ts')).verifyEvidence(file, flags));
}

