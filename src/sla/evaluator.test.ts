import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.ts';
import { openDb } from '../store/db.ts';
import { StatusLedger } from '../store/status-ledger.ts';
import { WorkCalendar } from './calendar.ts';
import { decide, serviceStatusSink, ServiceEvaluator, type ServiceTransition } from './evaluator.ts';
import { utc } from './evidence.ts';
import { computeAgencyReport } from './report.ts';

const config = parseConfigText(`
sla:
  agencies:
    - id: gov
      name: { zh-CN: 政务, en: Gov }
      contract: { version: "1", effective: 2026-01-01 }
      services:
        - id: api
          category: application
          health: { down_when: quorum, quorum: 2, checks: [ { target: probe-a }, { target: probe-b }, { target: probe-c } ] }
          availability: 99.95
        - id: web
          category: application
          health: { down_when: all, checks: [ { target: probe-a }, { rule: web-5xx } ] }
          availability: 99.9
`, { file: 'c.yaml', baseDir: '/tmp' });
const contract = config.sla.agencies[0]!;
const t = (local: string) => Date.parse(`${local}+08:00`);

describe('service status from checks', () => {
  it('any / all / quorum, unknown only when the unknown checks could change the answer', () => {
    const h = (down_when: 'any' | 'all' | 'quorum', quorum?: number) => ({ down_when, ...(quorum ? { quorum } : {}), checks: [{ target: 'a' }, { target: 'b' }, { target: 'c' }] });
    const states = (...s: Array<'up' | 'down' | 'unknown'>) => (c: { target: string } | { rule: string }) => ({ name: 'target' in c ? c.target : c.rule, state: s[['a', 'b', 'c'].indexOf('target' in c ? c.target : '')]!, reason: '' });
    expect(decide(h('any'), states('up', 'down', 'up')).state).toBe('down');
    expect(decide(h('any'), states('up', 'unknown', 'up')).state).toBe('unknown');
    expect(decide(h('all'), states('down', 'down', 'up')).state).toBe('up');
    expect(decide(h('all'), states('down', 'down', 'unknown')).state).toBe('unknown');
    expect(decide(h('all'), states('down', 'down', 'down')).state).toBe('down');
    expect(decide(h('quorum', 2), states('down', 'unknown', 'up')).state).toBe('unknown');
    expect(decide(h('quorum', 2), states('up', 'unknown', 'up')).state).toBe('up');
    expect(decide(h('quorum', 2), states('down', 'down', 'unknown'))).toEqual({ state: 'down', reason: '2 of 3 checks down (quorum 2): a down; b down' });
  });

  it('a quorum of three probes over a month: transitions, reasons, and the report they give', () => {
    const changes: ServiceTransition[] = [];
    const ev = new ServiceEvaluator((c) => changes.push(c));
    ev.setServices(contract.services.map((s) => ({ agency: 'gov', contract: s })), t('2026-05-31T23:00:00'));
    const steps: Array<[string, string, 'up' | 'down' | 'unknown']> = [
      ['2026-05-31T23:00:05', 'probe-a', 'up'], ['2026-05-31T23:00:06', 'probe-b', 'up'], ['2026-05-31T23:00:07', 'probe-c', 'up'],
      ['2026-06-03T10:00:00', 'probe-a', 'down'], ['2026-06-03T10:05:00', 'probe-b', 'down'], ['2026-06-03T10:20:00', 'probe-a', 'up'],
      ['2026-06-03T11:00:00', 'probe-b', 'up'], ['2026-06-10T08:00:00', 'probe-c', 'unknown'], ['2026-06-10T08:10:00', 'probe-a', 'down'],
      ['2026-06-10T08:40:00', 'probe-a', 'up'], ['2026-06-10T09:00:00', 'probe-c', 'up'],
    ];
    for (const [at, target, status] of steps) ev.target(target, status, t(at), status === 'down' ? 'HTTP 503' : status);
    const api = changes.filter((c) => c.service === 'api');
    expect(api.map((c) => [utc(c.at), c.state])).toEqual([
      ['2026-05-31T15:00:00Z', 'unknown'], ['2026-05-31T15:00:06Z', 'up'], ['2026-06-03T02:05:00Z', 'down'],
      ['2026-06-03T02:20:00Z', 'up'], ['2026-06-10T00:10:00Z', 'unknown'], ['2026-06-10T00:40:00Z', 'up'],
    ]);
    expect(api[2]!.reason).toBe('2 of 3 checks down (quorum 2): probe-a down (HTTP 503); probe-b down (HTTP 503)');
    expect(api[4]!.reason).toBe('1 of 3 checks unknown could make it down (quorum 2): probe-a down (HTTP 503); probe-c unknown');

    const lines = api.map((c) => ({ type: 'status' as const, service: c.service, at: utc(c.at), state: c.state, reason: c.reason }));
    const s = computeAgencyReport({ contract, month: '2026-06', lines, calendar: new WorkCalendar() }).services[0]!;
    // 30 days = 2592000 s; down 10:05-10:20 = 900; unknown 08:10-08:40 = 1800; up 2589300
    // 2589300 / (2592000 - 1800) = 99.96525.. -> 99.965 (met 99.95); coverage 2590200 / 2592000 -> 99.930
    expect([s.scheduled_seconds, s.up_seconds, s.down_seconds, s.unknown_seconds, s.availability_percent, s.met, s.coverage_percent])
      .toEqual([2592000, 2589300, 900, 1800, 99.965, true, 99.93]);
  });

  it('rule checks: firing is down; `all` needs the probe down too', () => {
    const changes: ServiceTransition[] = [];
    const ev = new ServiceEvaluator((c) => changes.push(c));
    ev.setServices([{ agency: 'gov', contract: contract.services[1]! }], 0);
    ev.target('probe-a', 'down', 1000, 'TIMEOUT');
    ev.rule('web-5xx', true, 2000);
    ev.rule('web-5xx', false, 3000);
    expect(changes.map((c) => [c.at, c.state])).toEqual([[0, 'up'], [2000, 'down'], [3000, 'up']]);
    expect(changes[0]!.reason).toBe('0 down and 1 unknown of 2 checks, fewer than all needs: probe-a unknown (not polled yet)');
    expect(changes[1]!.reason).toBe('2 of 2 checks down (all): probe-a down (TIMEOUT); rule web-5xx down (firing)');
  });

  it('the outcome sink forwards what the status ledger holds for the target', () => {
    const ledger = new StatusLedger(openDb(':memory:'), { now: 0, version: 'test' });
    const changes: ServiceTransition[] = [];
    const ev = new ServiceEvaluator((c) => changes.push(c));
    ev.setServices([{ agency: 'gov', contract: contract.services[0]! }], 0);
    const sink = serviceStatusSink(ledger, ev);
    for (const name of ['probe-a', 'probe-b']) {
      ledger.record(name, 'up', 'poll succeeded', 5000);
      sink.onRemove!(name, 5000);
    }
    expect(changes.map((c) => [c.at, c.state, c.reason])).toEqual([
      [0, 'unknown', '3 of 3 checks unknown could make it down (quorum 2): probe-a unknown (not polled yet); probe-b unknown (not polled yet); probe-c unknown (not polled yet)'],
      [5000, 'up', '0 down and 1 unknown of 3 checks, fewer than quorum 2 needs: probe-c unknown (not polled yet)'],
    ]);
  });
});
