import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.ts';
import { ConfigError, formatProblem } from '../errors.ts';
import { contractForMonth } from './contracts.ts';

const problems = (text: string): string[] => {
  try {
    parseConfigText(text, { file: 'c.yaml', baseDir: '/tmp' });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
};

const agency = (id: string, effective: string, services: string) => `
    - id: ${id}
      name: { zh-CN: 机构, en: Agency }
      contract: { version: "${effective}", effective: ${effective} }
      services:
${services}`;
const service = (id: string, extra = '') => `        - { id: ${id}, category: application, health: { checks: [ { target: t } ] }, availability: 99.9${extra} }`;

describe('sla config', () => {
  it('the issue\'s example loads with defaults filled in and durations in ms', () => {
    const config = parseConfigText(`
sla:
  agencies:
    - id: ggzy
      name: { zh-CN: 公共资源交易中心, en: Public Resource Trading Center }
      timezone: Asia/Shanghai
      contacts: [ops@ggzy.example.gov.cn]
      contract: { version: "2026-01", effective: 2026-01-01 }
      services:
        - id: portal
          category: application
          health: { down_when: any, checks: [ { target: portal-probe-a }, { target: portal-probe-b }, { rule: portal-latency } ] }
          availability: 99.9
          hours: 7x24
          min_outage: 60s
          unknown: exclude
          maintenance: { notice: 24h, monthly_quota: 8h }
          response: { 1: { ack: 15m, restore: 4h }, 2: { ack: 30m, restore: 8h }, 3: { ack: 1h, restore: 24h }, 4: { ack: 4h, restore: 72h } }
          credits: [ { below: 99.9, percent: 10 }, { below: 99.0, percent: 25 } ]
`, { file: 'c.yaml', baseDir: '/tmp' });
    const s = config.sla.agencies[0]!.services[0]!;
    expect(s.min_outage).toBe(60_000);
    expect(s.maintenance).toEqual({ notice: 86_400_000, monthly_quota: 28_800_000 });
    expect(s.response[1]).toEqual({ ack: 900_000, restore: 14_400_000 });
    expect(config.calendar).toEqual({ years: {}, holidays: [], workdays: [] });
  });

  it('every problem located: duplicate service ids across agencies, bad quorum, unknown zone, bad hours, typo', () => {
    expect(problems(`sla:
  agencies:${agency('a', '2026-01-01', service('portal'))}${agency('b', '2026-01-01', `${service('portal')}
        - { id: db, category: application, health: { down_when: quorum, quorum: 4, checks: [ { target: a }, { target: b }, { target: c } ] }, availability: 99.9, hours: { days: workdays, from: "17:00", to: "09:00" } }
        - { id: x, category: apps, health: { checks: [ { target: a } ] }, availability: 99.9, unkown: up }`)}
      timezone: Asia/Shanghia
`)).toEqual([
      'c.yaml:12:17: sla.agencies[1].services[0].id: service id "portal" is already used by agency "a" (sla.agencies[0].services[0]); service ids are unique across the config',
      'c.yaml:13:81: sla.agencies[1].services[1].health.quorum: quorum 4 is more than the 3 checks',
      'c.yaml:13:170: sla.agencies[1].services[1].hours: from must be before to',
      'c.yaml:14:30: sla.agencies[1].services[2].category: Invalid option: expected one of "infrastructure"|"support-software"|"application"|"information-resource"|"security"|"operations"',
      'c.yaml:14:95: sla.agencies[1].services[2].unkown: unknown key "unkown"',
      'c.yaml:15:17: sla.agencies[1].timezone: unknown time zone (use an IANA name such as Asia/Shanghai)',
    ]);
  });

  it('a workdays contract needs a calendar for each year it can be reported for', () => {
    const text = (calendar: string) => `sla:
  agencies:${agency('a', '2024-07-01', service('s', ', hours: { days: workdays, from: "09:00", to: "17:00" }'))}${agency('a', '2025-01-01', service('s'))}
${calendar}`;
    expect(problems(text(''))).toEqual([
      'c.yaml:7:109: sla.agencies[0].services[0].hours: workdays follow the CN calendar, which has no 2024: add calendar.years."2024" (holidays and make-up workdays)',
    ]);
    expect(problems(text('calendar:\n  years:\n    2024: { holidays: [2024-10-01], workdays: [2024-09-29] }\n'))).toEqual([]);
  });

  it('the version in force on the month\'s first day governs the month', () => {
    const config = parseConfigText(`sla:
  agencies:${agency('a', '2025-07-01', service('s'))}${agency('a', '2026-01-01', service('s'))}${agency('a', '2026-01-15', service('s'))}
`, { file: 'c.yaml', baseDir: '/tmp' });
    expect(['2025-06', '2025-12', '2026-01', '2026-02'].map((m) => contractForMonth(config.sla, 'a', m)?.contract.version))
      .toEqual([undefined, '2025-07-01', '2026-01-01', '2026-01-15']);
  });
});
