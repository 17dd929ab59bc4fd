import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Alerting, Actor } from '../alerting/service.ts';
import { maintenanceSpecSchema } from '../alerting/maintenance-spec.ts';
import { parseMatcher } from '../alerting/matcher-text.ts';
import type { StoredIncident } from '../alerting/incident-store.ts';
import type { Config } from '../config/schema.ts';
import { compileMatchers, type LabelMatcher } from '../state/matchers.ts';
import { ALERT_TEXTS } from '../text/alerts.ts';
import { pickLang } from '../text/lang.ts';
import { renderAckConfirm, renderAckResult } from './ack-page.ts';
import { accessGuard, tokenHolder } from './auth.ts';

type Q = Record<string, string | string[] | undefined>;
const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const bad = (message: string) => ({ error: 'bad_request', message });

const incidentJson = (i: StoredIncident, levels?: Config['alerting']['levels']) => ({
  id: i.id, level: i.level, labels: i.labels, title: i.title, openedAt: iso(i.openedAt), acknowledgedAt: iso(i.acknowledgedAt),
  acknowledgedBy: i.acknowledgedBy, restoredAt: iso(i.restoredAt), closedAt: iso(i.closedAt), closedBy: i.closedBy,
  alertFingerprints: i.alertFingerprints, firing: i.firing, escalationStep: i.escalationStep,
  ...(levels ? { acknowledgeDue: iso(i.openedAt + levels[i.level].acknowledge), restoreDue: iso(i.openedAt + levels[i.level].restore) } : {}),
});

