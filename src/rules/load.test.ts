import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText } from '../config/load.ts';
import { ConfigError, formatProblem } from '../errors.ts';
import { knownMetricNames, loadRulePacks } from './load.ts';

const dir = join(import.meta.dirname, '../../test/fixtures/rules');

describe('rule packs', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.bad.yaml')))('%s: every expected problem, located, and nothing else', (name) => {
    const expected = readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l.startsWith('# expect: ')).map((l) => `${join(dir, name)}:${l.slice(10)}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(loadRulePacks([name], dir).problems.map(formatProblem)).toEqual(expected);
  });

  it.each([['a FIFO', 'a FIFO'], ['/dev/zero', 'a character device']])('a rule file that is %s is a located problem, never waited on', (what, kind) => {
    const file = what === 'a FIFO' ? join(mkdtempSync(join(tmpdir(), 'rule-fifo-')), 'pack.yaml') : what;
    if (what === 'a FIFO') execFileSync('mkfifo', [file]);
    expect(loadRulePacks([file], dir).problems.map(formatProblem)).toEqual([`${file}:1:1: cannot read rule file: not a regular file (${kind})`]);
  });

  it('accepts a metric an SNMP profile declares beyond names.ts', () => {
    expect(knownMetricNames().has('slaguard_ups_battery_status')).toBe(true);
    const { rules, problems } = loadRulePacks(['packs/power.yaml'], dir);
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.spec.id)).toEqual(['battery-status-low']);
  });
});

describe('rules in the config', () => {
  it('slaguard check lists config and rule problems together, each FILE:LINE:COL', () => {
    const file = join(dir, 'with-rules.yaml');
    let problems: string[] = [];
    try {
      loadConfigFile(file, {});
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems = err.problems.map(formatProblem);
    }
    expect(problems).toEqual([
      `${file}:8:51: targets[0].intervall: unknown key "intervall"`,
      `${file}:3:5: rule_files[1]: "missing/*.yaml" matches no file`,
      `${join(dir, 'packs/broken.yaml')}:4:15: rules[0].severity: Invalid option: expected one of "critical"|"warning"|"info"`,
      `${file}:6:24: rules.depends_on[0].rule: no rule "no-such-rule" is loaded`,
    ]);
  });

  it('loads the default pack when rule_files is left out, and carries the engine settings', () => {
    const config = parseConfigText('rules: { flapping: { changes: 3, stable_for: 10m } }\n', { file: 'x.yaml', baseDir: dir });
    expect(config.rules.loaded.map((r) => r.spec.id)).toContain('ups-on-battery');
    expect(config.rules.settings.flapping).toEqual({ changes: 3, window: 3_600_000, stable_for: 600_000 });
  });
});
