import { buildAgentServer } from '../agent/server.ts';
import { parseHostPort } from '../collector/address.ts';
import { MAX_SECRET_BYTES, readRegularFile } from '../config/read-file.ts';
import { createLogger } from '../log.ts';
import { VERSION } from '../version.ts';
import type { AgentFlags } from './agent-command.ts';

/** `slaguard agent`: serves this host's metrics until SIGTERM or SIGINT. */
export async function runAgent(opts: AgentFlags): Promise<void> {
  const logger = createLogger({ level: opts.logLevel });
  let setup: { token: string | undefined; host: string; port: number; server: ReturnType<typeof buildAgentServer> };
  try {
    const token = opts.tokenFile ? readFlagFile('--token-file', opts.tokenFile).trim() : process.env.SLAGUARD_AGENT_TOKEN || undefined;
    const { host, port } = parseListenFlag('--listen', opts.listen);
    const tls = opts.tlsCert && opts.tlsKey ? { certFile: opts.tlsCert, keyFile: opts.tlsKey } : undefined;
    setup = { token, host, port, server: buildAgentServer({ logger, token, tls }) };
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const { token, host, port, server } = setup;
  await server.listen({ host, port });
  logger.info(`slaguard agent ${VERSION} listening on ${host}:${port}${token ? ' (bearer token required)' : ''}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

function readFlagFile(flag: string, file: string): string {
  try {
    return readRegularFile(file, MAX_SECRET_BYTES);
  } catch (err) {
    throw new Error(`${flag}: cannot read "${file}": ${(err as Error).message}`);
  }
}

function parseListenFlag(flag: string, text: string): { host: string; port: number } {
  try {
    return parseHostPort(text, 9465);
  } catch (err) {
    throw new Error(`${flag}: ${(err as Error).message}`);
  }
}
