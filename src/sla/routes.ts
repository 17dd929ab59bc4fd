import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.ts';
import { accessGuard } from '../http/auth.ts';
import { MissingCalendarYear } from './calendar.ts';
import { isMonth } from './period.ts';
import type { AgencyReport } from './report-model.ts';

/** What the SLA routes need from the daemon. */
export interface SlaRouteContext {
  config(): Config;
  /** Reports per agency for a month (month to date while it runs); each agency's current month when omitted. */
  reports(month?: string): AgencyReport[];
  now(): number;
}

/** `GET /api/sla?month=YYYY-MM` (viewer): every agency's figures, month to date while the month runs. */
export function registerSlaRoutes(app: FastifyInstance, ctx: SlaRouteContext): void {
  const guard = accessGuard(() => ctx.config().server.auth.tokens);
  app.get<{ Querystring: { month?: string } }>('/api/sla', { preHandler: guard('viewer') }, async (req, reply) => {
    const month = req.query.month;
    if (month !== undefined && !isMonth(month)) return reply.code(400).send({ error: 'bad_request', message: `month must be YYYY-MM, not "${month}"` });
    if (month !== undefined && month > new Date(ctx.now() + 14 * 3600_000).toISOString().slice(0, 7)) {
      return reply.code(400).send({ error: 'bad_request', message: `${month} has not begun` });
    }
    try {
      return { month: month ?? null, agencies: ctx.reports(month) };
    } catch (err) {
      if (err instanceof MissingCalendarYear) return reply.code(422).send({ error: 'no_calendar', message: err.message });
      throw err;
    }
  });
}
