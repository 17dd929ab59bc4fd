import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../src/config/load.ts';
import { WorkCalendar } from '../src/sla/calendar.ts';
import { contractForMonth } from '../src/sla/contracts.ts';
import { parseEvidence } from '../src/sla/evidence.ts';
import { computeAgencyReport } from '../src/sla/report.ts';
import { SLAGUARD_BIN } from './helpers/slaguard.ts';

const dir = join(import.meta.dirname, 'fixtures/sla');
const configFile = join(dir, 'contracts.yaml');
const config = loadConfigFile(configFile);
const calendar = new WorkCalendar(config.calendar);
const slaguard = (...args: string[]) => spawnSync(process.execPath, [SLAGUARD_BIN, ...args], { encoding: 'utf8' });

const report = (agency: string, month: string) => computeAgencyReport({
  contract: contractForMonth(config.sla, agency, month)!, month, calendar,
  lines: parseEvidence(readFileSync(join(dir, `${agency}-${month}.jsonl`), 'utf8'), 'x').lines,
});
const expected = (agency: string, month: string) => JSON.parse(readFileSync(join(dir, `${agency}-${month}.expected.json`), 'utf8'));

describe('SLA arithmetic on hand-computed scenarios (expected figures in test/fixtures/sla/expected.py)', () => {
  it.each([
    ['feb', '2026-02', '28 days; outage across the month boundary; maintenance overlapping an outage; a window announced too late; an outage under the minimum; incidents'],
    ['apr', '2026-04', '30 days; unknown under exclude, up and down'],
    ['oct', '2026-10', '5x8 across the 2026 National Day holiday and the make-up working day'],
    ['berlin', '2026-03', 'Europe/Berlin in the month its clocks go forward (743 h)'],
    ['berlin', '2026-10', 'Europe/Berlin in the month its clocks go back (745 h), an outage from 02:30 to the second 02:30'],
    ['jan', '2026-01', '31 days; 99.8999 rounds down to 99.899; the contract version in force on the 1st'],
  ])('%s %s: %s', (agency, month) => {
    const got = report(agency, month);
    expect(got).toEqual(expected(agency, month));
    for (const s of got.services) expect(s.up_seconds + s.down_seconds + s.maintenance_seconds + s.unknown_seconds).toBe(s.scheduled_seconds);
  });

  it('the same outage counts in both months it spans', () => {
    const lines = parseEvidence(readFileSync(join(dir, 'feb-2026-02.jsonl'), 'utf8'), 'x').lines;
    const jan = computeAgencyReport({ contract: contractForMonth(config.sla, 'feb', '2026-01')!, month: '2026-01', lines, calendar });
    expect(jan.services[0]!.down_seconds).toBe(3600);
    expect(jan.services[0]!.outages).toEqual([{ start: '2026-01-31T23:00:00+08:00', end: '2026-02-01T00:00:00+08:00', seconds: 3600, counted: true, reason: 'portal-probe-a down (connection refused)' }]);
  });

  it('month to date: figures up to now, the rest of the month not yet scheduled', () => {
    const lines = parseEvidence(readFileSync(join(dir, 'jan-2026-01.jsonl'), 'utf8'), 'x').lines;
    const now = Date.parse('2026-01-15T10:10:00+08:00');
    const r = computeAgencyReport({ contract: contractForMonth(config.sla, 'jan', '2026-01')!, month: '2026-01', lines, calendar, now });
    const s = r.services[0]!;
    expect(r.as_of).toBe('2026-01-15T10:10:00+08:00');
    expect(s.scheduled_seconds).toBe(14 * 86400 + 10 * 3600 + 600);
    expect(s.down_seconds).toBe(600);
    expect(s.daily).toHaveLength(15);
  });
});

describe('slaguard report', { timeout: 120_000 }, () => {
  it('writes JSON and CSV per agency from an evidence file', () => {
    const out = mkdtempSync(join(tmpdir(), 'sla-report-'));
    const run = slaguard('report', '--month', '2026-02', '--config', configFile, '--agency', 'feb', '--format', 'json,csv', '--lang', 'en',
      '--evidence', join(dir, 'feb-2026-02.jsonl'), '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'feb-2026-02.json'), 'utf8'))).toEqual(expected('feb', '2026-02'));
    const csv = readFileSync(join(out, 'feb-2026-02.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^\uFEFFagency,month,contract version,service,category,target \(%\),availability \(%\),met,credit \(%\)/);
    expect(csv[1]).toMatch(/^feb,2026-02,2026-01,portal,application,99\.9,99\.651,false,10,2419200,2403600,8400,7200,0,exclude,100,3,2,/);
    expect(csv).toHaveLength(3);
  });

  it('evidence verify prints the digest of the file\'s lines, the one expected.py computes independently (Berlin days across the DST change)', () => {
    const run = slaguard('evidence', 'verify', join(dir, 'berlin-2026-10.jsonl'), '--timezone', 'Europe/Berlin');
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')[1]).toBe(`evidence_sha256 ${expected('berlin', '2026-10').evidence_sha256} (no contract line; days in Europe/Berlin)`);
    const utc = slaguard('evidence', 'verify', join(dir, 'berlin-2026-10.jsonl'), '--timezone', 'UTC');
    expect(utc.stdout).not.toContain(expected('berlin', '2026-10').evidence_sha256);
  });

  it('a month a workdays contract has no calendar for is an error naming the year', () => {
    const out = mkdtempSync(join(tmpdir(), 'sla-report-'));
    const year = new Date().getUTCFullYear();
    const known = Array.from({ length: Math.max(0, year - 2026) }, (_, i) => `    "${2027 + i}": { holidays: [], workdays: [] }`).join('\n');
    const file = join(out, 'workdays.yaml');
    writeFileSync(file, `sla:
  agencies:
    - id: w
      name: { zh-CN: 五乘八, en: Workdays }
      contract: { version: "1", effective: 2026-01-01 }
      services:
        - { id: desk, category: application, health: { checks: [ { target: d } ] }, availability: 99, hours: { days: workdays, from: "09:00", to: "17:00" } }
${known ? `calendar:\n  years:\n${known}\n` : ''}`);
    const run = slaguard('report', '--month', `${year + 1}-01`, '--config', file, '--evidence', join(dir, 'oct-2026-10.jsonl'), '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`agency "w", ${year + 1}-01: no public-holiday calendar for ${year + 1}: add calendar.years."${year + 1}"`);
  });

  it('a bad evidence line is reported with file and line', () => {
    const out = mkdtempSync(join(tmpdir(), 'sla-report-'));
    const bad = join(out, 'bad.jsonl');
    writeFileSync(bad, '{"type":"status","service":"gateway","at":"2026-01-15T10:00:00+08:00","state":"up","reason":""}\n{"type":"status","service":"gateway","at":"yesterday","state":"up","reason":"x"}\n');
    const run = slaguard('report', '--month', '2026-01', '--config', configFile, '--agency', 'jan', '--evidence', bad, '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`${bad}:2:1: "at" must be an RFC 3339 time`);
  });
});
