import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';
import { HTTP } from '../../src/metrics/names.ts';
import { startEndlessServer } from '../../test/helpers/endless-body.ts';
import { requireBinary, waitFor } from '../../test/helpers/components.ts';
import { httpKind, httpOptionsSchema } from './index.ts';

const collector = httpKind.create({ logger: undefined as never });
const servers: Array<http.Server> = [];
let base = '';
let tlsBase = '';
let caFile = '';

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const handler: http.RequestListener = (req, res) => {
  if (req.url === '/ok') res.end('service OK');
  else if (req.url === '/500') res.writeHead(500).end('internal error');
  else if (req.url === '/slow') setTimeout(() => res.end('late'), 3_000).unref();
  else res.writeHead(404).end();
};

beforeAll(async () => {
  base = `http://127.0.0.1:${await listen(http.createServer(handler))}`;
  // A self-signed certificate that expires in 3 days, made with the real openssl.
  const dir = mkdtempSync(join(tmpdir(), 'probe-tls-'));
  caFile = join(dir, 'cert.pem');
  execFileSync(requireBinary('/usr/bin/openssl', 'openssl'), [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', caFile,
    '-days', '3', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ], { stdio: 'ignore' });
  const tlsServer = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(caFile) }, handler);
  tlsBase = `https://127.0.0.1:${await listen(tlsServer)}`;
});
afterAll(() => servers.forEach((s) => s.close()));

async function probe(address: string, options: Record<string, unknown> = {}, timeoutMs = 2_000): Promise<{ samples: Sample[]; error?: CollectError }> {
  const target = { name: 't', kind: 'http', address, options: httpOptionsSchema.parse(options), intervalMs: 10_000, timeoutMs, labels: {} };
  try {
    return { samples: await collector.collect(target, AbortSignal.timeout(timeoutMs)) };
  } catch (err) {
    if (!(err instanceof CollectError)) throw err;
    return { samples: [...err.samples], error: err };
  }
}
const value = (samples: Sample[], name: string) => samples.find((s) => s.name === name)?.value;

describe('http probe', () => {
  it('an answering service is up, with its status code and latency', async () => {
    const { samples, error } = await probe(`${base}/ok`, { expect_body: 'OK' });
    expect(error).toBeUndefined();
    expect(value(samples, HTTP.statusCode.name)).toBe(200);
    expect(value(samples, HTTP.bodyMatched.name)).toBe(1);
    expect(value(samples, HTTP.duration.name)).toBeGreaterThan(0);
    expect(value(samples, HTTP.duration.name)).toBeLessThan(2);
  });

  it('HTTP 500 is a failure with reason "status", and the code is still exported', async () => {
    const { samples, error } = await probe(`${base}/500`);
    expect(error).toMatchObject({ code: 'PROTOCOL', reason: 'status' });
    expect(error!.message).toContain('HTTP 500');
    expect(value(samples, HTTP.statusCode.name)).toBe(500);
  });

  it('an expected status list may accept a 404', async () => {
    const { error } = await probe(`${base}/missing`, { expect_status: [404] });
    expect(error).toBeUndefined();
  });

  it('a body without the expected text fails with reason "body"', async () => {
    const { samples, error } = await probe(`${base}/ok`, { expect_body: '政务服务正常' });
    expect(error).toMatchObject({ reason: 'body' });
    expect(value(samples, HTTP.bodyMatched.name)).toBe(0);
  });

  it('an answer slower than the deadline fails with reason "timeout" at the deadline', async () => {
    const t0 = performance.now();
    const { error } = await probe(`${base}/slow`, {}, 300);
    expect(error).toMatchObject({ code: 'TIMEOUT', reason: 'timeout' });
    expect(performance.now() - t0).toBeLessThan(2_500);
  });

  it('a refused connection fails with reason "connect"', async () => {
    const port = await listen(http.createServer());
    await new Promise((r) => servers.pop()!.close(r));
    const { error } = await probe(`http://127.0.0.1:${port}/`);
    expect(error).toMatchObject({ code: 'UNREACHABLE', reason: 'connect' });
    expect(error!.message).toContain('ECONNREFUSED');
  });

  it('a name that does not resolve fails with reason "dns"', async () => {
    const { error } = await probe('http://no-such-host.invalid/');
    expect(error).toMatchObject({ code: 'UNREACHABLE', reason: 'dns' });
  });

  it('a self-signed certificate is a TLS failure unless its CA is given', async () => {
    const { error } = await probe(`${tlsBase}/ok`);
    expect(error).toMatchObject({ code: 'PROTOCOL', reason: 'tls' });
  });

  it('reports the days left on a certificate about to expire', async () => {
    const { samples, error } = await probe(`${tlsBase}/ok`, { tls: { ca_file: caFile } });
    expect(error).toBeUndefined();
    const daysLeft = value(samples, HTTP.certDaysLeft.name)!;
    expect(daysLeft).toBeGreaterThan(2.9);
    expect(daysLeft).toBeLessThanOrEqual(3);
    const expiry = value(samples, HTTP.certExpiry.name)!;
    expect(expiry * 1000 - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
  });

  it('insecure_skip_verify still reports the certificate', async () => {
    const { samples, error } = await probe(`${tlsBase}/ok`, { tls: { insecure_skip_verify: true } });
    expect(error).toBeUndefined();
    expect(value(samples, HTTP.certDaysLeft.name)).toBeGreaterThan(2.9);
  });

  it('an endless body fails the probe as "body_too_large" once past max_body_bytes, without reading on', async () => {
    const endless = await startEndlessServer();
    try {
      const { samples, error } = await probe(endless.url, { max_body_bytes: 65_536 }, 20_000);
      expect(error).toMatchObject({ code: 'PROTOCOL', reason: 'body_too_large' });
      expect(error?.message).toBe(`${endless.url}: body larger than max_body_bytes (65536)`);
      expect(value(samples, HTTP.statusCode.name)).toBe(200);
      await waitFor('the server to see the connection closed', () => endless.last().closed);
      expect(endless.last().sent).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await endless.close();
    }
  });
});
