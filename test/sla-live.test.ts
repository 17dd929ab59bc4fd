import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import client from 'prom-client';
import { createLogger, silentLogger } from '../src/log.ts';
import { SlaRuntime } from '../src/sla/runtime.ts';
import { StatusLedger } from '../src/store/status-ledger.ts';
import { openDb } from '../src/store/db.ts';

const VIEWER = 'viewer-token-0123456789';
const config = (db: string) => parseConfigText(`storage: { path: '${db}' }
server:
  auth:
    tokens: [ { name: wall, role: viewer, token: ${VIEWER} } ]
sla:
  agencies:
    - id: gov
      name: { zh-CN: 政务服务中心, en: Government Service Center }
      contract: { version: "2026-06", effective: 2026-01-01 }
      services:
        - { id: api, category: application, health: { checks: [ { target: probe-a } ] }, availability: 99.9, maintenance: { notice: 24h }, response: { 2: { ack: 30m, restore: 8h } } }
`, { file: 'live.yaml', baseDir: process.cwd() });
const t = (local: string) => Date.parse(`${local}+08:00`);

describe('SLA in the daemon: /api/sla and the live gauges', () => {
  it('month to date from the ledger: status from checks, maintenance and incidents from alerting', async () => {
    let clock = t('2026-06-10T00:00:00');
    const app = buildApp(config(':memory:'), { now: () => clock });
    app.sla.evaluator.target('probe-a', 'up', t('2026-06-10T00:01:00'));
    app.sla.evaluator.target('probe-a', 'down', t('2026-06-10T10:00:00'), 'TIMEOUT: no answer in 10s');
    app.sla.incident({ id: 'INC-000001', level: 2, labels: { service: 'api' }, title: 'api down', openedAt: t('2026-06-10T10:00:00'), acknowledgedAt: null, acknowledgedBy: null, restoredAt: null, closedAt: null, alertFingerprints: [] });
    app.sla.incident({ id: 'INC-000001', level: 2, labels: { service: 'api' }, title: 'api down', openedAt: t('2026-06-10T10:00:00'), acknowledgedAt: t('2026-06-10T10:10:00'), acknowledgedBy: 'oncall', restoredAt: t('2026-06-10T10:30:00'), closedAt: null, alertFingerprints: [] });
    app.sla.evaluator.target('probe-a', 'up', t('2026-06-10T10:30:00'));
    app.sla.maintenance({ windowId: 'w1', start: t('2026-06-10T11:00:00'), end: t('2026-06-10T11:30:00'), matchers: [{ label: 'service', op: '=', value: 'api' }], ticket: 'CHG-7', approvedBy: '张工', announcedAt: t('2026-06-01T09:00:00'), createdBy: 'ops', endedBy: null });
    app.sla.maintenance({ windowId: 'w2', start: t('2026-06-10T11:00:00'), end: t('2026-06-10T11:30:00'), matchers: [{ label: 'service', op: '=', value: 'other' }], ticket: 'CHG-8', approvedBy: '张工', announcedAt: t('2026-06-01T09:00:00'), createdBy: 'ops', endedBy: null });
    clock = t('2026-06-10T12:00:00');

    const res = await app.server.inject({ method: 'GET', url: '/api/sla', headers: { authorization: `Bearer ${VIEWER}` } });
    expect(res.statusCode).toBe(200);
    const s = res.json().agencies[0].services[0];
    // window June 1 00:00 - June 10 12:00 = 820800 s; unknown until the first up at June 10 00:01 = 777660;
    // down 10:00-10:30 = 1800; maintenance 11:00-11:30 = 1800; up = 820800 - 777660 - 1800 - 1800 = 39540
    // availability 39540 / (820800 - 1800 - 777660) = 39540 / 41340 = 95.6458.. -> 95.645
    expect([s.scheduled_seconds, s.unknown_seconds, s.down_seconds, s.maintenance_seconds, s.up_seconds, s.availability_percent])
      .toEqual([820800, 777660, 1800, 1800, 39540, 95.645]);
    expect(res.json().agencies[0].as_of).toBe('2026-06-10T12:00:00+08:00');
    expect(s.incidents).toEqual([{ id: 'INC-000001', level: 2, ack_seconds: 600, restore_seconds: 1800, ack_met: true, restore_met: true }]);
    expect(s.maintenance).toEqual([{ start: '2026-06-10T11:00:00+08:00', end: '2026-06-10T11:30:00+08:00', ticket: 'CHG-7', approved_by: '张工' }]);
    expect(s.outages[0].reason).toBe('1 of 1 checks down (any): probe-a down (TIMEOUT: no answer in 10s)');

    app.sla.refreshGauges();
    const metrics = (await app.server.inject({ method: 'GET', url: '/metrics' })).body;
    const labels = '{agency="gov",service="api",category="application"}';
    expect(metrics).toContain(`slaguard_sla_availability_percent${labels} 95.645`);
    // budget: the month's 2592000 s less 1800 s maintenance = 2590200; 0.1 % of it = 2590 s (rounded down); 1800 spent
    expect(metrics).toContain(`slaguard_sla_error_budget_remaining_seconds${labels} 790`);
    expect(metrics).toContain('slaguard_sla_ledger_chain_ok 1');

    expect((await app.server.inject({ method: 'GET', url: '/api/sla' })).statusCode).toBe(401);
    expect((await app.server.inject({ method: 'GET', url: '/api/sla?month=June', headers: { authorization: `Bearer ${VIEWER}` } })).statusCode).toBe(400);
    const may = await app.server.inject({ method: 'GET', url: '/api/sla?month=2026-05', headers: { authorization: `Bearer ${VIEWER}` } });
    expect(may.json().agencies[0].services[0]).toMatchObject({ scheduled_seconds: 2678400, unknown_seconds: 2678400, availability_percent: null });
    await app.stop();
  });

  it('a broken chain is logged with its row and shown as a metric; the daemon keeps running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sla-live-'));
    const db = join(dir, 'slaguard.db');
    const clock = t('2026-06-10T00:00:00');
    const first = buildApp(config(db), { now: () => clock });
    first.sla.evaluator.target('probe-a', 'up', t('2026-06-10T00:01:00'));
    first.sla.evaluator.target('probe-a', 'down', t('2026-06-10T01:00:00'));
    await first.stop();
    const raw = openDb(db);
    const row = raw.prepare("SELECT id FROM sla_ledger WHERE kind = 'status' AND line LIKE '%\"down\"%'").pluck().get();
    raw.exec('DROP TRIGGER sla_ledger_no_update');
    raw.prepare("UPDATE sla_ledger SET line = replace(line, '\"down\"', '\"up\"') WHERE id = ?").run(row);
    raw.close();

    const logged: string[] = [];
    const logger = createLogger({ destination: new Writable({ write(chunk, _e, done) { logged.push(String(chunk)); done(); } }) });
    const second = buildApp(config(db), { now: () => clock, logger });
    expect((await second.server.inject({ method: 'GET', url: '/metrics' })).body).toContain('slaguard_sla_ledger_chain_ok 0');
    const error = logged.map((l) => JSON.parse(l)).find((l) => l.level === 50);
    expect(error).toMatchObject({ part: 'sla', row, msg: expect.stringContaining(`SLA ledger chain broken: row ${row}: hash does not match`) });
    expect((await second.server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await second.stop();
  });

  it('kill -9: the next start turns services still up or down unknown from the dead run\'s last heartbeat', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'sla-crash-')), 'slaguard.db');
    let clock = t('2026-06-10T00:00:00');
    // The first daemon, as buildApp wires its ledgers; it dies without a clean stop (its lock goes with it).
    const cfg = config(db);
    const firstDb = openDb(db);
    const firstLedger = new StatusLedger(firstDb, { now: clock, version: 'test' });
    const first = new SlaRuntime({ db: firstDb, statusLedger: firstLedger, config: () => cfg, now: () => clock, logger: silentLogger(), registry: new client.Registry() });
    first.evaluator.target('probe-a', 'up', t('2026-06-10T00:01:00'));
    firstLedger.heartbeat(t('2026-06-10T00:05:00'));
    firstDb.close();
    clock = t('2026-06-10T01:00:00');
    const second = buildApp(config(db), { now: () => clock });
    const s = second.sla.reports('2026-06')[0]!.services[0]!;
    // June 1 00:00 - June 10 01:00 = 781200 s: up only 00:01-00:05 (240 s), unknown the rest
    expect([s.scheduled_seconds, s.up_seconds, s.unknown_seconds]).toEqual([781200, 240, 780960]);
    expect(second.sla.ledger.verifyChain()).toEqual({ ok: true, rows: 4 });
    await second.stop();
  });
});
