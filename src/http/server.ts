import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';

/** A fastify instance on slaguard's logger, without per-request log lines, HTTPS when `tls` is given. */
export function createHttpServer(logger: Logger, tls?: { certFile: string; keyFile: string }): FastifyInstance {
  return Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    ...(tls ? { https: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {}),
  }) as unknown as FastifyInstance;
}
