import { describe, expect, it } from 'vitest';
import { profileSchema } from './profile-schema.ts';
import { loadClassRules, loadProfiles, parseText } from './profiles.ts';

/** Profile problems are reported as FILE:LINE:COL, like config errors. */
describe('profile files', () => {
  it('every shipped profile and the class rules load', () => {
    expect(loadProfiles().size).toBeGreaterThan(40);
    expect(loadClassRules().length).toBeGreaterThan(0);
  });

  it('a broken profile is reported at the line and column of each problem', () => {
    const text = [
      'name: broken', //                                                     1
      'description: test', //                                                2
      'metrics:', //                                                         3
      '  - name: slaguard_no_such_metric', //                                4
      '    get: 1.3.6.1.2.1.33.1.2.3', //                                    5
      '  - name: slaguard_ups_battery_charge_ratio', //                      6
      '    get: 1.3.6.1.2.1.33.1.2.4', //                                    7
      '    text: { pattern: "no group" }', //                                8
      '    compute: { op: subtract_from, scalars: [1.3.6.1.2.1.33.1.2.4] }', // 9
      '',
    ].join('\n');
    const problems: string[] = [];
    expect(parseText(text, 'profiles/broken.yaml', profileSchema, problems)).toBeUndefined();
    expect(problems).toContain('profiles/broken.yaml:4:11: metrics.0.name: metric "slaguard_no_such_metric" is not defined in src/metrics/names.ts (every exported name needs its help text there)');
    expect(problems).toContain('profiles/broken.yaml:8:22: metrics.1.text.pattern: the pattern needs a capture group: ( … ) around the number');
    expect(problems).toContain('profiles/broken.yaml:9:14: metrics.1.compute: "constant" goes with "subtract_from" and only with it');
    expect(problems).toHaveLength(3);
  });

  it('a YAML syntax error is located too', () => {
    const problems: string[] = [];
    parseText('name: x\nmetrics: [\n', 'profiles/x.yaml', profileSchema, problems);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^profiles\/x\.yaml:\d+:\d+: /);
  });
});
