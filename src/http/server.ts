import { MAX_CONFIG_BYTES, readRegularFile } from '../config/read-file.ts';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';

/** A fastify instance on slaguard's logger, without per-request log lines, HTTPS when `tls` is given. */
export function createHttpServer(logger: Logger, tls?: { certFile: string; keyFile: string }): FastifyInstance {
  return Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    ...(tls ? { https: { cert: readPem(tls.certFile), key: readPem(tls.keyFile) } } : {}),
  }) as unknown as FastifyInstance;
}

function readPem(file: string): string {
  try {
    return readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (err) {
    throw new Error(`cannot read "${file}": ${(err as Error).message}`, { cause: err });
  }
}
