import { X509Certificate } from 'node:crypto';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { z } from 'zod';
import { MAX_CONFIG_BYTES, parseHttpUrl, readRegularFile, resolveConfigPath } from '../../src/collector/options.ts';
import type { CollectorKind } from '../../src/collector/types.ts';
import { HTTP } from '../../src/metrics/names.ts';
import { probe, type ProbeSpec } from './probe.ts';

const statusRange = z.union([
  z.number().int().min(100).max(599).transform((n) => [n, n] as const),
  z
    .string()
    .regex(/^[1-5]\d\d-[1-5]\d\d$|^[1-5]xx$/, { error: 'expected a status code (200), a range ("200-299") or a class ("2xx")' })
    .transform((s) => (s.endsWith('xx') ? ([Number(s[0]) * 100, Number(s[0]) * 100 + 99] as const) : (s.split('-').map(Number) as [number, number]))),
]);

/** Options of the `http` kind (the URL is the target's `address`). */
export const httpOptionsSchema = z.strictObject({
  method: z.enum(['GET', 'HEAD', 'POST']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}).superRefine((headers, ctx) => {
    for (const [name, value] of Object.entries(headers)) {
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: [name], message: (err as Error).message });
      }
    }
  }),
  body: z.string().optional(),
  expect_status: z.array(statusRange).min(1).default([[200, 399]]),
  expect_body: z.string().min(1).optional(),
  tls: z
    .strictObject({
      insecure_skip_verify: z.boolean().default(false),
      ca_file: z.string().transform(readCaFile).optional(),
    })
    .prefault({}),
  /** The largest body read; a longer one fails the probe (`body_too_large`). */
  max_body_bytes: z.number().int().min(1).max(1024 * 1024 * 1024).default(1_048_576),
});

/** Reads and checks a CA bundle when the config is loaded, so that a probe never reads a file. */
function readCaFile(path: string, ctx: z.RefinementCtx): string {
  const file = resolveConfigPath(path);
  try {
    const pem = readRegularFile(file, MAX_CONFIG_BYTES);
    new X509Certificate(pem);
    return pem;
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `cannot use "${file}" as CA certificates: ${(err as Error).message}` });
    return z.NEVER;
  }
}

type HttpOptions = z.output<typeof httpOptionsSchema>;

function toSpec(address: string, o: HttpOptions): ProbeSpec {
  return {
    url: new URL(address),
    method: o.method,
    headers: o.headers,
    body: o.body,
    expectStatus: o.expect_status,
    expectBody: o.expect_body,
    insecureSkipVerify: o.tls.insecure_skip_verify,
    ca: o.tls.ca_file,
    maxBodyBytes: o.max_body_bytes,
  };
}

/** `http`: an HTTP(S) availability probe, the basis of application availability (chapter 9). */
export const httpKind: CollectorKind<typeof httpOptionsSchema> = {
  kind: 'http',
  description: 'an HTTP(S) endpoint: status, latency, expected body text, TLS certificate expiry',
  optionsSchema: httpOptionsSchema,
  addressRequired: true,
  checkAddress: parseHttpUrl,
  keyValues: [
    { metric: HTTP.statusCode.name, label: { 'zh-CN': '状态码', en: 'Status' }, format: 'number' },
    { metric: HTTP.duration.name, label: { 'zh-CN': '响应时间', en: 'Latency' }, format: 'seconds' },
    { metric: HTTP.certDaysLeft.name, label: { 'zh-CN': '证书剩余', en: 'Cert left' }, format: 'days-until' },
  ],
  create: () => ({ collect: (target, signal) => probe(toSpec(target.address, target.options), signal) }),
};
