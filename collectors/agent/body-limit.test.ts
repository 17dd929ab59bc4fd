import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/errors.ts';
import { waitFor } from '../../test/helpers/components.ts';
import { startEndlessServer, type EndlessServer } from '../../test/helpers/endless-body.ts';
import { agentKind, agentOptionsSchema } from './index.ts';

const collector = agentKind.create({ logger: undefined as never });
let endless: EndlessServer;
let lying: EndlessServer;
beforeAll(async () => {
  endless = await startEndlessServer();
  lying = await startEndlessServer(1_000_000_000);
});
afterAll(async () => Promise.all([endless.close(), lying.close()]));

async function scrape(address: string, options: Record<string, unknown>): Promise<CollectError | undefined> {
  const target = { name: 'big', kind: 'agent', address, options: agentOptionsSchema.parse(options), intervalMs: 60_000, timeoutMs: 30_000, labels: {} };
  try {
    await collector.collect(target, AbortSignal.timeout(30_000));
    return undefined;
  } catch (err) {
    if (!(err instanceof CollectError)) throw err;
    return err;
  }
}

describe('agent collector body limit', () => {
  it('an endless metrics page fails the poll as "body_too_large" at the default 10 MiB, reading no further', async () => {
    const rssBefore = process.memoryUsage().rss;
    const error = await scrape(endless.url, {});
    expect(error).toMatchObject({ code: 'PROTOCOL', reason: 'body_too_large' });
    expect(error?.message).toBe(`${endless.url}: body larger than max_body_bytes (10485760; more sent)`);
    await waitFor('the server to see the connection closed', () => endless.last().closed);
    expect(endless.last().sent).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('max_body_bytes sets the limit; an announced length over it is refused before reading', async () => {
    expect(await scrape(endless.url, { max_body_bytes: 65_536 })).toMatchObject({ reason: 'body_too_large', message: `${endless.url}: body larger than max_body_bytes (65536; more sent)` });
    expect(await scrape(lying.url, { max_body_bytes: 65_536 })).toMatchObject({ reason: 'body_too_large', message: `${lying.url}: body larger than max_body_bytes (65536; 1000000000 bytes announced)` });
  });
});