/** Alerts, incidents, maintenance windows, the audit log (`/api/...`) and signed acknowledge links (`/ack/:id`). */
export function registerAlertingRoutes(server: FastifyInstance, ctx: { config(): Config; alerting(): Alerting }): void {
  const guard = accessGuard(() => ctx.config().server.auth.tokens);
  const json = (i: StoredIncident) => incidentJson(i, ctx.config().alerting.levels);
  const actor = (req: FastifyRequest): Actor => {
    const name = tokenHolder(ctx.config().server.auth.tokens, req.headers.authorization)?.name ?? 'anonymous';
    return { name, tokenName: name, address: req.ip };
  };

  server.get<{ Querystring: Q }>('/api/alerts', { preHandler: guard('viewer') }, async (req, reply) => {
    const matchers: LabelMatcher[] = [];
    for (const text of list(req.query.match)) {
      const m = parseMatcher(text);
      if (m === undefined) return reply.code(400).send(bad(`match "${text}" is not a label matcher, e.g. site="主机房"`));
      matchers.push(m);
    }
    for (const l of list(req.query.label)) {
      const i = l.indexOf('=');
      if (i <= 0) return reply.code(400).send(bad(`label filter "${l}" must be NAME=VALUE`));
      matchers.push({ label: l.slice(0, i), op: '=', value: l.slice(i + 1) });
    }
    const keep = compileMatchers(matchers);
    const { state, severity, level } = req.query;
    if (state !== undefined && state !== 'pending' && state !== 'firing') return reply.code(400).send(bad('state must be pending or firing'));
    if (severity !== undefined && !['critical', 'warning', 'info'].includes(String(severity))) return reply.code(400).send(bad('severity must be critical, warning or info'));
    const alerts = ctx.alerting().alertViews()
      .filter((a) => keep(a.labels) && (state === undefined || a.state === state) && (severity === undefined || a.severity === severity) && (level === undefined || String(a.level) === level))
      .sort((a, b) => a.level - b.level || a.activeAt - b.activeAt);
    return { alerts: alerts.map((a) => ({ ...a, activeAt: iso(a.activeAt), firedAt: iso(a.firedAt), resolvedAt: iso(a.resolvedAt) })) };
  });

  server.get<{ Querystring: Q }>('/api/incidents', { preHandler: guard('viewer') }, async (req, reply) => {
    const from = req.query.from ? Date.parse(String(req.query.from)) : 0;
    const to = req.query.to ? Date.parse(String(req.query.to)) : Number.MAX_SAFE_INTEGER;
    if (Number.isNaN(from) || Number.isNaN(to)) return reply.code(400).send(bad('from and to must be ISO 8601 times'));
    const a = ctx.alerting();
    const state = req.query.state ?? 'open';
    const rows = state === 'open' ? a.store.open().filter((i) => i.openedAt >= from && i.openedAt < to) : a.store.list(from, to);
    return { incidents: rows.filter((i) => req.query.level === undefined || String(i.level) === req.query.level).map(json) };
  });

  server.get<{ Params: { id: string } }>('/api/incidents/:id', { preHandler: guard('viewer') }, async (req, reply) => {
    const i = ctx.alerting().store.get(req.params.id);
    if (i === undefined) return reply.code(404).send({ error: 'not_found', message: `no incident "${req.params.id}"` });
    return { ...json(i), notes: ctx.alerting().store.notes(i.seq).map((n) => ({ ...n, at: iso(n.at) })) };
  });

  server.post<{ Params: { id: string } }>('/api/incidents/:id/ack', { preHandler: guard('operator') }, async (req, reply) => {
    const result = ctx.alerting().acknowledge(req.params.id, actor(req), 'api');
    if (result === undefined) return reply.code(404).send({ error: 'not_found', message: `no incident "${req.params.id}"` });
    return { ...json(result.incident), already: result.already };
  });

  server.post<{ Params: { id: string }; Body: { text?: unknown } | undefined }>('/api/incidents/:id/notes', { preHandler: guard('operator') }, async (req, reply) => {
    const text = req.body?.text;
    if (typeof text !== 'string' || text.trim() === '' || text.length > 4000) return reply.code(400).send(bad('body must be {"text": "..."} (1 to 4000 characters)'));
    const i = ctx.alerting().addNote(req.params.id, text.trim(), actor(req));
    if (i === undefined) return reply.code(404).send({ error: 'not_found', message: `no incident "${req.params.id}"` });
    return reply.code(201).send({ incident: i.id, notes: ctx.alerting().store.notes(i.seq).map((n) => ({ ...n, at: iso(n.at) })) });
  });

  server.post<{ Params: { id: string } }>('/api/incidents/:id/close', { preHandler: guard('operator') }, async (req, reply) => {
    const i = ctx.alerting().close(req.params.id, actor(req));
    if (i === undefined) return reply.code(404).send({ error: 'not_found', message: `no incident "${req.params.id}"` });
    return json(i);
  });

  server.get<{ Querystring: Q }>('/api/maintenance', { preHandler: guard('viewer') }, async (req, reply) => {
    const now = ctx.alerting().now();
    const from = req.query.from ? Date.parse(String(req.query.from)) : now;
    const to = req.query.to ? Date.parse(String(req.query.to)) : from + 7 * 86_400_000;
    if (Number.isNaN(from) || Number.isNaN(to)) return reply.code(400).send(bad('from and to must be ISO 8601 times'));
    const a = ctx.alerting();
    return {
      windows: a.maintenance.list().map((w) => ({ ...w, createdAt: iso(w.createdAt), endedAt: iso(w.endedAt) })),
      occurrences: a.maintenanceBetween(from, to).map((o) => ({ ...o, start: iso(o.start), end: iso(o.end), announcedAt: iso(o.announcedAt) })),
    };
  });

  server.post('/api/maintenance', { preHandler: guard('operator') }, async (req, reply) => {
    const parsed = maintenanceSpecSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: 'bad_request', problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) });
    try {
      const w = ctx.alerting().createWindow(parsed.data, actor(req));
      return reply.code(201).send({ ...w, createdAt: iso(w.createdAt) });
    } catch (err) {
      return reply.code(409).send({ error: 'conflict', message: (err as Error).message });
    }
  });

  server.post<{ Params: { id: string } }>('/api/maintenance/:id/end', { preHandler: guard('operator') }, async (req, reply) => {
    const w = ctx.alerting().endWindow(req.params.id, actor(req));
    if (w === undefined) return reply.code(404).send({ error: 'not_found', message: `no maintenance window "${req.params.id}"` });
    return { ...w, createdAt: iso(w.createdAt), endedAt: iso(w.endedAt) };
  });

  server.get('/api/notification-groups', { preHandler: guard('viewer') }, async () => ({
    groups: ctx.alerting().dispatcher.list().map((g) => ({ ...g, lastSentAt: iso(g.lastSentAt), nextFlushAt: iso(g.nextFlushAt) })),
  }));

  server.get<{ Querystring: Q }>('/api/audit', { preHandler: guard('admin') }, async (req) => {
    const limit = Math.min(10_000, Math.max(1, Number(req.query.limit ?? 100) || 100));
    return { entries: ctx.alerting().audit.recent(limit).map((e) => ({ ...e, at: iso(e.at) })) };
  });

  server.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.get<{ Params: { id: string }; Querystring: Q }>('/ack/:id', async (req, reply) => {
      const lang = pickLang(req.query.lang as string | undefined, req.headers['accept-language']);
      const { exp, sig } = req.query as { exp?: string; sig?: string };
      const a = ctx.alerting();
      const check = a.links.check(req.params.id, exp, sig, a.now());
      const html = reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (check !== 'ok') return html.code(check === 'expired' ? 410 : 403).send(renderAckResult(lang, check === 'expired' ? ALERT_TEXTS[lang].ackExpired : ALERT_TEXTS[lang].ackInvalid));
      const i = a.store.get(req.params.id);
      if (i === undefined) return html.code(404).send(renderAckResult(lang, ALERT_TEXTS[lang].ackUnknown));
      return html.send(renderAckConfirm(lang, i, exp!, sig!));
    });
    scope.post<{ Params: { id: string }; Body: Record<string, string> | undefined }>('/ack/:id', async (req, reply) => {
      const body = req.body ?? {};
      const lang = pickLang(body.lang, req.headers['accept-language']);
      const t = ALERT_TEXTS[lang];
      const a = ctx.alerting();
      const check = a.links.check(req.params.id, body.exp, body.sig, a.now());
      const html = reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (check !== 'ok') return html.code(check === 'expired' ? 410 : 403).send(renderAckResult(lang, check === 'expired' ? t.ackExpired : t.ackInvalid));
      const name = (body.name ?? '').trim().slice(0, 64) || 'ack-link';
      const result = a.acknowledge(req.params.id, { name, tokenName: null, address: req.ip }, 'link');
      if (result === undefined) return html.code(404).send(renderAckResult(lang, t.ackUnknown));
      return html.send(renderAckResult(lang, result.already ? t.ackAlready(result.incident.id, result.incident.acknowledgedBy ?? '') : t.ackDone(result.incident.id, name)));
    });
  });
}
