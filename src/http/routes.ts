import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.ts';
import type { PollOutcome } from '../collector/scheduler.ts';
import type { StoredEvent } from '../store/event-log.ts';
import type { StatusTransition } from '../store/status-ledger.ts';
import { accessGuard, tokenNameOf } from './auth.ts';
import { pickLang } from '../text/messages.ts';
import { renderStatusBody, renderStatusPage, type PageExtra } from './status-page.ts';
import type { Lang } from '../text/lang.ts';
import type { TargetView } from './status-view.ts';
import type { SlaLiveAgency } from './page-sla.ts';
import { selectFleet, type FleetQuery, type FleetRow } from './fleet-view.ts';

/** What the HTTP layer needs from the running daemon. */
export interface HttpContext {
  config(): Config;
  ready(): boolean;
  /** Why the daemon serves but cannot do all its work (e.g. the ledger cannot be written); /readyz answers 503. */
  degraded?(): { reason: string; [detail: string]: unknown } | undefined;
  /** The exposition: whole, or streamed piece by piece. */
  metrics(): Promise<{ contentType: string; body: string | Readable }>;
  /** Views of these targets (all when no names are given), in the order given. */
  targetViews(names?: readonly string[]): TargetView[];
  /** Name, kind, site and status of every target: cheap, for counting and picking a page. */
  fleet(): readonly FleetRow[];
  /** True while the configured targets are still being read (the page says so; /readyz answers starting). */
  loading?(): boolean;
  history(target: string, from: number, to: number): StatusTransition[] | undefined;
  pollNow(target: string): Promise<PollOutcome | undefined>;
  reload(): Promise<{ ok: boolean; problems: string[] }>;
  events(limit: number): StoredEvent[];
  now(): number;
  /** Month-to-date SLA figures per agency for the status page (absent until the SLA engine is wired). */
  slaLive?(): SlaLiveAgency[];
  /** What other parts add to the status page (alerting's sections). */
  pageExtra?(lang: Lang, now: number): PageExtra;
}

/** Registers every route: /metrics, /healthz, /readyz, the status page and /api/*. */
export function registerRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const guard = accessGuard(() => ctx.config().server.auth.tokens);
  const pub = () => ctx.config().server.auth.public;

  app.get('/metrics', { preHandler: guard('viewer', () => pub().metrics) }, async (_req, reply) => {
    const { contentType, body } = await ctx.metrics();
    return reply.type(contentType).send(body);
  });
  app.get('/healthz', { preHandler: guard('viewer', () => pub().health) }, async () => ({ status: 'ok' }));
  app.get('/readyz', { preHandler: guard('viewer', () => pub().health) }, async (_req, reply) => {
    if (!ctx.ready()) return reply.code(503).send({ status: 'starting' });
    const degraded = ctx.degraded?.();
    return degraded === undefined ? { status: 'ready' } : reply.code(503).send({ status: 'degraded', ...degraded });
  });

  app.get<{ Querystring: { lang?: string; fragment?: string } & FleetQuery }>(
    '/',
    { preHandler: guard('viewer', () => pub().status_page) },
    async (req, reply) => {
      const lang = pickLang(req.query.lang, req.headers['accept-language']);
      const sel = selectFleet(ctx.fleet(), req.query);
      const views = ctx.targetViews(sel.names);
      const opts = { ...(sel.limited ? { fleet: sel } : {}), sla: ctx.slaLive?.() ?? [], extra: ctx.pageExtra?.(lang, ctx.now()) ?? {}, loading: ctx.loading?.() ?? false };
      const html = req.query.fragment ? renderStatusBody(views, lang, ctx.now(), opts) : renderStatusPage(views, lang, ctx.now(), opts);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );

  app.get<{ Querystring: FleetQuery }>('/api/targets', { preHandler: guard('viewer') }, async (req) => {
    const paged = req.query.status !== undefined || req.query.q !== undefined || req.query.page !== undefined;
    const sel = paged ? selectFleet(ctx.fleet(), { ...req.query, status: req.query.status ?? 'all' }) : undefined;
    return {
      ...(sel ? { total: sel.total, counts: sel.counts, matching: sel.matching, page: sel.page, pages: sel.pages } : {}),
      targets: ctx.targetViews(sel?.names).map((t) => ({ ...t, values: t.values.map(({ key, value }) => ({ metric: key.metric, value })) })),
    };
  });

  app.get<{ Params: { name: string }; Querystring: { from?: string; to?: string } }>(
    '/api/targets/:name/history',
    { preHandler: guard('viewer') },
    async (req, reply) => {
      const from = req.query.from ? Date.parse(req.query.from) : 0;
      const to = req.query.to ? Date.parse(req.query.to) : Number.MAX_SAFE_INTEGER;
      if (Number.isNaN(from) || Number.isNaN(to)) return reply.code(400).send({ error: 'bad_request', message: 'from and to must be ISO 8601 times' });
      const history = ctx.history(req.params.name, from, to);
      if (history === undefined) return reply.code(404).send({ error: 'not_found', message: `no target "${req.params.name}"` });
      return { target: req.params.name, transitions: history.map((t) => ({ ...t, at: new Date(t.at).toISOString() })) };
    },
  );

  app.post<{ Params: { name: string } }>('/api/targets/:name/poll', { preHandler: guard('operator') }, async (req, reply) => {
    const outcome = await ctx.pollNow(req.params.name);
    if (outcome === undefined) return reply.code(409).send({ error: 'conflict', message: `target "${req.params.name}" is unknown or being polled` });
    return { target: outcome.target.name, ok: outcome.ok, error: outcome.error?.message, reason: outcome.error?.reason, samples: outcome.samples.length };
  });

  app.get<{ Querystring: { limit?: string } }>('/api/events', { preHandler: guard('viewer') }, async (req) => ({
    events: ctx.events(Math.min(1000, Math.max(1, Number(req.query.limit ?? 100) || 100))).map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  }));

  app.post('/api/reload', { preHandler: guard('admin') }, async (req, reply) => {
    req.log.info({ token_name: tokenNameOf(req) }, 'reload requested through the API');
    const result = await ctx.reload();
    return reply.code(result.ok ? 200 : 422).send(result);
  });
}

