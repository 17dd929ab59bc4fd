import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { accessGuard, type ApiToken } from '../http/auth.ts';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const FILE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8', html: 'text/html; charset=utf-8', pdf: 'application/pdf', csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8',
};

/** What the report routes need: the reports directory (config `reports.out_dir`) and the API tokens. */
export interface ReportRoutesContext {
  outDir(): string;
  tokens(): readonly ApiToken[];
}

const filesOf = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && FILE_RE.test(e.name) && !e.name.endsWith('.tmp'))
    .map((e) => ({ name: e.name, bytes: statSync(join(dir, e.name)).size }))
    .sort((a, b) => a.name.localeCompare(b.name));

/**
 * `GET /api/reports` (months), `GET /api/reports/:month` (files) and `GET /api/reports/:month/:file`
 * (download): the monthly report files, viewer role. Only plain names inside `out_dir/YYYY-MM/` are served.
 */
export function registerReportRoutes(app: FastifyInstance, ctx: ReportRoutesContext): void {
  const guard = accessGuard(ctx.tokens);
  app.get('/api/reports', { preHandler: guard('viewer') }, async () => {
    const dir = ctx.outDir();
    const months = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && MONTH_RE.test(e.name)).map((e) => e.name).sort().reverse() : [];
    return { months };
  });
  app.get<{ Params: { month: string } }>('/api/reports/:month', { preHandler: guard('viewer') }, async (req, reply) => {
    const { month } = req.params;
    const dir = join(ctx.outDir(), month);
    if (!MONTH_RE.test(month)) return reply.code(400).send({ error: 'bad_request', message: 'month must be YYYY-MM' });
    if (!existsSync(dir)) return reply.code(404).send({ error: 'not_found', message: `no reports for ${month}` });
    return { month, files: filesOf(dir) };
  });
  app.get<{ Params: { month: string; file: string } }>('/api/reports/:month/:file', { preHandler: guard('viewer') }, async (req, reply) => {
    const { month, file } = req.params;
    if (!MONTH_RE.test(month) || !FILE_RE.test(file)) return reply.code(400).send({ error: 'bad_request', message: 'expected /api/reports/YYYY-MM/FILE with a plain file name' });
    const path = join(ctx.outDir(), month, file);
    if (!existsSync(path) || !statSync(path).isFile()) return reply.code(404).send({ error: 'not_found', message: `no report file ${month}/${file}` });
    const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    return reply
      .type(TYPES[ext] ?? 'application/octet-stream')
      .header('content-disposition', `${ext === 'html' || ext === 'pdf' ? 'inline' : 'attachment'}; filename="${file}"`)
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(path));
  });
}
