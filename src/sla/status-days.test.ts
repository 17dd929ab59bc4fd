import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.ts';
import { openDb, type Db } from '../store/db.ts';
import { WorkCalendar } from './calendar.ts';
import { contractForMonth } from './contracts.ts';
import { readAgencyEvidence, readAgencyRows, readAgencySelection } from './ledger-read.ts';
import { SlaLedger } from './ledger.ts';
import { monthPeriod } from './period.ts';
import { computeAgencyReport } from './report.ts';
import { selectEvidence } from './select.ts';
import { ColumnBuilder } from './status-column.ts';
import { serviceZones, StatusDays, summariseStatusDays, summariseStatusDaysSliced } from './status-days.ts';

const config = parseConfigText(`
sla:
  agencies:
    - id: sh
      name: { zh-CN: 上海, en: Shanghai }
      contract: { version: "1", effective: 2026-01-01 }
      services:
        - { id: p, category: application, health: { checks: [ { target: p1 } ] }, availability: 99.9, min_outage: 60s, maintenance: { notice: 24h, monthly_quota: 3h } }
        - { id: q, category: application, health: { checks: [ { target: q1 } ] }, availability: 99.5, unknown: down, hours: { days: workdays, from: "09:00", to: "17:00" } }
    - id: be
      name: { zh-CN: 柏林, en: Berlin }
      timezone: Europe/Berlin
      contract: { version: "1", effective: 2026-01-01 }
      services:
        - { id: m, category: support-software, health: { checks: [ { target: mx } ] }, availability: 99.9, min_outage: 30s, maintenance: { notice: 1h, monthly_quota: 2h } }
        - { id: w, category: support-software, health: { checks: [ { target: wx } ] }, availability: 99, hours: { days: workdays, from: "08:00", to: "18:00" } }
`, { file: 'status-days.test.yaml', baseDir: '/tmp' });
const calendar = new WorkCalendar(config.calendar);
const zones = serviceZones(config.sla);
const AGENCY_OF: Record<string, string> = { p: 'sh', q: 'sh', m: 'be', w: 'be' };
const MONTHS = [['sh', '2026-06'], ['sh', '2026-02'], ['be', '2026-03'], ['be', '2026-10']] as const;
const REASONS = ['all up', 'probe a down (TIMEOUT)', 'probe "b" down', '无应答'];

type Step =
  | { kind: 'status'; service: string; gap: number; state: 'up' | 'down' | 'unknown'; reason: number; late: number }
  | { kind: 'maintenance'; service: string; gap: number; length: number; notice: number; early: boolean }
  | { kind: 'incident'; service: string; gap: number; ack: number | null; restore: number | null }
  | { kind: 'summarise'; gap: number; behind: number };

const service = fc.constantFrom('p', 'q', 'm', 'w');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('status' as const), service, gap: fc.integer({ min: 0, max: 40_000 }), state: fc.constantFrom('up' as const, 'down' as const, 'unknown' as const), reason: fc.integer({ min: 0, max: 3 }), late: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200_000 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('maintenance' as const), service, gap: fc.integer({ min: 0, max: 40_000 }), length: fc.integer({ min: 60, max: 20_000 }), notice: fc.integer({ min: -3_600, max: 200_000 }), early: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('incident' as const), service, gap: fc.integer({ min: 0, max: 40_000 }), ack: fc.option(fc.integer({ min: 0, max: 5_000 })), restore: fc.option(fc.integer({ min: 0, max: 50_000 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('summarise' as const), gap: fc.constant(0), behind: fc.integer({ min: 0, max: 3 * 86_400 }) }) },
);

/** Writes `steps` through the ledger API in time order from `start` (seconds), summarising closed days where a step says so. */
function fill(db: Db, start: number, steps: readonly Step[]): void {
  const ledger = new SlaLedger(db);
  for (const c of config.sla.agencies) ledger.recordContract(c);
  let t = start;
  for (const [i, s] of steps.entries()) {
    t += s.gap;
    if (s.kind === 'status') {
      ledger.recordStatus(AGENCY_OF[s.service]!, s.service, s.state, REASONS[s.reason]!, (t - s.late) * 1000);
    } else if (s.kind === 'maintenance') {
      const o = { windowId: `w${i}`, start: t * 1000, end: (t + s.length) * 1000, ticket: `CHG-${i}`, approvedBy: '张伟', announcedAt: (t - s.notice) * 1000 };
      ledger.recordMaintenance(AGENCY_OF[s.service]!, s.service, o);
      if (s.early) ledger.recordMaintenance(AGENCY_OF[s.service]!, s.service, { ...o, end: (t + Math.floor(s.length / 2)) * 1000 });
    } else if (s.kind === 'incident') {
      const base = { id: `INC-${i}`, level: 2 as const, openedAt: t * 1000, acknowledgedAt: null, restoredAt: null };
      ledger.recordIncident(AGENCY_OF[s.service]!, s.service, base);
      if (s.ack !== null) ledger.recordIncident(AGENCY_OF[s.service]!, s.service, { ...base, acknowledgedAt: (t + s.ack) * 1000, restoredAt: s.restore === null ? null : (t + s.ack + s.restore) * 1000 });
    } else {
      summariseStatusDays(db, t - s.behind, zones, 1 + (i % 3));
    }
  }
}

