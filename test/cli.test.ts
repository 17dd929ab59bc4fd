import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
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
    expect(run.stdout).toContain('OK (3 targets, 32 rules)');
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

describe('slaguard snmp probe', () => {
  it('identifies a recorded Eaton UPS and prints what it would export', () => {
    const run = slaguard('snmp', 'probe', `127.0.0.1:${inject('snmpsim').port}`, '-c', 'ups/eaton-93e-80');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^sysDescr: +EATON 93E 80$/m);
    expect(run.stdout).toMatch(/^class: +ups$/m);
    expect(run.stdout).toMatch(/^profiles: .*\bups-mib\b/m);
    // upsEstimatedMinutesRemaining.0 = 1092 in the recording
    expect(run.stdout).toMatch(/^slaguard_ups_battery_runtime_seconds 65520$/m);
    expect(run.stdout).toMatch(/^slaguard_ups_input_voltage_volts\{line="3"\} 233$/m);
  });

  it('SNMPv3 with DES privacy works under the legacy OpenSSL provider, and says how when it is missing', () => {
    const args = ['snmp', 'probe', `127.0.0.1:${inject('snmpd').port}`, '-v', '3', '-u', 'desuser', '-A', 'authpass123', '-x', 'des', '-X', 'privpass123', '-t', '3'];
    const withProvider = spawnSync(process.execPath, ['--openssl-legacy-provider', SLAGUARD_BIN, ...args], { encoding: 'utf8' });
    expect(withProvider.stdout).toMatch(/^sysName: +slaguard-test-snmpd$/m);
    const without = slaguard(...args);
    expect(without.status).toBe(1);
    expect(without.stderr).toMatch(/^CONFIG: .*NODE_OPTIONS=--openssl-legacy-provider/);
  });

  it.each([['5s'], ['4.5']])('-t takes a duration as the config does (5s); a bare number is seconds (-t %s)', (timeout) => {
    const run = slaguard('snmp', 'probe', `127.0.0.1:${inject('snmpsim').port}`, '-c', 'ups/eaton-93e-80', '-t', timeout);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^sysDescr: +EATON 93E 80$/m);
  });

  it.each([
    [['-t', 'abc'], '-t/--timeout: expected a duration such as "30s", "5m", "1h30m" or "500ms"'],
    [['-t', '2h'], '-t/--timeout: must be at most 1h'],
    [['-v', '4'], '-v/--version: Invalid option: expected one of "1"|"3"|"2c"'],
    [['-v', '3', '-u', 'someone', '-a', 'sha1', '-A', 'authpass123', '-X', 'privpass123'], '-a/--auth-protocol: Invalid option: expected one of "md5"|"sha"|"sha224"|"sha256"|"sha384"|"sha512"'],
    [['-v', '3', '-u', 'someone', '-l', 'authNoPriv'], 'SNMPv3 (-v 3): -A/--auth-key is required'],
    [['-t', '0.05'], '-t/--timeout: must be at least 100ms'],
  ])('bad flags %j: one line naming the flag, exit 1', (flags, line) => {
    const run = slaguard('snmp', 'probe', '127.0.0.1:1', ...flags);
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(1);
  });

  it('says why when the device does not answer, and exits 1', () => {
    const run = slaguard('snmp', 'probe', `127.0.0.1:${inject('snmpsim').port}`, '-c', 'no-such-recording', '-t', '1');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^TIMEOUT: 127\.0\.0\.1:\d+: no answer/);
  });
});

describe('generated files', () => {
  it('config.schema.json is what `npm run gen` writes today', () => {
    expect(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')).toBe(configJsonSchema());
  });
});
