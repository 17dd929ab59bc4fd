import { z } from 'zod';
import { parseHttpUrl, resolveSecret, wholeNameRegex } from '../../src/collector/options.ts';
import type { CollectorKind, Sample, Target } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';
import { HOST } from '../../src/metrics/names.ts';
import { expositionToSamples } from './parse-exposition.ts';
import { readBodyLimited } from './read-body.ts';

/** Options of the `agent` kind. */
export const agentOptionsSchema = z
  .strictObject({
    bearer_token: z.string().optional(),
    bearer_token_file: z.string().optional(),
    exclude: wholeNameRegex('(go|process|promhttp|nodejs|slaguard_process|slaguard_nodejs)_.*'),
    /** The largest metrics page read; a longer one fails the poll (`body_too_large`). */
    max_body_bytes: z.number().int().min(1024).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  })
  .transform((o, ctx) => {
    const { bearer_token: token } = resolveSecret(o, 'bearer_token', ctx, false);
    return { token, exclude: o.exclude, maxBodyBytes: o.max_body_bytes };
  });

type AgentOptions = z.output<typeof agentOptionsSchema>;

/** Scrapes one Prometheus text endpoint: a `slaguard agent` or a node_exporter. */
async function scrape(target: Target<AgentOptions>, signal: AbortSignal): Promise<Sample[]> {
  const headers: Record<string, string> = { accept: 'text/plain;version=0.0.4' };
  if (target.options.token !== undefined) headers.authorization = `Bearer ${target.options.token}`;
  let response: Response;
  try {
    response = await fetch(target.address, { headers, signal });
  } catch (err) {
    if (signal.aborted) throw new CollectError('TIMEOUT', `no answer from ${target.address} before the deadline`, { cause: err });
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new CollectError('UNREACHABLE', `cannot reach ${target.address}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, {
      reason: cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN' ? 'dns' : 'connect',
      cause: err,
    });
  }
  if (response.status === 401 || response.status === 403) {
    throw new CollectError('AUTH', `${target.address} refused the bearer token (HTTP ${response.status})`);
  }
  if (!response.ok) throw new CollectError('PROTOCOL', `${target.address} answered HTTP ${response.status}`, { reason: 'status' });
  let text: string;
  try {
    text = await readBodyLimited(response, target.options.maxBodyBytes, target.address);
  } catch (err) {
    if (err instanceof CollectError) throw err;
    if (signal.aborted) throw new CollectError('TIMEOUT', `body from ${target.address} not complete before the deadline`, { cause: err });
    throw new CollectError('UNREACHABLE', `connection to ${target.address} broke: ${(err as Error).message}`, { reason: 'connect', cause: err });
  }
  try {
    return expositionToSamples(text, target.options.exclude, Date.now());
  } catch (err) {
    throw new CollectError('PROTOCOL', `${target.address} did not answer in Prometheus text format: ${(err as Error).message}`, { reason: 'parse', cause: err });
  }
}

/** `agent`: a `slaguard agent` or any Prometheus text endpoint (node_exporter), by URL. */
export const agentKind: CollectorKind<typeof agentOptionsSchema> = {
  kind: 'agent',
  description: 'a remote host through `slaguard agent` or node_exporter (Prometheus text over HTTP)',
  optionsSchema: agentOptionsSchema,
  addressRequired: true,
  checkAddress: parseHttpUrl,
  keyValues: [
    { metric: HOST.cpuUtilisation.name, label: { 'zh-CN': 'CPU', en: 'CPU' }, format: 'percent' },
    { metric: HOST.memUtilisation.name, label: { 'zh-CN': '内存', en: 'Memory' }, format: 'percent' },
    { metric: 'node_load1', label: { 'zh-CN': '负载', en: 'Load' }, format: 'number' },
    { metric: HOST.load1.name, label: { 'zh-CN': '负载', en: 'Load' }, format: 'number' },
  ],
  create: () => ({ collect: scrape }),
};
