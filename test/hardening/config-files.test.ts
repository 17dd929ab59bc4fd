import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, httpGet, stopProcess, waitFor } from '../helpers/components.ts';
import { SLAGUARD_BIN, startSlaguard } from '../helpers/slaguard.ts';

const dir = mkdtempSync(join(tmpdir(), 'config-files-'));
const fixtures = join(import.meta.dirname, '../fixtures/config');
/** `slaguard ARGS`, killed after 20 s so that a hang fails the test instead of stalling the run. */
const slaguard = (...args: string[]) => spawnSync(process.execPath, [SLAGUARD_BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
const fifo = (name: string) => {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
};
const withToken = (name: string, tokenFile: string) => {
  const path = join(dir, name);
  writeFileSync(path, `storage: { path: ":memory:" }\nserver:\n  auth:\n    tokens:\n      - { name: noc, role: viewer, token_file: ${tokenFile} }\n`);
  return path;
};

describe('config and secret files are bounded regular files, never waited on', () => {
  it.each([
    ['/dev/zero', 'a character device'],
    ['a FIFO', 'a FIFO'],
  ])('check --config %s: one located line, exit 1, at once', (what, kind) => {
    const file = what === 'a FIFO' ? fifo('config.fifo') : what;
    const run = slaguard('check', '--config', file);
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe(`${file}:1:1: cannot read config file: not a regular file (${kind})\n1 problem found\n`);
    expect(run.status).toBe(1);
  });

  it.each([
    ['/dev/zero', 'a character device'],
    ['a FIFO', 'a FIFO'],
  ])('token_file: %s is a located problem', (what, kind) => {
    const tokenFile = what === 'a FIFO' ? fifo('token.fifo') : what;
    const config = withToken(`token-${kind.replaceAll(' ', '-')}.yaml`, tokenFile);
    const run = slaguard('check', '--config', config);
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe(`${config}:5:48: server.auth.tokens[0].token_file: cannot read "${tokenFile}": not a regular file (${kind})\n1 problem found\n`);
    expect(run.status).toBe(1);
  });

  it.each([
    [['--token-file', '/dev/zero'], '--token-file: cannot read "/dev/zero": not a regular file (a character device)'],
    [['--listen', '127.0.0.1:99999'], '--listen: "127.0.0.1:99999": the port must be a number from 1 to 65535'],
    [['--tls-cert', '/nonexistent/agent.crt', '--tls-key', '/nonexistent/agent.key'], 'cannot read "/nonexistent/agent.crt": ENOENT: no such file or directory, open \'/nonexistent/agent.crt\''],
  ])('agent %j: one line, exit 1', (flags, line) => {
    const run = slaguard('agent', '--listen', '127.0.0.1:1', ...flags);
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.status).toBe(1);
  });

  it('a config over 64 MiB and a secret over 64 KiB are refused', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(64 * 1024 * 1024)}\n`);
    expect(slaguard('check', '--config', big).stderr).toMatch(/^.*big\.yaml:1:1: cannot read config file: too large \(67108867 bytes; at most 67108864\)$/m);
    rmSync(big);
    const secret = join(dir, 'big.token');
    writeFileSync(secret, 'x'.repeat(64 * 1024 + 1));
    expect(slaguard('check', '--config', withToken('big-token.yaml', secret)).stderr).toMatch(/token_file: cannot read ".*big\.token": too large \(65537 bytes; at most 65536\)$/m);
  });

  it('a YAML alias bomb: located, no stack trace', () => {
    const file = join(fixtures, 'alias-bomb.bad.yaml');
    const run = slaguard('check', '--config', file);
    expect(run.stderr).toBe(`${file}:4:8: YAML: aliases expand beyond the limit of 10000 (a "billion laughs" document?)\n1 problem found\n`);
    expect(run.status).toBe(1);
  });
});

describe('reload of a config that became a FIFO or an alias bomb', () => {
  let daemon: ReturnType<typeof startSlaguard> | undefined;
  afterAll(async () => {
    await stopProcess(daemon);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving and keeps its config; the reload is reported with file and line', async () => {
    const port = await freePort();
    const config = join(dir, 'daemon.yaml');
    writeFileSync(config, `server: { listen: "127.0.0.1:${port}" }\nstorage: { path: ":memory:" }\ntargets:\n  - { name: self, kind: http, address: "http://127.0.0.1:${port}/healthz", interval: 1h }\n`);
    daemon = startSlaguard(['run', '--config', config]);
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the daemon to listen', async () => (await httpGet(`${base}/healthz`)).status === 200);

    rmSync(config);
    execFileSync('mkfifo', [config]);
    daemon.kill('SIGHUP');
    await waitFor('the FIFO reload to be rejected', () => daemon!.output().includes('configuration rejected'));
    expect(daemon.output()).toContain(`${config}:1:1: cannot read config file: not a regular file (a FIFO)`);
    expect((await httpGet(`${base}/healthz`)).status).toBe(200);
    const metrics = (await httpGet(`${base}/metrics`)).text;
    expect(metrics).toMatch(/^slaguard_config_last_reload_successful 0$/m);
    expect(metrics).toMatch(/^slaguard_targets\{kind="http"\} 1$/m);

    rmSync(config);
    copyFileSync(join(fixtures, 'alias-bomb.bad.yaml'), config);
    daemon.kill('SIGHUP');
    await waitFor('the alias bomb to be rejected', () => daemon!.output().includes('aliases expand'));
    expect(daemon.output()).toContain(`${config}:4:8: YAML: aliases expand beyond the limit of 10000`);
    expect((await httpGet(`${base}/healthz`)).status).toBe(200);
  });
});