/** The report and evidence of one agency and month from the summaries, and from every ledger row parsed on its own. */
function both(db: Db, agency: string, month: string, now?: number) {
  const contract = contractForMonth(config.sla, agency, month)!;
  const fast = computeAgencyReport({ contract, month, calendar, selection: readAgencySelection(db, config.sla, agency, month)!, ...(now === undefined ? {} : { now }) });
  const rows = readAgencyRows(db, config.sla, agency, month);
  const plain = computeAgencyReport({ contract, month, calendar, lines: rows, ...(now === undefined ? {} : { now }) });
  const period = monthPeriod(month, contract.timezone);
  return {
    fast: JSON.stringify(fast, null, 2), plain: JSON.stringify(plain, null, 2),
    fastEvidence: readAgencyEvidence(db, config.sla, agency, month), plainEvidence: selectEvidence(rows, agency, new Set(contract.services.map((s) => s.id)), period),
  };
}

describe('status rows summarised per closed local day of the agency\'s zone', () => {
  it('reports from the summaries (and evidence digests from their stored chunk hashes) are byte-identical to reports from every row parsed on its own (random months, DST in Berlin, maintenance, incidents, late rows)', () => {
    let summarised = 0;
    let storedChunks = 0;
    fc.assert(fc.property(fc.constantFrom(...MONTHS), fc.array(step, { minLength: 20, maxLength: 160 }), fc.integer({ min: 0, max: 40 * 86_400 }), (which, steps, nowOffset) => {
      const [agency, month] = which;
      const period = monthPeriod(month, contractForMonth(config.sla, agency, month)!.timezone);
      const db = openDb(':memory:');
      fill(db, period.start - 3 * 86_400, steps);
      summariseStatusDays(db, period.end + 2 * 86_400, zones, 60);
      summarised += db.prepare('SELECT COUNT(*) FROM sla_status_local_days').pluck().get() as number;
      storedChunks += [...(readAgencySelection(db, config.sla, agency, month)!.chunks?.values() ?? [])].reduce((n, m) => n + m.size, 0);
      const full = both(db, agency, month);
      expect(full.fast).toBe(full.plain);
      expect(full.fastEvidence).toEqual(full.plainEvidence);
      const toDate = both(db, agency, month, (period.start - 86_400 + nowOffset) * 1000);
      expect(toDate.fast).toBe(toDate.plain);
      db.close();
    }), { numRuns: 60 });
    expect(summarised).toBeGreaterThan(300);
    expect(storedChunks).toBeGreaterThan(100);
  });

  it('summaries are used per Shanghai day; one changed afterwards, a row arriving late into its day, or a summary of another zone is not', () => {
    const db = openDb(':memory:');
    const ledger = new SlaLedger(db);
    for (const c of config.sla.agencies) ledger.recordContract(c);
    const start = Date.parse('2026-06-01T00:00:00Z') / 1000;
    const shanghaiDay = (n: number) => start - 8 * 3600 + n * 86_400;
    for (let m = 0; m < 3 * 1440; m += 7) ledger.recordStatus('sh', 'p', m % 14 === 0 ? 'up' : 'down', REASONS[m % 4]!, (start + m * 60) * 1000);
    expect(summariseStatusDays(db, shanghaiDay(4), zones)).toEqual({ built: 4, dropped: 0, more: false });
    expect(db.prepare('SELECT day, day_start, day_end, zone FROM sla_status_local_days ORDER BY day_start').raw().all()).toEqual(
      [1, 2, 3, 4].map((d) => [`2026-06-0${d}`, shanghaiDay(d - 1), shanghaiDay(d), 'Asia/Shanghai']));
    const before = both(db, 'sh', '2026-06');
    expect(before.fast).toBe(before.plain);
    const raw: Array<[number, number]> = [];
    const column = new ColumnBuilder('p');
    const chunks = new StatusDays(db).read('p', 'Asia/Shanghai', start - 86_400, start + 5 * 86_400, column, (a, b) => raw.push([a, b]));
    expect(raw).toEqual([[start - 86_400, shanghaiDay(0)], [shanghaiDay(4), start + 5 * 86_400]]);
    expect(column.build().at.length).toBe(Math.ceil((3 * 1440) / 7));
    expect([...chunks.keys()]).toEqual([0, 1, 2, 3].map(shanghaiDay));
    const selection = readAgencySelection(db, config.sla, 'sh', '2026-06')!;
    const contract = contractForMonth(config.sla, 'sh', '2026-06')!;
    const digestOf = () => computeAgencyReport({ contract, month: '2026-06', calendar, selection }).evidence_sha256;
    expect(digestOf()).toBe(JSON.parse(before.plain).evidence_sha256);
    selection.chunks!.get('p')!.get(shanghaiDay(1))!.sha256 = 'f'.repeat(64);
    expect(digestOf()).not.toBe(JSON.parse(before.plain).evidence_sha256);
    const utcRaw: Array<[number, number]> = [];
    new StatusDays(db).read('p', 'UTC', start - 86_400, start + 5 * 86_400, new ColumnBuilder('p'), (a, b) => utcRaw.push([a, b]));
    expect(utcRaw).toEqual([[start - 86_400, start + 5 * 86_400]]);

    db.prepare("UPDATE sla_status_local_days SET data = zeroblob(length(data)) WHERE day = '2026-06-02'").run();
    db.prepare("UPDATE sla_status_local_days SET chunk_sha256 = ? WHERE day = '2026-06-03'").run('0'.repeat(64));
    const tampered = both(db, 'sh', '2026-06');
    expect(tampered.fast).toBe(before.plain);

    ledger.recordStatus('sh', 'p', 'unknown', 'slaguard crashed', (start + (3 * 1440 - 3) * 60) * 1000);
    const late = both(db, 'sh', '2026-06');
    expect(late.fast).toBe(late.plain);
    expect(late.fast).not.toBe(before.plain);
    expect(summariseStatusDays(db, shanghaiDay(5), zones)).toMatchObject({ dropped: 1 });
    const after = both(db, 'sh', '2026-06');
    expect(after.fast).toBe(late.plain);

    expect(summariseStatusDays(db, shanghaiDay(5), new Map([['p', 'Europe/Berlin']])).built).toBe(4);
    expect(db.prepare('SELECT DISTINCT zone FROM sla_status_local_days').pluck().all()).toEqual(['Europe/Berlin']);
    const moved = both(db, 'sh', '2026-06');
    expect(moved.fast).toBe(late.plain);
    db.close();
  });

  it('a pass runs in slices, the event loop turning between them, and builds what a pass in one go builds', async () => {
    const start = Date.parse('2026-06-01T00:00:00Z') / 1000;
    const filled = () => {
      const db = openDb(':memory:');
      const ledger = new SlaLedger(db);
      for (let m = 0; m < 3 * 1440; m++) for (const s of ['p', 'q', 'm', 'w']) ledger.recordStatus(AGENCY_OF[s]!, s, m % 2 ? 'up' : 'down', REASONS[m % 4]!, (start + m * 60) * 1000);
      return db;
    };
    const summaries = (db: Db) => db.prepare('SELECT service, zone, day, rows, chunk_count, chunk_sha256 FROM sla_status_local_days ORDER BY service, day_start').raw().all();
    const closed = start + 3 * 86_400;
    const whole = filled();
    const inOneGo = summariseStatusDays(whole, closed, zones);
    expect(inOneGo.built).toBe(12);

    const sliced = filled();
    let turns = 0;
    let done = false;
    const other = () => {
      if (done) return;
      turns++;
      setImmediate(other);
    };
    setImmediate(other);
    expect(await summariseStatusDaysSliced(sliced, closed, zones, () => false)).toEqual(inOneGo);
    done = true;
    expect(summaries(sliced)).toEqual(summaries(whole));
    expect(turns).toBeGreaterThanOrEqual(8);

    const stopped = filled();
    let steps = 0;
    await summariseStatusDaysSliced(stopped, closed, zones, () => ++steps > 3);
    expect((summaries(stopped) as unknown[]).length).toBeLessThan(12);
    expect((summaries(stopped) as unknown[]).length).toBeGreaterThan(0);
  });
});
