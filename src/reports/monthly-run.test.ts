import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboundMessage, Outbox } from '../notify/types.ts';
import { ggzyMarch2026 } from '../../test/fixtures/reports/ggzy-report.ts';
import type { AgencyReport } from '../sla/report-model.ts';
import { renderReportFiles } from './files.ts';
import { parseConfigText } from '../config/load.ts';
import { FakeClock } from '../../test/helpers/fake-clock.ts';
import { openDb } from '../store/db.ts';
import { monthlyReportRun } from './daemon.ts';
import { RollupStore } from './rollup-store.ts';
import { lastDue, MonthlyReportRun, nextDue, type ReportAgency } from './monthly-run.ts';

/** The outbox's contract: durable elsewhere; here it records and drops a key seen before. */
class RecordingOutbox implements Outbox {
  readonly messages: OutboundMessage[] = [];
  enqueue(m: OutboundMessage): boolean {
    if (this.messages.some((x) => x.idempotencyKey === m.idempotencyKey)) return false;
    this.messages.push(m);
    return true;
  }
}

const agencies: ReportAgency[] = [
  { id: 'ggzy', name: { 'zh-CN': '公共资源交易中心', en: 'Public Resource Trading Center' }, timezone: 'Asia/Shanghai', contacts: ['ops@ggzy.example.gov.cn', 'cio@ggzy.example.gov.cn'] },
  { id: 'berlin', name: { 'zh-CN': '柏林办事处', en: 'Berlin office' }, timezone: 'Europe/Berlin', contacts: ['it@berlin.example.de'] },
];
const generated: string[] = [];
const generate = async (agency: ReportAgency, month: string) => {
  generated.push(`${agency.id} ${month}`);
  const report = { ...ggzyMarch2026(), agency: agency.id, period: { ...ggzyMarch2026().period, month } };
  const csv = (r: AgencyReport) => `service,availability_percent\n${r.services.map((x) => `${x.id},${x.availability_percent}`).join('\n')}\n`;
  return renderReportFiles(report, { formats: agency.id !== 'ggzy' ? ['json', 'html'] : month === '2026-03' ? ['json', 'html', 'pdf', 'csv'] : ['json', 'html', 'csv'], lang: 'zh-CN', csv });
};
const at = (iso: string) => Date.parse(iso);

