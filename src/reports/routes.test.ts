import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerReportRoutes } from './routes.ts';

const dir = mkdtempSync(join(tmpdir(), 'slaguard-report-files-'));
mkdirSync(join(dir, '2026-03'));
mkdirSync(join(dir, '2026-02'));
writeFileSync(join(dir, '2026-03', 'ggzy-2026-03.json'), '{"agency":"ggzy"}\n');
writeFileSync(join(dir, '2026-03', 'ggzy-2026-03.pdf'), '%PDF-1.3 test');
writeFileSync(join(dir, '2026-03', '.ggzy.done'), 'x');
writeFileSync(join(dir, 'secret.txt'), 'not a report');

const app = Fastify();
registerReportRoutes(app, { outDir: () => dir, tokens: () => [{ name: 'noc', role: 'viewer', token: 'viewer-token-0123456789' }] });
const get = (url: string, token = 'viewer-token-0123456789') => app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('report file routes', () => {
  it('lists months and files and serves a report file to a viewer', async () => {
    expect((await get('/api/reports')).json()).toEqual({ months: ['2026-03', '2026-02'] });
    expect((await get('/api/reports/2026-03')).json()).toEqual({ month: '2026-03', files: [{ name: 'ggzy-2026-03.json', bytes: 18 }, { name: 'ggzy-2026-03.pdf', bytes: 13 }] });
    const json = await get('/api/reports/2026-03/ggzy-2026-03.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toEqual({ agency: 'ggzy' });
    const pdf = await get('/api/reports/2026-03/ggzy-2026-03.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body).toBe('%PDF-1.3 test');
  });

  it('needs a token and serves nothing outside the month folders', async () => {
    expect((await get('/api/reports/2026-03/ggzy-2026-03.json', '')).statusCode).toBe(401);
    expect((await get('/api/reports/2026-03/..%2Fsecret.txt')).statusCode).toBe(400);
    expect((await get('/api/reports/2026-03/.ggzy.done')).statusCode).toBe(400);
    expect((await get('/api/reports/..%2F/secret.txt')).statusCode).toBe(400);
    expect((await get('/api/reports/2026-04/ggzy-2026-04.json')).statusCode).toBe(404);
    expect((await get('/api/reports/2026-13')).statusCode).toBe(400);
  });
});
