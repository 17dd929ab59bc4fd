import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfigText } from '../config/load.ts';
import { ConfigError, formatProblem } from '../errors.ts';
import { alertingSchema, checkReceivers } from './config.ts';

const parse = (text: string) => parseConfigText(text, { file: 'slaguard.yaml', baseDir: process.cwd() });
const problems = (text: string): string[] => {
  try {
    parse(text);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
};

describe('alerting and maintenance config', () => {
  it('a full section loads, with durations in ms and matchers parsed', () => {
    const cfg = parse(`receivers:
  - { name: noc, webhook: { url: "http://127.0.0.1:9/noc" } }
  - { name: police, webhook: { url: "http://127.0.0.1:9/police" } }
  - { name: lead, webhook: { url: "http://127.0.0.1:9/lead" } }
alerting:
  levels: { 1: { acknowledge: 10m, restore: 2h } }
  severity_levels: { warning: 2 }
  escalation: { tiers: [{ receivers: [lead] }], repeat: 20m }
  route:
    receiver: noc
    group_by: [site]
    routes:
      - { matchers: ['agency="市公安局"', 'severity=~"critical|warning"'], receiver: police, continue: true }
maintenance:
  - id: ups-monthly
    matchers: ['site="主机房"']
    ticket: CHG-1
    approved_by: 张三
    announced_at: 2026-03-01T09:00
    nth_weekday: { n: -1, weekday: sun, at: "02:00" }
    duration: 4h
`);
    expect(cfg.alerting.levels[1]).toEqual({ acknowledge: 600_000, restore: 7_200_000 });
    expect(cfg.alerting.levels[4].acknowledge).toBe(8 * 3_600_000);
    expect(cfg.alerting.severity_levels).toEqual({ critical: 1, warning: 2, info: 4 });
    expect(cfg.alerting.route?.routes?.[0]?.matchers).toEqual([{ label: 'agency', op: '=', value: '市公安局' }, { label: 'severity', op: '=~', value: 'critical|warning' }]);
    expect(cfg.maintenance[0]).toMatchObject({ id: 'ups-monthly', timeZone: 'Asia/Shanghai', schedule: { kind: 'nth', n: -1, weekday: 'sun', at: '02:00', durationMs: 14_400_000 } });
  });

  it('problems are located at file:line:col', () => {
    expect(problems(`alerting:
  route:
    receiver: noc
    routes:
      - { matchers: ['severity=critical"'], recevier: x }
maintenance:
  - matchers: ['severity="critical"']
    ticket: T
    approved_by: A
    announced_at: yesterday
    cron: "0 2 * * 0"
`)).toEqual([
      expect.stringMatching(/^slaguard\.yaml:3:15: alerting\.route\.receiver: receiver "noc" does not exist/),
      expect.stringMatching(/^slaguard\.yaml:5:22: alerting\.route\.routes\[0\]\.matchers\[0\]: "severity=critical"" is not a label matcher/),
      expect.stringMatching(/^slaguard\.yaml:5:45: alerting\.route\.routes\[0\]\.recevier: unknown key "recevier"/),
      expect.stringMatching(/^slaguard\.yaml:7:5: maintenance\[0\]: .*a recurring window needs a duration/),
      expect.stringMatching(/^slaguard\.yaml:7:5: maintenance\[0\]: .*needs an id/),
      expect.stringMatching(/^slaguard\.yaml:7:16: maintenance\[0\]\.matchers\[0\]: a maintenance window is scoped by site, target, service, agency only/),
      expect.stringMatching(/^slaguard\.yaml:10:19: maintenance\[0\]\.announced_at: expected an ISO 8601 time/),
    ]);
  });

  it('a route or escalation tier naming a receiver that `receivers:` does not define is an error', () => {
    const schema = z.object({ alerting: alertingSchema, receivers: z.array(z.object({ name: z.string() })).optional() }).superRefine(checkReceivers);
    const result = schema.safeParse({
      receivers: [{ name: 'noc' }, { name: 'lead' }],
      alerting: { route: { receiver: 'noc', routes: [{ receiver: 'polise' }] }, escalation: { tiers: [{ receivers: ['lead', 'boss'] }] } },
    });
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'alerting.route.routes.0.receiver: receiver "polise" does not exist (known: noc, lead)',
      'alerting.escalation.tiers.0.receivers.1: receiver "boss" does not exist (known: noc, lead)',
    ]);
  });

  it('the root route needs a receiver', () => {
    expect(problems('alerting:\n  route: { group_by: [site] }\n')).toEqual([expect.stringContaining('the root route needs a receiver')]);
  });
});
