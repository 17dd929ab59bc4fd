import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, httpGet, stopProcess, waitFor } from '../helpers/components.ts';
import { startSlaguard } from '../helpers/slaguard.ts';
import { VERSION } from '../../src/version.ts';

const dir = mkdtempSync(join(tmpdir(), 'run-output-'));
let daemon: ReturnType<typeof startSlaguard> | undefined;
afterEach(async () => stopProcess(daemon));

async function start(port: number, until: string, ...flags: string[]): Promise<string> {
  const config = join(dir, `run-${port}.yaml`);
  writeFileSync(config, `server: { listen: "127.0.0.1:${port}" }\nstorage: { path: ":memory:" }\n`);
  daemon = startSlaguard(['run', '--config', config, ...flags]);
  await waitFor('the daemon to listen', async () => (await httpGet(`http://127.0.0.1:${port}/healthz`)).status === 200);
  await waitFor('the start-up output', () => daemon!.output().includes(until));
  return daemon.output();
}

describe('slaguard run output', () => {
  it('not on a terminal: JSON log lines only', async () => {
    const port = await freePort();
    const lines = (await start(port, `listening on 127.0.0.1:${port}`)).trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain(`slaguard ${VERSION} listening on 127.0.0.1:${port}`);
  });

  it('--log-format pretty (what a terminal gets): one plain line with the status page and the ledger', async () => {
    const port = await freePort();
    const output = await start(port, '(Ctrl-C to stop)', '--log-format', 'pretty');
    expect(output).toContain(`slaguard ${VERSION}: status page http://127.0.0.1:${port}/ · 0 targets · ledger :memory: (Ctrl-C to stop)\n`);
    expect(output).not.toMatch(/^\{/m);
  });
});
