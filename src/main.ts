import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { buildAgentServer } from './agent/server.ts';
import { buildApp } from './app.ts';
import { registerSnmpCommands } from './cli/snmp-probe.ts';
import { defaultConfig } from './config/defaults.ts';
import { loadConfigFile } from './config/load.ts';
import type { Config } from './config/schema.ts';
import { ConfigError, formatProblem } from './errors.ts';
import { createLogger } from './log.ts';
import { VERSION } from './version.ts';

const program = new Command('slaguard')
  .description('Monitoring and SLA-compliance daemon for government clouds (GB/T 34078.4-2021)')
  .version(VERSION, '-V, --version');

program
  .command('run')
  .description('run the daemon (without --config: monitor this host, serve on 127.0.0.1:9464)')
  .option('-c, --config <file>', 'YAML config file')
  .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
  .action(async (opts: { config?: string; logLevel: string }) => {
    const logger = createLogger({ level: opts.logLevel });
    const load = (): Config => (opts.config ? loadConfigFile(opts.config) : defaultConfig());
    let config: Config;
    try {
      config = load();
    } catch (err) {
      exitWithConfigError(err);
    }
    const app = buildApp(config, { logger, ...(opts.config ? { loadConfig: load } : {}) });
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
    logger.info({ targets: config.targets.length, db: config.storage.path }, `slaguard ${VERSION} listening on ${host}:${port}`);

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
    process.on('SIGHUP', () => void app.reload());
  });

program
  .command('check')
  .description('check a config file: print every problem as FILE:LINE:COL: message, exit 1 if any')
  .requiredOption('-c, --config <file>', 'YAML config file')
  .action((opts: { config: string }) => {
    try {
      const config = loadConfigFile(opts.config);
      console.log(`${opts.config}: OK (${config.targets.length} targets, ${config.rules.loaded.length} rules)`);
    } catch (err) {
      exitWithConfigError(err);
    }
  });

program
  .command('agent')
  .description('serve this host\'s metrics over HTTP for a slaguard daemon (or any Prometheus) to poll')
  .option('--listen <host:port>', 'address to listen on', '0.0.0.0:9465')
  .option('--token-file <file>', 'require this bearer token (file holds the token); or set SLAGUARD_AGENT_TOKEN')
  .option('--tls-cert <file>', 'serve HTTPS with this certificate')
  .option('--tls-key <file>', 'and this key')
  .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
  .action(async (opts: { listen: string; tokenFile?: string; tlsCert?: string; tlsKey?: string; logLevel: string }) => {
    const logger = createLogger({ level: opts.logLevel });
    const token = opts.tokenFile ? readFileSync(opts.tokenFile, 'utf8').trim() : process.env.SLAGUARD_AGENT_TOKEN || undefined;
    const i = opts.listen.lastIndexOf(':');
    const host = opts.listen.slice(0, i).replace(/^\[|\]$/g, '');
    const port = Number(opts.listen.slice(i + 1));
    const tls = opts.tlsCert && opts.tlsKey ? { certFile: opts.tlsCert, keyFile: opts.tlsKey } : undefined;
    const server = buildAgentServer({ logger, token, tls });
    await server.listen({ host, port });
    logger.info(`slaguard agent ${VERSION} listening on ${host}:${port}${token ? ' (bearer token required)' : ''}`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop());
    process.on('SIGINT', () => void stop());
  });

registerSnmpCommands(program);

function exitWithConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    for (const p of err.problems) console.error(formatProblem(p));
    console.error(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} found`);
  } else {
    console.error((err as Error).stack ?? String(err));
  }
  process.exit(1);
}

await program.parseAsync(process.argv);