describe('monthly report run', () => {
  it('computes the 1st at 02:00 in each zone, across a daylight-saving change', () => {
    expect(lastDue(at('2026-03-15T00:00:00Z'), 'Asia/Shanghai', '02:00')).toEqual({ due: at('2026-02-28T18:00:00Z'), month: '2026-02' });
    expect(nextDue(at('2026-03-15T00:00:00Z'), 'Asia/Shanghai', '02:00')).toBe(at('2026-03-31T18:00:00Z'));
    expect(nextDue(at('2026-03-15T00:00:00Z'), 'Europe/Berlin', '02:00')).toBe(at('2026-04-01T00:00:00Z')); // CEST
    expect(lastDue(at('2026-03-01T00:59:59Z'), 'Europe/Berlin', '02:00').month).toBe('2026-01'); // CET, one second early
    expect(lastDue(at('2026-01-01T01:00:00Z'), 'Europe/Berlin', '02:00')).toEqual({ due: at('2026-01-01T01:00:00Z'), month: '2025-12' });
  });

  it('writes and queues each agency report once per month at its local 02:00; a restart sends nothing again', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'slaguard-reports-'));
    const outbox = new RecordingOutbox();
    const clock = new FakeClock(at('2026-02-20T00:00:00Z'));
    generated.length = 0;
    const make = () => new MonthlyReportRun({ clock, agencies: () => agencies, generate, outbox, outDir, receiver: 'agency-reports' });
    let run = make();
    run.start();
    await clock.advanceTo(at('2026-02-28T17:59:59Z'), () => run.whenIdle());
    expect(outbox.messages).toEqual([]); // the January run is more than 7 days old at start: not made up

    await clock.advanceTo(at('2026-02-28T18:00:00Z'), () => run.whenIdle()); // 03-01 02:00 in Shanghai
    expect(generated).toEqual(['ggzy 2026-02']);
    await clock.advanceTo(at('2026-03-01T00:59:59Z'), () => run.whenIdle());
    expect(generated).toEqual(['ggzy 2026-02']);
    await clock.advanceTo(at('2026-03-01T01:00:00Z'), () => run.whenIdle()); // 02:00 CET in Berlin
    expect(generated).toEqual(['ggzy 2026-02', 'berlin 2026-02']);

    const mail = outbox.messages[0]!;
    expect(mail).toMatchObject({
      idempotencyKey: 'report:ggzy:2026-02', receiver: 'agency-reports', lang: 'zh-CN', title: '公共资源交易中心 2026-02 服务水平月度报告',
      to: ['ops@ggzy.example.gov.cn', 'cio@ggzy.example.gov.cn'],
      context: { kind: 'monthly-report', agency: 'ggzy', month: '2026-02' },
    });
    expect(mail.attachments!.map((a) => a.path)).toEqual(['json', 'html', 'csv'].map((ext) => join(outDir, '2026-02', `ggzy-2026-02.${ext}`)));
    expect(mail.attachments!.map((a) => a.contentType)).toEqual(['application/json', 'text/html; charset=utf-8', 'text/csv; charset=utf-8']);
    expect(JSON.parse(readFileSync(mail.attachments![0]!.path, 'utf8')).period.month).toBe('2026-02');
    expect(readdirSync(join(outDir, '2026-02')).filter((f) => !f.startsWith('.')).sort()).toEqual(['berlin-2026-02.html', 'berlin-2026-02.json', 'ggzy-2026-02.csv', 'ggzy-2026-02.html', 'ggzy-2026-02.json']);

    await clock.advanceTo(at('2026-03-31T18:00:00Z'), () => run.whenIdle()); // April 1st, Shanghai
    expect(generated).toEqual(['ggzy 2026-02', 'berlin 2026-02', 'ggzy 2026-03']);
    await clock.advanceTo(at('2026-04-01T00:00:00Z'), () => run.whenIdle()); // April 1st 02:00 CEST
    await clock.advanceTo(at('2026-04-20T00:00:00Z'), () => run.whenIdle());
    expect(generated).toEqual(['ggzy 2026-02', 'berlin 2026-02', 'ggzy 2026-03', 'berlin 2026-03']);
    const march = outbox.messages.find((m) => m.idempotencyKey === 'report:ggzy:2026-03')!;
    expect(march.attachments!.map((a) => a.filename)).toEqual(['ggzy-2026-03.json', 'ggzy-2026-03.html', 'ggzy-2026-03.pdf', 'ggzy-2026-03.csv']);
    expect(readFileSync(march.attachments![2]!.path).subarray(0, 5).toString()).toBe('%PDF-');
    expect(outbox.messages.map((m) => m.idempotencyKey).sort()).toEqual(['report:berlin:2026-02', 'report:berlin:2026-03', 'report:ggzy:2026-02', 'report:ggzy:2026-03']);

    // a restart within the catch-up window: the month is done, nothing is generated or sent
    run.stop();
    clock.t = at('2026-04-02T08:00:00Z');
    run = make();
    run.start();
    await run.whenIdle();
    expect(generated).toHaveLength(4);

    // a crash after queuing but before the marker: the rerun rewrites identical files and the outbox drops the second mail
    run.stop();
    const html = readFileSync(join(outDir, '2026-03', 'ggzy-2026-03.html'));
    const pdf = readFileSync(join(outDir, '2026-03', 'ggzy-2026-03.pdf'));
    rmSync(join(outDir, '2026-03', '.ggzy.done'));
    run = make();
    run.start();
    await run.whenIdle();
    expect(generated).toHaveLength(5);
    expect(readFileSync(join(outDir, '2026-03', 'ggzy-2026-03.html')).equals(html)).toBe(true);
    expect(readFileSync(join(outDir, '2026-03', 'ggzy-2026-03.pdf')).equals(pdf)).toBe(true);
    expect(outbox.messages).toHaveLength(4);
    run.stop();
  });

  it('tries a failed run again later instead of a month later', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'slaguard-reports-'));
    const outbox = new RecordingOutbox();
    const clock = new FakeClock(at('2026-02-28T17:00:00Z'));
    let fail = true;
    const run = new MonthlyReportRun({
      clock, agencies: () => [agencies[0]!], outbox, outDir, receiver: 'r', retryMs: 600_000,
      generate: async (a, m) => {
        if (fail) throw new Error('ledger busy');
        return generate(a, m);
      },
    });
    run.start();
    await clock.advanceTo(at('2026-02-28T18:05:00Z'), () => run.whenIdle());
    expect(outbox.messages).toEqual([]);
    fail = false;
    await clock.advanceTo(at('2026-02-28T18:10:00Z'), () => run.whenIdle());
    expect(outbox.messages.map((m) => m.idempotencyKey)).toEqual(['report:ggzy:2026-02']);
    run.stop();
  });
});

