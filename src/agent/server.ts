import type { FastifyInstance } from 'fastify';
import { hostOptionsSchema, readHost } from '../../collectors/index.ts';
import { accessGuard } from '../http/auth.ts';
import { createHttpServer } from '../http/server.ts';
import { createPrometheusExporter } from '../exporters/prometheus.ts';
import type { Logger } from '../log.ts';
import { SeriesStore } from '../state/series-store.ts';
import { VERSION } from '../version.ts';

export interface AgentOptions {
  logger: Logger;
  /** Scrapes without `Authorization: Bearer <token>` get 401 when a token is set. */
  token?: string | undefined;
  tls?: { certFile: string; keyFile: string } | undefined;
}

/**
 * `slaguard agent`: serves this host's metrics (the host collector's) as Prometheus text on /metrics,
 * read fresh on every scrape, for a daemon's `agent` target or any Prometheus.
 */
export function buildAgentServer(opts: AgentOptions): FastifyInstance {
  const store = new SeriesStore();
  const exporter = createPrometheusExporter(store, { version: VERSION, logger: opts.logger });
  const filters = hostOptionsSchema.parse({});
  const server = createHttpServer(opts.logger, opts.tls);
  const guard = accessGuard(() => (opts.token ? [{ name: 'agent', role: 'viewer', token: opts.token }] : []));
  server.get('/metrics', { preHandler: guard('viewer', () => opts.token === undefined) }, async (_req, reply) => {
    store.replace('host', {}, await readHost(filters));
    return reply.type(exporter.contentType).send(await exporter.render());
  });
  server.get('/healthz', async () => ({ status: 'ok' }));
  return server;
}
