import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../src/reports/index.ts';
import { SLAGUARD_BIN } from './helpers/slaguard.ts';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'cli-commands-'));
const good = join(root, 'test/fixtures/config/full.good.yaml');

/** `slaguard ARGS` to its end: exit code and both outputs. */
async function slaguard(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SLAGUARD_BIN, ...args], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, SLAGUARD_TEST_TOKEN: '' },
    });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return { status: typeof e.code === 'number' ? e.code : null, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The command names under "Commands:" in a help text, without `help`. */
const commandsIn = (help: string) =>
  [...(help.split('\nCommands:\n')[1] ?? '').matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');

describe('slaguard --help', () => {
  it('lists exactly the commands the README\'s CLI section shows, each group with its subcommands', async () => {
    const cliBlock = /## CLI\n\n```\n([\s\S]*?)```/.exec(readFileSync(join(root, 'README.md'), 'utf8'))?.[1] ?? '';
    const documented = [...cliBlock.matchAll(/^npx slaguard ((?:[a-z]+ ?)+)/gm)].map((m) => m[1]!.trim()).sort();
    expect(documented.length).toBeGreaterThan(5);
    const top = await slaguard('--help');
    expect(top.status).toBe(0);
    const listed = await Promise.all(commandsIn(top.stdout).map(async (command) => {
      const sub = commandsIn((await slaguard(command, '--help')).stdout);
      return sub.length > 0 ? sub.map((s) => `${command} ${s}`) : [command];
    }));
    expect(listed.flat().sort()).toEqual(documented);
  }, 120_000);

  it('report --help offers every report format there is', { timeout: 60_000 }, async () => {
    const help = (await slaguard('report', '--help')).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`formats separated by commas: ${Object.keys(REPORT_FORMATS).join(', ')}`);
  });

  it('an unknown command and a missing required option are refused as before', async () => {
    const [unknown, missing] = await Promise.all([slaguard('chek'), slaguard('check')]);
    expect(unknown).toMatchObject({ status: 1, stderr: "error: unknown command 'chek'\n(Did you mean check?)\n" });
    expect(missing).toMatchObject({ status: 1, stderr: "error: required option '-c, --config <file>' not specified\n" });
  }, 120_000);
});

describe('every command runs its own code', { timeout: 60_000 }, () => {
  it('run: a missing config is one located problem', async () => {
    const run = await slaguard('run', '--config', join(dir, 'missing.yaml'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/missing\.yaml:1:1: cannot read config file: ENOENT/);
  });

  it('agent: a bad --listen names the flag', async () => {
    const run = await slaguard('agent', '--listen', '127.0.0.1:99999');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^--listen: /);
  });

  it('snmp probe: a bad -t names the flag', async () => {
    const run = await slaguard('snmp', 'probe', '127.0.0.1', '-t', 'soon');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^-t\/--timeout: /);
  });

  it('report and evidence export: a bad --month is refused after the config is read', async () => {
    const runs = await Promise.all([['report'], ['evidence', 'export']].map((command) => slaguard(...command, '--month', '2026-13', '--config', good)));
    for (const run of runs) expect(run).toMatchObject({ status: 1, stderr: '--month: "2026-13" is not a month (YYYY-MM)\n' });
  }, 120_000);

  it('evidence verify: a file that is not there is named', async () => {
    const run = await slaguard('evidence', 'verify', join(dir, 'none.jsonl'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/none\.jsonl: ENOENT/);
  });

  it('rules export: writes the rule files of the default pack', async () => {
    const out = join(dir, 'rules');
    const run = await slaguard('rules', 'export', '--config', good, '--out', out);
    expect(run.stdout).toMatch(/slaguard-rules\.yml: \d+ alerting rules from 32 pack rules/);
    expect(readFileSync(join(out, 'slaguard-rules.yml'), 'utf8')).toContain('alert: ');
  });
});

describe('check with SNMP targets', { timeout: 60_000 }, () => {
  it('an unknown profile a target names is located at FILE:LINE:COL', async () => {
    const file = join(dir, 'snmp-profile.yaml');
    writeFileSync(file, [
      'storage: { path: ":memory:" }',
      'targets:',
      '  - name: ups-a1',
      '    kind: snmp',
      '    address: 10.10.1.21',
      '    options:',
      '      profiles: [ups-mib, no-such-profile]',
      '',
    ].join('\n'));
    const run = await slaguard('check', '--config', file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^${file}:7:27: targets\\[0\\]\\.options\\.profiles\\[1\\]: unknown SNMP profile "no-such-profile"; known: .*\\bups-mib\\b`));
    expect(run.stderr).toMatch(/\n1 problem found\n$/);
  });

  it('a config whose SNMP targets take their profiles automatically passes', async () => {
    const file = join(dir, 'snmp-auto.yaml');
    writeFileSync(file, 'storage: { path: ":memory:" }\ntargets:\n  - { name: ups-a1, kind: snmp, address: 10.10.1.21 }\n');
    const run = await slaguard('check', '--config', file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${file}: OK (1 targets, 32 rules)\n`);
  });
});
