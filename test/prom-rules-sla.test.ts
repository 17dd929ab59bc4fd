import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfigFile } from '../src/config/load.ts';
import { WorkCalendar } from '../src/sla/calendar.ts';
import { contractForMonth } from '../src/sla/contracts.ts';
import { parseEvidence, type StatusLine } from '../src/sla/evidence.ts';
import { computeAgencyReport } from '../src/sla/report.ts';
import { freePort, requireBinary, startProcess, stopProcess, waitFor } from './helpers/components.ts';
import { SLAGUARD_BIN } from './helpers/slaguard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/prom-rules');
const configFile = join(fixtures, 'mtd.yaml');
const evidenceFile = join(fixtures, 'mtd-2026-10.jsonl');
const ZONE = 'Asia/Shanghai';
const STATES = ['up', 'down', 'unknown', 'maintenance', 'unscheduled'] as const;
/** The instant both sides are asked about: 19 whole days into October in the agency's zone. */
const T = Date.parse('2026-10-20T00:00:00+08:00');
const slaguard = (...args: string[]) => spawnSync(process.execPath, [SLAGUARD_BIN, ...args], { encoding: 'utf8' });

const statuses = (parseEvidence(readFileSync(evidenceFile, 'utf8'), evidenceFile).lines as StatusLine[])
  .map((l) => ({ at: Date.parse(l.at), state: l.state }));

/**
 * The evidence's transitions as slaguard's exporter shows them to a 1-minute scrape: per minute, 1 for the
 * state in force and 0 for the others, and the start of that minute's month in the agency's zone.
 */
function openMetrics(from: number, to: number): string {
  const minutes: number[] = [];
  for (let t = from; t <= to; t += 60_000) minutes.push(t);
  const stateAt = (t: number) => statuses.filter((s) => s.at <= t).at(-1)!.state;
  const out = ['# HELP slaguard_sla_service_state 1 for the state the SLA service is in', '# TYPE slaguard_sla_service_state gauge'];
  for (const st of STATES) {
    for (const t of minutes) out.push(`slaguard_sla_service_state{agency="mtd",service="portal",category="application",state="${st}"} ${stateAt(t) === st ? 1 : 0} ${t / 1000}`);
  }
  out.push('# HELP slaguard_sla_period_start_timestamp_seconds Start of the agency\'s current SLA period', '# TYPE slaguard_sla_period_start_timestamp_seconds gauge');
  for (const t of minutes) out.push(`slaguard_sla_period_start_timestamp_seconds{agency="mtd"} ${DateTime.fromMillis(t, { zone: ZONE }).startOf('month').toSeconds()} ${t / 1000}`);
  out.push('# EOF', '');
  return out.join('\n');
}

let prometheus: (ChildProcess & { output: () => string }) | undefined;
let base = '';
let ruleFile = '';
let packFile = '';
let evaluated: Promise<unknown>;

type Rules = { data: { groups: Array<{ name: string; file: string; rules: Array<{ name: string; health: string; lastError?: string }> }> } };
const groups = async () => ((await (await fetch(`${base}/api/v1/rules`)).json()) as Rules).data.groups;

async function query(expr: string, at: number): Promise<number> {
  const res = await fetch(`${base}/api/v1/query?${new URLSearchParams({ query: expr, time: String(at / 1000) })}`);
  const body = await res.json() as { status: string; error?: string; data: { result: Array<{ value: [number, string] }> } };
  expect(body.error ?? '').toBe('');
  expect(body.data.result).toHaveLength(1);
  return Number(body.data.result[0]!.value[1]);
}

const recordExpr = (record: string): string => {
  const groups = (parse(readFileSync(ruleFile, 'utf8')) as { groups: Array<{ rules: Array<{ record?: string; expr: string }> }> }).groups;
  const rule = groups.flatMap((g) => g.rules).find((r) => r.record === record);
  expect(rule, `${record} in ${ruleFile}`).toBeDefined();
  return rule!.expr;
};

