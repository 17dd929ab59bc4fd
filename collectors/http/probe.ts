import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Sample } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';
import { HTTP } from '../../src/metrics/names.ts';

/** A checked probe definition (the `http` kind's options plus the URL). */
export interface ProbeSpec {
  url: URL;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  body: string | undefined;
  expectStatus: ReadonlyArray<readonly [number, number]>;
  expectBody: string | undefined;
  insecureSkipVerify: boolean;
  /** PEM certificates to trust (read from `tls.ca_file` when the config was loaded). */
  ca: string | undefined;
  maxBodyBytes: number;
}

const DAY_MS = 86_400_000;
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED']);

/**
 * Probes one URL once. Resolves with the samples of a probe that met its expectations; otherwise
 * throws a `CollectError` whose `reason` is dns, connect, tls, timeout, status or body and whose
 * `samples` carry what was measured (status code, latency, certificate expiry).
 */
export function probe(spec: ProbeSpec, signal: AbortSignal, now: () => number = Date.now): Promise<Sample[]> {
  const started = performance.now();
  const isHttps = spec.url.protocol === 'https:';
  const samples: Sample[] = [];
  const gauge = (def: { name: string }, value: number) => samples.push({ name: def.name, labels: {}, value, ts: now(), kind: 'gauge' });

  return new Promise<Sample[]>((resolve, reject) => {
    const options: https.RequestOptions = {
      method: spec.method,
      headers: { 'user-agent': 'slaguard-probe', ...spec.headers },
      agent: false,
      signal,
    };
    if (isHttps) {
      options.rejectUnauthorized = !spec.insecureSkipVerify;
      if (spec.ca !== undefined) options.ca = spec.ca;
    }
    const request = (isHttps ? https : http).request(spec.url, options, (res) => {
      if (isHttps) {
        const cert = (res.socket as TLSSocket).getPeerCertificate?.();
        const notAfter = cert?.valid_to ? Date.parse(cert.valid_to) : Number.NaN;
        if (Number.isFinite(notAfter)) {
          gauge(HTTP.certExpiry, notAfter / 1000);
          gauge(HTTP.certDaysLeft, Math.floor(((notAfter - now()) / DAY_MS) * 100) / 100);
        }
      }
      const status = res.statusCode ?? 0;
      gauge(HTTP.statusCode, status);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= spec.maxBodyBytes) {
          chunks.push(chunk);
          return;
        }
        gauge(HTTP.duration, (performance.now() - started) / 1000);
        reject(new CollectError('PROTOCOL', `${spec.url.href}: body larger than max_body_bytes (${spec.maxBodyBytes})`, { reason: 'body_too_large', samples }));
        res.destroy();
      });
      res.on('error', (err) => reject(classify(err, signal, spec.url, samples)));
      res.on('end', () => {
        gauge(HTTP.duration, (performance.now() - started) / 1000);
        if (!spec.expectStatus.some(([lo, hi]) => status >= lo && status <= hi)) {
          reject(new CollectError('PROTOCOL', `${spec.url.href} answered HTTP ${status}`, { reason: 'status', samples }));
          return;
        }
        if (spec.expectBody !== undefined) {
          const matched = Buffer.concat(chunks).toString('utf8').includes(spec.expectBody);
          gauge(HTTP.bodyMatched, matched ? 1 : 0);
          if (!matched) {
            reject(new CollectError('PROTOCOL', `${spec.url.href}: body does not contain "${spec.expectBody}"`, { reason: 'body', samples }));
            return;
          }
        }
        resolve(samples);
      });
    });
    request.on('error', (err) => reject(classify(err, signal, spec.url, samples)));
    request.end(spec.body);
  });
}

function classify(err: Error & { code?: string }, signal: AbortSignal, url: URL, samples: Sample[]): CollectError {
  const code = err.code ?? '';
  if (signal.aborted) return new CollectError('TIMEOUT', `${url.href}: no complete answer before the deadline`, { reason: 'timeout', samples, cause: err });
  if (DNS_CODES.has(code)) return new CollectError('UNREACHABLE', `${url.hostname}: name does not resolve (${code})`, { reason: 'dns', samples, cause: err });
  if (CONNECT_CODES.has(code)) return new CollectError('UNREACHABLE', `${url.host}: cannot connect (${code})`, { reason: 'connect', samples, cause: err });
  if (isTlsError(code)) return new CollectError('PROTOCOL', `${url.host}: TLS failed (${code}: ${err.message})`, { reason: 'tls', samples, cause: err });
  return new CollectError('PROTOCOL', `${url.href}: ${err.message}`, { reason: 'protocol', samples, cause: err });
}

function isTlsError(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH|EPROTO)/.test(code);
}
