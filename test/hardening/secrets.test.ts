import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, httpGet, stopProcess, waitFor } from '../helpers/components.ts';
import { startSlaguard } from '../helpers/slaguard.ts';

const PASSWORD = 'S3cretPass';
const API_KEY = 'K3yInTheQuery77';
const TOKEN = 'ops-admin-secret-0123456789';
const service = http.createServer((_req, res) => res.writeHead(500).end('broken'));
const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
let daemon: ReturnType<typeof startSlaguard> | undefined;
let base = '';
const auth = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  const svc = (service.address() as AddressInfo).port;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'slaguard.yaml'), `server:
  listen: "127.0.0.1:${port}"
  auth: { tokens: [{ name: ops-admin, role: admin, token: ${TOKEN} }] }
storage: { path: data/slaguard.db }
scheduler: { jitter: false }
targets:
  - { name: portal, kind: http, address: "http://admin:${PASSWORD}@127.0.0.1:${svc}/login", interval: 1s, timeout: 500ms }
  - { name: feed, kind: http, address: "http://127.0.0.1:${svc}/feed?api_key=${API_KEY}&format=json", interval: 1s, timeout: 500ms }
`);
});
afterAll(async () => {
  await stopProcess(daemon);
  service.close();
});

describe('credentials in target addresses', () => {
  it('never reach the status page, the API, the log or the database; the log still names who reloaded', { timeout: 120_000 }, async () => {
    daemon = startSlaguard(['run', '--config', join(dir, 'slaguard.yaml'), '--log-level', 'debug'], { cwd: dir });
    const targets = async () => JSON.parse((await httpGet(`${base}/api/targets`, auth)).text) as { targets: Array<{ name: string; status: string; address: string; reason: string }> };
    await waitFor('both targets down', async () => (await targets()).targets.every((t) => t.status === 'down'), 60_000);

    const api = await targets();
    const portal = api.targets.find((t) => t.name === 'portal')!;
    expect(portal.address).toMatch(/^http:\/\/admin:\*\*\*@127\.0\.0\.1:\d+\/login$/);
    expect(portal.reason).toMatch(/^PROTOCOL: http:\/\/admin:\*\*\*@127\.0\.0\.1:\d+\/login answered HTTP 500$/);
    expect(api.targets.find((t) => t.name === 'feed')!.address).toMatch(/\/feed\?api_key=\*\*\*&format=json$/);
    const history = (await httpGet(`${base}/api/targets/portal/history`, auth)).text;
    const page = (await httpGet(`${base}/`)).text;
    expect(page).toMatch(/answered HTTP 500/);

    const reload = await fetch(`${base}/api/reload`, { method: 'POST', headers: auth });
    expect(reload.status).toBe(200);
    await waitFor('the reload logged', () => /configuration reloaded/.test(daemon!.output()), 30_000);
    await stopProcess(daemon);

    const log = daemon.output();
    expect(log).toMatch(/"token_name":"ops-admin"[^\n]*"msg":"reload requested through the API"/);
    expect(log).toMatch(/target poll failed/);
    const files = readdirSync(join(dir, 'data')).map((f) => readFileSync(join(dir, 'data', f)).toString('latin1')).join('\n');
    expect(files).toMatch(/answered HTTP 500/);
    for (const [where, text] of Object.entries({ api: JSON.stringify(api), history, page, log, files })) {
      for (const secret of [PASSWORD, API_KEY, TOKEN]) expect({ where, leaked: text.includes(secret) }).toEqual({ where, leaked: false });
    }
  });
});
