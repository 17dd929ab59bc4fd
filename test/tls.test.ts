import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { freePort, requireBinary } from './helpers/components.ts';

const dir = mkdtempSync(join(tmpdir(), 'tls-'));
let app: App;
let port = 0;

beforeAll(async () => {
  execFileSync(requireBinary('/usr/bin/openssl', 'openssl'), [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'),
    '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  port = await freePort();
  app = buildApp(parseConfigText(`server: { listen: "127.0.0.1:${port}", tls: { cert_file: tls.crt, key_file: tls.key } }
storage: { path: ':memory:' }
`, { file: join(dir, 'slaguard.yaml'), baseDir: dir }));
  await app.server.listen({ host: '127.0.0.1', port });
  app.start();
});
afterAll(async () => app?.stop());

describe('server TLS', () => {
  it('serves /metrics over HTTPS with the configured certificate', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      https.get(`https://127.0.0.1:${port}/metrics`, { ca: readFileSync(join(dir, 'tls.crt')) }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toMatch(/^slaguard_build_info\{version="[\d.]+"\} 1$/m);
  });
});
