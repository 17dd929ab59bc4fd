import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shardOf } from '../src/shard/shard.ts';
import { freePort, stopProcess, waitFor } from './helpers/components.ts';
import { SLAGUARD_BIN, startSlaguard } from './helpers/slaguard.ts';

const TOKEN = 'shard-test-viewer-token';
const dir = mkdtempSync(join(tmpdir(), 'slaguard-shard-'));
const names = Array.from({ length: 300 }, (_, i) => `probe-${String(i).padStart(3, '0')}`);
const hits = new Map<string, number>();
const children: Array<ReturnType<typeof startSlaguard>> = [];
let web: Server;

afterAll(async () => {
  await Promise.all(children.map((c) => stopProcess(c)));
  web?.close();
});

/** One config for every instance; each gets its own port and ledger from the environment. */
function writeConfig(webPort: number): string {
  const file = join(dir, 'slaguard.yaml');
  writeFileSync(file, `server:
  listen: 127.0.0.1:\${SLAGUARD_PORT}
  auth: { tokens: [{ name: noc, role: viewer, token: ${TOKEN} }] }
storage:
  path: \${SLAGUARD_DB}
scheduler: { jitter: false }
defaults: { interval: 1h, timeout: 5s }
targets:
${names.map((n) => `  - { name: ${n}, kind: http, address: http://127.0.0.1:${webPort}/${n} }`).join('\n')}
`);
  return file;
}

const get = async (port: number, path: string) => (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

describe('sharding', () => {
  it('three instances with --shard i/3 and one config of 300 targets poll each target exactly once', async () => {
    web = createServer((req, res) => {
      hits.set(req.url!.slice(1), (hits.get(req.url!.slice(1)) ?? 0) + 1);
      res.end('ok');
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const config = writeConfig((web.address() as { port: number }).port);
    const ports: number[] = [];
    for (const i of [1, 2, 3]) {
      const port = await freePort();
      ports.push(port);
      children.push(startSlaguard(['run', '-c', config, '--shard', `${i}/3`], { env: { SLAGUARD_PORT: String(port), SLAGUARD_DB: join(dir, `shard-${i}.db`) } }));
    }
    await waitFor('all 300 probes answered', () => hits.size === 300, 60_000);

    const seen = new Map<string, number>();
    for (const [k, port] of ports.entries()) {
      const { targets } = JSON.parse(await get(port, '/api/targets')) as { targets: Array<{ name: string }> };
      const mine = targets.map((t) => t.name).sort();
      expect(mine).toEqual(names.filter((n) => shardOf(n, 3) === k + 1));
      expect(mine.length).toBeGreaterThan(60);
      for (const n of mine) seen.set(n, (seen.get(n) ?? 0) + 1);
      await waitFor(`shard ${k + 1} exports its targets`, async () => {
        const up = (await get(port, '/metrics')).split('\n').filter((l) => l.startsWith('slaguard_target_up{'));
        return up.length === mine.length && up.every((l) => l.includes(`shard="${k + 1}/3"`));
      });
      expect(await get(port, '/metrics')).toMatch(new RegExp(`^slaguard_build_info\\{version="[^"]+",shard="${k + 1}/3"\\} 1$`, 'm'));
    }
    expect([...seen.keys()].sort()).toEqual(names);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect([...hits.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);

  it('rejects a bad shard with the flag named, and a bad shard: in the config with its line', () => {
    const bad = spawnSync(process.execPath, [SLAGUARD_BIN, 'run', '--shard', '4/3'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('--shard 4/3: the shard must be from 1 to 3 (shards count from 1), not 4');
    const file = join(dir, 'bad-shard.yaml');
    writeFileSync(file, 'storage: { path: x.db }\nshard: "0/3"\n');
    const check = spawnSync(process.execPath, [SLAGUARD_BIN, 'check', '-c', file], { encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`${file}:2:8: shard: the shard must be from 1 to 3 (shards count from 1), not 0`);
  }, 60_000);
});
