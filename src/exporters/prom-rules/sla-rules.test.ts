import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBinary } from '../../../test/helpers/components.ts';
import { renderRuleFile } from './render.ts';
import { slaRuleGroups } from './sla-rules.ts';

const FIXTURE = join(import.meta.dirname, '../../../test/fixtures/prom-rules/sla-burn.test.yml');

describe('SLA rules for Prometheus', () => {
  it('pass promtool check rules, and the hand-computed burn-rate fixture (fire and clear) passes promtool test rules', () => {
    const promtool = requireBinary('/usr/bin/promtool', 'prometheus');
    const dir = mkdtempSync(join(tmpdir(), 'prom-rules-'));
    const objectives = [
      { agency: 'ggzy', service: 'portal', targetPercent: 99.9, unknown: 'exclude' as const },
      { agency: 'ggzy', service: 'exchange', targetPercent: 99.5, unknown: 'down' as const },
    ];
    // A one-day month-to-date range keeps promtool's evaluation of the fixture fast; the default is 31d.
    writeFileSync(join(dir, 'slaguard-sla.yml'), renderRuleFile(slaRuleGroups(objectives, { range: '1d', resolution: '1m' }), ['test']));
    copyFileSync(FIXTURE, join(dir, 'sla-burn.test.yml'));
    const check = spawnSync(promtool, ['check', 'rules', join(dir, 'slaguard-sla.yml')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('SUCCESS: 28 rules found');
    expect(check.status).toBe(0);
    const test = spawnSync(promtool, ['test', 'rules', join(dir, 'sla-burn.test.yml')], { encoding: 'utf8' });
    expect(test.stdout + test.stderr).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });

  it('counts unknown time as the service\'s policy says', () => {
    const [exclude] = slaRuleGroups([{ agency: 'a', service: 's', targetPercent: 99, unknown: 'exclude' }]);
    const [down] = slaRuleGroups([{ agency: 'a', service: 's', targetPercent: 99, unknown: 'down' }]);
    const ratio = (g: typeof exclude) => String(g!.rules[0]!.expr);
    expect(ratio(exclude)).not.toContain('state="unknown"');
    expect(ratio(down).split('/')[0]).toContain('state="unknown"');
  });
});
