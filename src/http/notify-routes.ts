import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.ts';
import { OUTBOX_STATES, type OutboxRow, type OutboxState } from '../notify/outbox-store.ts';
import { accessGuard } from './auth.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** One outbox row as the API shows it (the message's title, severity and context; not its body). */
export function outboxView(r: OutboxRow) {
  return {
    id: r.id, idempotencyKey: r.idempotencyKey, receiver: r.receiver, channel: r.channel, state: r.state, attempts: r.attempts,
    createdAt: iso(r.createdAt), nextAttemptAt: r.state === 'pending' ? iso(r.nextAttemptAt) : null, finishedAt: iso(r.finishedAt),
    lastError: r.lastError, title: r.message.title, severity: r.message.severity ?? null, context: r.message.context ?? {},
  };
}

/** `GET /api/outbox?state=&receiver=&limit=` (operator or admin): the notification queue, newest first. */
export function registerNotifyRoutes(app: FastifyInstance, ctx: {
  config(): Config;
  outbox: { list(filter: { state?: OutboxState; receiver?: string; limit?: number }): OutboxRow[] };
}): void {
  const guard = accessGuard(() => ctx.config().server.auth.tokens);
  app.get<{ Querystring: { state?: string; receiver?: string; limit?: string } }>('/api/outbox', { preHandler: guard('operator') }, async (req, reply) => {
    const { state, receiver, limit } = req.query;
    if (state !== undefined && !(OUTBOX_STATES as readonly string[]).includes(state)) {
      return reply.code(400).send({ error: 'bad_request', message: `state must be one of ${OUTBOX_STATES.join(', ')}` });
    }
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) return reply.code(400).send({ error: 'bad_request', message: 'limit must be an integer from 1 to 1000' });
    const rows = ctx.outbox.list({ ...(state ? { state: state as OutboxState } : {}), ...(receiver ? { receiver } : {}), limit: n });
    return { notifications: rows.map(outboxView) };
  });
}
