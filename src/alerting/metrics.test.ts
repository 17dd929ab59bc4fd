import client from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/db.ts';
import { alertingConfig, FakeClock, MIN, RecordingOutbox, ScriptedAlerts, tempDbPath } from '../../test/helpers/alerting.ts';
import { alertingMetrics } from './metrics.ts';
import { Alerting } from './service.ts';

const T0 = Date.parse('2026-05-06T08:00:00+08:00');
const DAY = 86_400_000;
let dbs: Db[] = [];
afterEach(() => { for (const d of dbs) d.close(); dbs = []; });
const who = { name: 'oncall', tokenName: 'oncall', address: '127.0.0.1' };

function setup() {
  const clock = new FakeClock(T0);
  const db = openDb(tempDbPath());
  dbs.push(db);
  const source = new ScriptedAlerts(clock);
  const registry = new client.Registry();
  const metrics = alertingMetrics(registry);
  const alerting = new Alerting({ db, config: () => alertingConfig({ route: { receiver: 'noc', group_by: ['service'] } }), source, outbox: metrics.counting(new RecordingOutbox()), clock });
  alerting.start();
  metrics.observe(alerting);
  const scrape = async () => (await registry.metrics()).split('\n').filter((l) => /^slaguard_incident_(ack|restore)_seconds\{/.test(l)).sort();
  return { clock, source, alerting, scrape };
}

describe('time to acknowledge and restore', () => {
  it('mean and max per level over the incidents of the last 30 days that were acknowledged / restored', async () => {
    const { clock, source, alerting, scrape } = setup();
    expect(await scrape()).toEqual([]);
    const old = source.fire('ups-on-battery', { service: 'old' });
    clock.advance(100 * MIN);
    alerting.acknowledge('INC-000001', who, 'api');
    source.resolve(old);
    clock.advance(31 * DAY);
    const a = source.fire('ups-on-battery', { service: 'A' });
    source.fire('link-down', { service: 'B' });
    source.fire('cpu-high', { service: 'C' }, { severity: 'warning' });
    clock.advance(2 * MIN);
    alerting.acknowledge('INC-000003', who, 'api');
    clock.advance(2 * MIN);
    alerting.acknowledge('INC-000002', who, 'api');
    clock.advance(6 * MIN);
    source.resolve(a);
    expect(await scrape()).toEqual([
      'slaguard_incident_ack_seconds{level="1",stat="max"} 240',
      'slaguard_incident_ack_seconds{level="1",stat="mean"} 180',
      'slaguard_incident_restore_seconds{level="1",stat="max"} 600',
      'slaguard_incident_restore_seconds{level="1",stat="mean"} 600',
    ]);
    clock.advance(3 * MIN);
    alerting.acknowledge('INC-000004', who, 'api');
    expect(await scrape()).toContain('slaguard_incident_ack_seconds{level="3",stat="mean"} 780');
  });
});
