import type { FastifyInstance } from 'fastify';
import type { ApiToken } from '../http/auth.ts';
import { accessGuard } from '../http/auth.ts';
import type { Alert } from './types.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** `GET /api/alerts` (viewer): pending and firing alerts, filtered by `state`, `severity` and `label=name=value` (repeatable). */
export function registerAlertRoutes(server: FastifyInstance, ctx: { alerts(): Alert[]; tokens(): readonly ApiToken[] }): void {
  const guard = accessGuard(ctx.tokens);
  server.get<{ Querystring: { state?: string; severity?: string; label?: string | string[] } }>('/api/alerts', { preHandler: guard('viewer') }, async (req, reply) => {
    const { state, severity } = req.query;
    if (state !== undefined && state !== 'pending' && state !== 'firing') return reply.code(400).send({ error: 'bad_request', message: 'state must be pending or firing' });
    if (severity !== undefined && !['critical', 'warning', 'info'].includes(severity)) return reply.code(400).send({ error: 'bad_request', message: 'severity must be critical, warning or info' });
    const labels: Array<[string, string]> = [];
    for (const l of [req.query.label ?? []].flat()) {
      const i = l.indexOf('=');
      if (i <= 0) return reply.code(400).send({ error: 'bad_request', message: `label filter "${l}" must be NAME=VALUE` });
      labels.push([l.slice(0, i), l.slice(i + 1)]);
    }
    const alerts = ctx.alerts()
      .filter((a) => (state === undefined || a.state === state) && (severity === undefined || a.severity === severity) && labels.every(([k, v]) => a.labels[k] === v))
      .sort((a, b) => a.activeAt - b.activeAt);
    return {
      alerts: alerts.map((a) => ({ ...a, value: a.value ?? null, suppressedBy: a.suppressedBy ?? null, activeAt: iso(a.activeAt), firedAt: iso(a.firedAt), resolvedAt: iso(a.resolvedAt) })),
    };
  });
}
