import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/db.ts';
import { alertingConfig, FakeClock, MIN, HOUR, RecordingOutbox, ScriptedAlerts, tempDbPath } from '../../test/helpers/alerting.ts';
import { Alerting } from './service.ts';

const T0 = Date.parse('2026-05-06T08:00:00+08:00');
const ROUTE = {
  receiver: 'noc-email',
  group_by: ['site', 'alertname'],
  group_wait: '30s', group_interval: '5m', repeat_interval: '4h',
  routes: [
    { matchers: ['agency="市公安局"'], receiver: 'police-dingtalk', continue: true },
    { matchers: ['severity="critical"'], receiver: 'oncall-wecom', group_by: ['site'] },
    { matchers: ['category="infrastructure"'], receiver: 'facility-feishu' },
  ],
};

let dbs: Db[] = [];
afterEach(() => { for (const d of dbs) d.close(); dbs = []; });

function setup(route: unknown = ROUTE) {
  const clock = new FakeClock(T0);
  const db = openDb(tempDbPath());
  dbs.push(db);
  const source = new ScriptedAlerts(clock);
  const outbox = new RecordingOutbox();
  const cfg = alertingConfig({ route });
  const alerting = new Alerting({ db, config: () => cfg, source, outbox, clock });
  alerting.start();
  return { clock, source, outbox, alerting };
}

describe('grouping like Alertmanager', () => {
  it('waits group_wait and sends the alerts that arrived meanwhile in one message', () => {
    const { clock, source, outbox } = setup();
    source.fire('ups-on-battery', { site: '主机房', target: 'ups-1', service: '公共资源交易中心' }, { summary: '公共资源交易中心 UPS 市电中断' });
    clock.advance(10_000);
    source.fire('ups-on-battery', { site: '主机房', target: 'ups-2', service: '公共资源交易中心' }, { summary: '公共资源交易中心 UPS 市电中断' });
    clock.advance(19_000);
    expect(outbox.messages).toHaveLength(0);
    clock.advance(1_000);
    expect(outbox.messages).toHaveLength(1);
    const m = outbox.messages[0]!;
    expect(m.receiver).toBe('oncall-wecom');
    expect(m.lang).toBe('zh-CN');
    expect(m.title).toBe('【一级告警】公共资源交易中心 UPS 市电中断 等 1 条');
    expect(m.alerts!.map((a) => a.labels.target).sort()).toEqual(['ups-1', 'ups-2']);
    expect(m.alerts!.every((a) => a.status === 'firing' && a.annotations.summary === '公共资源交易中心 UPS 市电中断')).toBe(true);
    expect(m.text).toContain('ups-on-battery 描述');
  });

  it('a new alert in a group that has notified waits for the next group_interval tick', () => {
    const { clock, source, outbox } = setup();
    source.fire('ups-on-battery', { site: 'A', target: 'ups-1' });
    clock.advance(30_000);
    expect(outbox.messages).toHaveLength(1);
    clock.advance(1 * MIN);
    source.fire('ups-overload', { site: 'A', target: 'ups-1' });
    clock.advance(3 * MIN + 59_000);
    expect(outbox.messages).toHaveLength(1);
    clock.advance(1_000);
    expect(outbox.messages).toHaveLength(2);
    expect(outbox.messages[1]!.alerts).toHaveLength(2);
  });

  it('an unchanged group repeats after repeat_interval (at the next tick), with a new idempotency key', () => {
    const { clock, source, outbox } = setup();
    source.fire('ups-on-battery', { site: 'A', target: 'ups-1' });
    clock.advance(30_000);
    clock.advance(4 * HOUR - 1);
    expect(outbox.messages).toHaveLength(1);
    clock.advance(1);
    expect(outbox.messages).toHaveLength(2);
    expect(outbox.messages[1]!.idempotencyKey).not.toBe(outbox.messages[0]!.idempotencyKey);
    clock.advance(4 * HOUR);
    expect(outbox.messages).toHaveLength(3);
  });

  it('a resolved alert is told once as resolved, then the group is gone', () => {
    const { clock, source, outbox, alerting } = setup();
    const a = source.fire('ups-on-battery', { site: 'A', target: 'ups-1' }, { summary: 'UPS 市电中断' });
    clock.advance(30_000);
    clock.advance(2 * MIN);
    source.resolve(a);
    clock.advance(3 * MIN);
    expect(outbox.messages).toHaveLength(2);
    expect(outbox.messages[1]!.title).toBe('【已恢复】UPS 市电中断');
    expect(outbox.messages[1]!.alerts![0]!.status).toBe('resolved');
    expect(outbox.messages[1]!.alerts![0]!.endsAt).toBe(new Date(T0 + 30_000 + 2 * MIN).toISOString());
    expect(alerting.dispatcher.list()).toEqual([]);
    clock.advance(10 * HOUR);
    expect(outbox.messages).toHaveLength(2);
  });

  it('an alert resolved before group_wait ends is never sent', () => {
    const { clock, source, outbox } = setup();
    const a = source.fire('ups-on-battery', { site: 'A', target: 'ups-1' });
    clock.advance(10_000);
    source.resolve(a);
    clock.advance(HOUR);
    expect(outbox.messages).toHaveLength(0);
  });

  it('group_by splits groups: one message per site', () => {
    const { clock, source, outbox } = setup();
    source.fire('ups-on-battery', { site: 'A', target: 'ups-1' });
    source.fire('ups-on-battery', { site: 'B', target: 'ups-2' });
    clock.advance(30_000);
    expect(outbox.messages.map((m) => m.alerts![0]!.labels.site).sort()).toEqual(['A', 'B']);
  });
});

