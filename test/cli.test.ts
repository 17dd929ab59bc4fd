import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_PATH, configJsonSchema } from '../src/config/gen-json-schema.ts';
import { VERSION } from '../src/version.ts';
import { SLAGUARD_BIN } from './helpers/slaguard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/config');
const slaguard = (...args: string[]) => spawnSync(process.execPath, [SLAGUARD_BIN, ...args], { encoding: 'utf8', env: { ...process.env, SLAGUARD_TEST_TOKEN: '' } });

describe('slaguard CLI', () => {
  it('check: a broken config prints every problem as FILE:LINE:COL and exits 1', () => {
    const file = join(fixtures, 'typo-keys.bad.yaml');
    const run = slaguard('check', '--config', file);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toEqual([
      `${file}:8:3: server.auht: unknown key "auht"`,
      `${file}:14:7: targets[0].options.expect_staus: unknown key "expect_staus"`,
      `${file}:17:5: targets[1].intervall: unknown key "intervall"`,
      '3 problems found',
      '',
    ]);
  });

  it('check: a good config exits 0', () => {
    const run = slaguard('check', '--config', join(fixtures, 'full.good.yaml'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('OK (3 targets)');
    expect(run.status).toBe(0);
  });

  it('check: a missing file is one clear problem', () => {
    const run = slaguard('check', '--config', '/nonexistent/slaguard.yaml');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^\/nonexistent\/slaguard\.yaml:1:1: cannot read config file: ENOENT/);
  });

  it('--version and --help', () => {
    expect(slaguard('--version').stdout.trim()).toBe(VERSION);
    const help = slaguard('--help').stdout;
    for (const command of ['run', 'check', 'agent']) expect(help).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });
});

describe('generated files', () => {
  it('config.schema.json is what `npm run gen` writes today', () => {
    expect(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')).toBe(configJsonSchema());
  });
});
