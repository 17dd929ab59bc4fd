import type { Command } from 'commander';

/** The `slaguard rules export` flags. */
export interface ExportFlags { config: string; out: string; mtdRange: string; mtdResolution: string }

/** `slaguard rules export`: Prometheus rule files for Prometheus, Thanos or Mimir (issue 9). */
export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('slaguard\'s rules for other systems');
  rules
    .command('export')
    .description('write Prometheus rule files: SLA error-ratio recording rules and burn-rate alerts for every SLA service, the rule packs as alerting rules, and their dependencies as Alertmanager inhibitions')
    .option('-c, --config <file>', 'YAML config file', 'slaguard.yaml')
    .option('-o, --out <dir>', 'directory to write the rule files into', '.')
    .option('--mtd-range <duration>', 'how far back the month-to-date subquery looks (at least the longest month)', '31d')
    .option('--mtd-resolution <duration>', 'step of the month-to-date subquery (at least the scrape interval)', '1m')
    .action(async (f: ExportFlags) => (await import('./rules-export-run.ts')).exportRules(f));
}
