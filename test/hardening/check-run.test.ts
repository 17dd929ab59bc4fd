import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, requireBinary, stopProcess, waitFor } from '../helpers/components.ts';
import { SLAGUARD_BIN, startSlaguard } from '../helpers/slaguard.ts';

const dir = mkdtempSync(join(tmpdir(), 'check-run-'));
const fixtures = join(import.meta.dirname, '../fixtures/config');

/** `slaguard ARGS` to its end (killed after 90 s): exit code and both outputs. */
async function slaguard(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SLAGUARD_BIN, ...args], { encoding: 'utf8', timeout: 90_000 });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return { status: typeof e.code === 'number' ? e.code : null, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function openssl(...args: string[]): void {
  execFileSync(requireBinary('/usr/bin/openssl', 'openssl'), args, { stdio: 'ignore' });
}

function tlsConfig(name: string, cert: string, key: string, port = 9464): string {
  const file = join(dir, name);
  writeFileSync(file, `server:\n  listen: "127.0.0.1:${port}"\n  tls: { cert_file: ${cert}, key_file: ${key} }\nstorage: { path: ":memory:" }\n`);
  return file;
}

beforeAll(() => {
  for (const name of ['a', 'b']) {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`),
      '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
  }
  writeFileSync(join(dir, 'garbage.crt'), 'not a certificate\n');
});

describe('check accepts exactly what run can start', () => {
  it.each(['durations.bad.yaml', 'addresses.bad.yaml', 'default-timeout.bad.yaml'])('%s: check and run both refuse it with the same located problems', async (name) => {
    const file = join(fixtures, name);
    const [check, run] = await Promise.all([slaguard('check', '--config', file), slaguard('run', '--config', file)]);
    expect(check.status).toBe(1);
    expect(run.status).toBe(1);
    expect(check.stderr).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}:\\d+:\\d+: `));
    expect(run.stderr).toBe(check.stderr);
  }, 120_000);

  it('a refused address keeps its password out of the printed problem, in check and in run', async () => {
    const file = join(dir, 'nut-userinfo.yaml');
    writeFileSync(file, 'targets:\n  - { name: ups1, kind: nut, address: "monuser:NutSecret8@host:notaport" }\n');
    const [check, run] = await Promise.all([slaguard('check', '--config', file), slaguard('run', '--config', file)]);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}:2:\\d+: targets\\[0\\]\\.address: "monuser:\\*\\*\\*@host:notaport"`));
    expect(check.stderr + run.stderr).not.toContain('NutSecret8');
    expect(run.stderr).toBe(check.stderr);
  }, 120_000);

  it('TLS files that are missing, not PEM, or do not belong together are located problems in check and in run', async () => {
    const missing = tlsConfig('tls-missing.yaml', 'no-such.crt', 'no-such.key');
    const garbage = tlsConfig('tls-garbage.yaml', 'garbage.crt', 'a.key');
    const mismatch = tlsConfig('tls-mismatch.yaml', 'a.crt', 'b.key');
    const results = await Promise.all([missing, garbage, mismatch].flatMap((f) => [slaguard('check', '--config', f), slaguard('run', '--config', f)]));
    for (const r of results) {
      expect(r.status).toBe(1);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    const [checkMissing, runMissing, checkGarbage, , checkMismatch, runMismatch] = results;
    expect(checkMissing!.stderr).toBe([
      `${missing}:3:21: server.tls.cert_file: cannot read "${join(dir, 'no-such.crt')}": ENOENT: no such file or directory, open '${join(dir, 'no-such.crt')}'`,
      `${missing}:3:44: server.tls.key_file: cannot read "${join(dir, 'no-such.key')}": ENOENT: no such file or directory, open '${join(dir, 'no-such.key')}'`,
      '2 problems found', '',
    ].join('\n'));
    expect(runMissing!.stderr).toBe(checkMissing!.stderr);
    expect(checkGarbage!.stderr).toMatch(new RegExp(`^.*tls-garbage\\.yaml:3:21: server\\.tls\\.cert_file: ".*garbage\\.crt" is not a PEM certificate: `));
    expect(checkMismatch!.stderr).toBe(`${mismatch}:3:38: server.tls.key_file: "${join(dir, 'b.key')}" is not the private key of the certificate in "${join(dir, 'a.crt')}"\n1 problem found\n`);
    expect(runMismatch!.stderr).toBe(checkMismatch!.stderr);
  }, 120_000);

  describe('a matching certificate and key', () => {
    let daemon: ReturnType<typeof startSlaguard> | undefined;
    afterAll(async () => stopProcess(daemon));

    it('pass check, and run serves HTTPS with them', async () => {
      const port = await freePort();
      const file = tlsConfig('tls-good.yaml', 'a.crt', 'a.key', port);
      const check = await slaguard('check', '--config', file);
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
      daemon = startSlaguard(['run', '--config', file]);
      const get = () => new Promise<number>((resolve, reject) => {
        https.get(`https://127.0.0.1:${port}/healthz`, { ca: readFileSync(join(dir, 'a.crt')) }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      await waitFor('the daemon to serve HTTPS', async () => (await get()) === 200);
    });
  });
});
