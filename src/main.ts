import { Command, Option } from 'commander';
import type { App } from './app.ts';
import { registerAgentCommand } from './cli/agent-command.ts';
import { registerRulesCommands } from './cli/rules-export.ts';
import { registerSlaCommands } from './cli/sla.ts';
import { LOG_FORMAT_CHOICES } from './cli/log-format.ts';
import { registerSnmpCommands } from './cli/snmp-probe.ts';
import type { StagedConfig } from './config/load-async.ts';
import type { Config } from './config/schema.ts';
import { ConfigError, formatProblem } from './errors.ts';
import type { Logger } from './log.ts';
import { redactSecrets } from './redact.ts';
import { VERSION } from './version.ts';

const program = new Command('slaguard')
  .description('Monitoring and SLA-compliance daemon for government clouds (GB/T 34078.4-2021)')
  .version(VERSION, '-V, --version');

program
  .command('run')
  .description('run the daemon (without --config: monitor this host, serve on 127.0.0.1:9464)')
  .option('-c, --config <file>', 'YAML config file')
  .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
  .option('--shard <i/N>', 'poll only shard i of N of the targets (overrides the config\'s shard:)')
  .addOption(new Option('--log-format <format>', 'auto: plain lines on a terminal, JSON otherwise').choices(LOG_FORMAT_CHOICES).default('auto'))
  .action(async (opts: { config?: string; logLevel: string; logFormat: string; shard?: string }) => {
    const { buildApp, chooseLogFormat, createLogger, defaultConfig, loadConfigAsync, loadStaged, parseShard, prettyDestination, shardLabel, startupLine, statusPageUrl, storageProblem } = await import('./cli/run-deps.ts');
    const format = chooseLogFormat(opts.logFormat, process.stdout.isTTY);
    const logger = createLogger({ level: opts.logLevel, ...(format === 'pretty' ? { destination: prettyDestination(process.stdout) } : {}) });
    const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
    if (typeof shard === 'string') {
      console.error(`--shard ${opts.shard}: ${shard}`);
      process.exit(1);
    }
    const sharded = (loaded: Config): Config => (shard ? { ...loaded, shard } : loaded);
    const file = opts.config;
    // Everything but a large fleet's targets is checked before listening; the targets follow from a worker thread.
    let staged: StagedConfig;
    try {
      staged = file ? loadStaged(file) : { first: defaultConfig(), targets: undefined };
    } catch (err) {
      exitWithConfigError(err);
    }
    const config = sharded(staged.first);
    let app: App;
    try {
      app = buildApp(config, { logger, ...(file ? { loadConfig: async (running) => sharded(await loadConfigAsync(file, process.env, running)) } : {}) });
    } catch (err) {
      console.error(storageProblem(config.storage.path, err));
      process.exit(1);
    }
    const { host, port } = config.server.listen;
    try {
      await app.server.listen({ host, port });
    } catch (err) {
      console.error(`cannot listen on ${host}:${port}: ${(err as Error).message}`);
      await app.stop();
      process.exit(1);
    }
    try {
      await app.start();
    } catch (err) {
      console.error((err as Error).message);
      await app.stop();
      process.exit(1);
    }
    handleSignals(app, logger);
    if (staged.targets) {
      logger.info({ host, port }, `slaguard ${VERSION} listening on ${host}:${port}; reading the targets`);
      try {
        await app.loadTargets(staged.targets);
      } catch (err) {
        await app.stop();
        exitWithConfigError(err);
      }
    }
    logger.info({ targets: app.config().targets.length, shard: app.config().shard ? shardLabel(app.config().shard!) : undefined, db: config.storage.path }, `slaguard ${VERSION} listening on ${host}:${port}`);
    if (format === 'pretty') {
      console.log(startupLine({ version: VERSION, url: statusPageUrl(config.server.listen, config.server.tls !== undefined), db: config.storage.path, targets: app.config().targets.length }));
    }
  });

/** SIGTERM and SIGINT stop cleanly (polls in flight get `shutdown_grace`); SIGHUP reloads the config. */
function handleSignals(app: App, logger: Logger): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: waiting for polls in flight');
    await app.stop();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGHUP', () => {
    logger.info('reload requested by SIGHUP');
    void app.reload();
  });
}

program
  .command('check')
  .description('check a config file: print every problem as FILE:LINE:COL: message, exit 1 if any')
  .requiredOption('-c, --config <file>', 'YAML config file')
  .action(async (opts: { config: string }) => {
    const { checkConfigFile } = await import('./cli/check.ts');
    try {
      const config = checkConfigFile(opts.config);
      console.log(`${opts.config}: OK (${config.targets.length} targets, ${config.rules.loaded.length} rules)`);
    } catch (err) {
      exitWithConfigError(err);
    }
  });

registerAgentCommand(program);
registerSnmpCommands(program);
registerSlaCommands(program);
registerRulesCommands(program);

function exitWithConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    // a problem may quote the address it is about: its password is not printed either
    for (const p of err.problems) console.error(redactSecrets(formatProblem(p)));
    console.error(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} found`);
  } else {
    console.error((err as Error).stack ?? String(err));
  }
  process.exit(1);
}

await program.parseAsync(process.argv);