describe('slaguard rules export: its rules in a real Prometheus on backfilled data, and its errors', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    const promtool = requireBinary('/usr/bin/promtool', 'prometheus');
    const bin = requireBinary('/usr/bin/prometheus', 'prometheus');
    const dir = mkdtempSync(join(tmpdir(), 'prom-rules-sla-'));
    writeFileSync(join(dir, 'samples.om'), openMetrics(Date.parse('2026-09-25T00:00:00+08:00'), Date.parse('2026-10-20T01:00:00+08:00')));
    // promtool 2.42 reads the whole file once per block: month-sized blocks instead of 300 two-hour ones.
    const backfill = spawnSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=744h', join(dir, 'samples.om'), join(dir, 'data')], { encoding: 'utf8' });
    expect(backfill.stderr).toBe('');
    expect(backfill.status).toBe(0);

    const exported = slaguard('rules', 'export', '--config', configFile, '--out', join(dir, 'rules'));
    expect(exported.status).toBe(0);
    ruleFile = join(dir, 'rules', 'slaguard-sla.yml');
    expect(exported.stdout.split('\n')[0]).toBe(`${ruleFile}: 1 SLA service`);
    // the default pack's rules go to slaguard-rules.yml; what does not translate is said on stderr
    expect(exported.stderr.split('\n').filter(Boolean).every((l) => l.startsWith('rules export: '))).toBe(true);

    packFile = join(dir, 'rules', 'slaguard-rules.yml');
    writeFileSync(join(dir, 'prometheus.yml'), `global: { evaluation_interval: 1s }\nrule_files: [${JSON.stringify(ruleFile)}, ${JSON.stringify(packFile)}]\n`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    prometheus = startProcess(bin, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
      '--storage.tsdb.retention.time=3650d', `--web.listen-address=127.0.0.1:${port}`, '--web.enable-lifecycle']);
    await waitFor(`Prometheus ready on ${base} (${prometheus.output()})`, async () => (await fetch(`${base}/-/ready`)).ok);
    // The month group runs every minute, first at an offset Prometheus derives from its name and file: wait meanwhile.
    evaluated = waitFor('every exported rule evaluated once', async () => (await groups()).every((g) => g.rules.every((r) => r.health !== 'unknown')), 70_000)
      .then(() => undefined, (err: unknown) => err);
  });

  afterAll(async () => stopProcess(prometheus));

  it('Prometheus\'s month-to-date rule and slaguard\'s month-to-date report agree to 0.01 percentage points', async () => {
    const config = loadConfigFile(configFile);
    const report = computeAgencyReport({
      contract: contractForMonth(config.sla, 'mtd', '2026-10')!, month: '2026-10', calendar: new WorkCalendar(config.calendar),
      lines: parseEvidence(readFileSync(evidenceFile, 'utf8'), evidenceFile).lines, now: T,
    });
    expect(report.as_of).toBe('2026-10-20T00:00:00+08:00');
    const portal = report.services[0]!;
    // October to T: down 40 + 132 + 30 min, unknown 30 + 360 min (excluded); September's 45 + 120 min down must not count.
    expect([portal.down_seconds, portal.unknown_seconds]).toEqual([202 * 60, 390 * 60]);
    expect(portal.met).toBe(false);

    const ratio = await query(recordExpr('slaguard:sla_error_ratio:month_to_date'), T);
    expect(100 * ratio).toBeGreaterThan(0.7);
    expect(Math.abs(100 * ratio - (100 - portal.availability_percent!))).toBeLessThanOrEqual(0.01);
  });

  it('a rolling window over an outage: 1d ending 2026-10-13 00:00 holds the 132 minutes down of the 12th', async () => {
    const ratio = await query(recordExpr('slaguard:sla_error_ratio:rate1d'), Date.parse('2026-10-13T00:00:00+08:00'));
    expect(Math.abs(ratio - 132 / 1440)).toBeLessThan(1e-4);
    const unknownOnly = await query(recordExpr('slaguard:sla_error_ratio:rate1h'), Date.parse('2026-10-05T08:00:00+08:00'));
    expect(Number.isNaN(unknownOnly)).toBe(true);
  });

  it('a config without SLA services and without a translatable rule exits 1 with one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prom-rules-none-'));
    const file = join(dir, 'slaguard.yaml');
    writeFileSync(file, `storage:\n  path: ./unused.db\nrule_files: [${JSON.stringify(join(fixtures, 'events-only.rules.yaml'))}]\n`);
    const run = slaguard('rules', 'export', '--config', file, '--out', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`${file}: no SLA service is in force (sla.agencies[].services) and no rule translates: there is nothing to export\n`);
    expect(run.stdout).toBe('');
  });

  it('a bad --mtd-range exits 1 with one line and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prom-rules-bad-'));
    const run = slaguard('rules', 'export', '--config', configFile, '--out', join(dir, 'out'), '--mtd-range', '31 days');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('--mtd-range: "31 days" is not a duration such as "31d" or "1m"\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the exported groups (SLA and the default rule pack) load and evaluate with health ok', async () => {
    const failed = await evaluated;
    if (failed) throw failed;
    const got = await groups();
    expect(got.map((g) => [g.name, g.file, g.rules.length]).sort()).toEqual([['slaguard-default', packFile, 31], ['slaguard-sla-mtd-portal', ruleFile, 11], ['slaguard-sla-mtd-portal-month', ruleFile, 3]]);
    expect(got.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.health} ${r.lastError}`))).toEqual([]);
  });
});