describe('monthly run from the reports config', () => {
  it('writes the configured formats with the resource-utilisation section under the configured idle rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slaguard-reports-cfg-'));
    const config = parseConfigText(`
storage: { path: data/slaguard.db }
reports: { schedule: { formats: [json, html], lang: en, receiver: mail-agencies }, idle: { cpu_average_below: 10, cpu_peak_below: 50 } }
`, { file: join(dir, 'slaguard.yaml'), baseDir: dir });
    const rollups = new RollupStore(openDb(':memory:'));
    rollups.add([
      { day: '2026-02-10', agency: 'ggzy', target: 'ggzy-app-01', resource: 'cpu', count: 10, sum: 0.8, max: 0.3 },
      { day: '2026-02-11', agency: 'ggzy', target: 'ggzy-app-01', resource: 'cpu', count: 10, sum: 0.2, max: 0.4 },
      { day: '2026-03-01', agency: 'ggzy', target: 'ggzy-app-01', resource: 'cpu', count: 10, sum: 9, max: 0.95 },
    ]);
    const outbox = new RecordingOutbox();
    const clock = new FakeClock(at('2026-02-28T17:00:00Z'));
    const run = monthlyReportRun(config.reports, {
      agencies: () => [agencies[0]!], rollups, outbox, clock,
      report: (agency, month) => ({ ...ggzyMarch2026(), agency: agency.id, period: { ...ggzyMarch2026().period, month } }),
    })!;
    run.start();
    await clock.advanceTo(at('2026-02-28T18:00:00Z'), () => run.whenIdle());
    run.stop();
    expect(config.reports.outDir).toBe(join(dir, 'data', 'reports'));
    expect(readdirSync(join(dir, 'data', 'reports', '2026-02')).filter((f) => !f.startsWith('.')).sort()).toEqual(['ggzy-2026-02.html', 'ggzy-2026-02.json']);
    const json = JSON.parse(readFileSync(join(dir, 'data', 'reports', '2026-02', 'ggzy-2026-02.json'), 'utf8'));
    // February only: 20 samples, sum 1.0 → average 5 %, peak 40 %: idle under "average < 10 % and peak < 50 %"
    expect(json.resource_utilisation).toEqual({
      month: '2026-02', idle_rule: { cpu_average_below: 0.1, cpu_peak_below: 0.5 },
      servers: [{ target: 'ggzy-app-01', cpu: { average: 0.05, peak: 0.4, samples: 20 }, memory: null, storage: null, idle: true }],
    });
    expect(readFileSync(join(dir, 'data', 'reports', '2026-02', 'ggzy-2026-02.html'), 'utf8')).toContain('Idle: average CPU utilisation below 10% and peak below 50% over the month.');
    expect(outbox.messages.map((m) => [m.idempotencyKey, m.receiver, m.lang, m.title])).toEqual([['report:ggzy:2026-02', 'mail-agencies', 'en', 'Public Resource Trading Center: SLA report for 2026-02']]);
  });
});