describe('routing by labels', () => {
  it('first matching child wins; continue lets the next children match too; no match falls to the root', () => {
    const { clock, source, outbox } = setup();
    source.fire('link-down', { agency: '市公安局', site: 'A', target: 'sw-1' }, { severity: 'critical' });
    source.fire('temp-high', { site: 'A', target: 'room-1', category: 'infrastructure' }, { severity: 'warning' });
    source.fire('cert-expiring', { site: 'A', target: 'web-1' }, { severity: 'info' });
    source.fire('disk-full', { site: 'A', target: 'db-1', category: 'infrastructure' }, { severity: 'critical' });
    clock.advance(30_000);
    const to = (r: string) => outbox.messages.filter((m) => m.receiver === r).flatMap((m) => m.alerts!.map((a) => a.labels.alertname)).sort();
    expect(to('police-dingtalk')).toEqual(['link-down']);
    expect(to('oncall-wecom')).toEqual(['disk-full', 'link-down']);
    expect(to('facility-feishu')).toEqual(['temp-high']);
    expect(to('noc-email')).toEqual(['cert-expiring']);
  });

  it('one message per receiver per group, with distinct idempotency keys', () => {
    const { clock, source, outbox } = setup();
    source.fire('link-down', { agency: '市公安局', site: 'A', target: 'sw-1' });
    clock.advance(30_000);
    expect(outbox.messages).toHaveLength(2);
    expect(new Set(outbox.messages.map((m) => m.idempotencyKey)).size).toBe(2);
  });

  it('flapping and suppressed alerts do not notify; once stable, a still-firing alert does', () => {
    const { clock, source, outbox } = setup();
    source.fire('ups-on-battery', { site: 'A', target: 'ups-1' }, { flapping: true });
    source.fire('host-down', { site: 'B', target: 'h-1' }, { suppressedBy: 'abc' });
    clock.advance(HOUR);
    expect(outbox.messages).toHaveLength(0);
    source.fire('ups-on-battery', { site: 'A', target: 'ups-1' }, { flapping: false });
    clock.advance(5 * MIN);
    expect(outbox.messages.map((m) => m.alerts![0]!.labels.target)).toEqual(['ups-1']);
  });
});
