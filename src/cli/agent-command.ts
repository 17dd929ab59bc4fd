import type { Command } from 'commander';

/** The `slaguard agent` flags. */
export interface AgentFlags { listen: string; tokenFile?: string; tlsCert?: string; tlsKey?: string; logLevel: string }

/** `slaguard agent`: its flags here, its work in `agent.ts`, imported when it runs. */
export function registerAgentCommand(program: Command): void {
  program
    .command('agent')
    .description('serve this host\'s metrics over HTTP for a slaguard daemon (or any Prometheus) to poll')
    .option('--listen <host:port>', 'address to listen on', '0.0.0.0:9465')
    .option('--token-file <file>', 'require this bearer token (file holds the token); or set SLAGUARD_AGENT_TOKEN')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate')
    .option('--tls-key <file>', 'and this key')
    .option('--log-level <level>', 'trace, debug, info, warn, error', 'info')
    .action(async (opts: AgentFlags) => (await import('./agent.ts')).runAgent(opts));
}
