import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.ts';
import { requireBinary } from './helpers/components.ts';
import { SLAGUARD_BIN } from './helpers/slaguard.ts';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'readme-'));
const configFile = join(dir, 'slaguard.yaml');
const check = (oncallToken: string) => spawnSync(process.execPath, [SLAGUARD_BIN, 'check', '--config', configFile], {
  encoding: 'utf8', env: { ...process.env, SLAGUARD_ONCALL_TOKEN: oncallToken },
});

/** The README's sample config, with the files it names made in a temporary folder instead of /etc/slaguard. */
beforeAll(() => {
  const sample = /## A config\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(sample, 'the yaml block under "## A config"').toBeDefined();
  writeFileSync(configFile, sample!.replaceAll('/etc/slaguard/', `${dir}/`));
  execFileSync(requireBinary('/usr/bin/openssl', 'openssl'), ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tls.key'),
    '-out', join(dir, 'tls.crt'), '-days', '30', '-subj', '/CN=slaguard.example.gov.cn'], { stdio: 'ignore' });
  writeFileSync(join(dir, 'noc.token'), '3f9c1e7a2b5d4f60a8e1\n');
  writeFileSync(join(dir, 'agent.token'), 'agent-token-0123456789\n');
  writeFileSync(join(dir, 'ups.community'), 'ups-ro-community\n');
  writeFileSync(join(dir, 'v3.auth'), 'auth-passphrase-1\n');
  writeFileSync(join(dir, 'v3.priv'), 'priv-passphrase-1\n');
});

describe('the README', () => {
  it('sample config passes check once its files exist and the token is long enough', () => {
    const run = check('oncall-token-0123456789');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^${configFile.replaceAll('/', '\\/')}: OK \\(6 targets, \\d+ rules\\)\\n$`));
    expect(run.status).toBe(0);
  });

  it('says why a short token is refused, as check does', () => {
    const run = check('short');
    expect(run.stderr).toMatch(/^.*slaguard\.yaml:\d+:\d+: server\.auth\.tokens\[1\]\.token: a token must be at least 16 characters$/m);
    expect(run.status).toBe(1);
    expect(readme).toContain('A token must be at least 16 characters');
  });

  it('shows every command as npx slaguard, and npx slaguard works from a checkout', () => {
    const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].filter((m) => m[1] === '' || m[1] === 'sh').map((m) => m[2]!);
    const bare = blocks.flatMap((b) => b.split('\n')).filter((line) => /^(\$ )?slaguard /.test(line));
    expect(bare).toEqual([]);
    const inline = [...readme.matchAll(/`(slaguard [a-z]+ [^`]*)`/g)].map((m) => m[1]!).filter((cmd) => /\s(--?[a-z]|[A-Z]{3,}\b)/.test(cmd));
    expect(inline).toEqual([]);
    const npx = spawnSync('npx', ['--no-install', 'slaguard', '--version'], { cwd: root, encoding: 'utf8' });
    expect(npx.stdout.trim()).toBe(VERSION);
  });
});
