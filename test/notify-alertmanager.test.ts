import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../src/log.ts';
import type { Channel } from '../src/notify/channel.ts';
import { alertmanagerChannel } from '../src/notify/channels/alertmanager.ts';
import { AlertmanagerForwarder } from '../src/notify/forwarder.ts';
import { NotificationOutbox } from '../src/notify/outbox.ts';
import type { AlertPayload } from '../src/notify/types.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { waitFor } from './helpers/components.ts';
import { startRecorder } from './helpers/http-recorder.ts';
import { FakeClock } from './helpers/fake-clock.ts';

const am = inject('alertmanager');
const run = randomUUID().slice(0, 8);

interface AmAlert { labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; generatorURL: string; status: { state: string; silencedBy: string[] } }
interface HookBody { status: string; alerts: Array<{ status: string; labels: Record<string, string> }> }

const amAlerts = async (alertname: string): Promise<AmAlert[]> =>
  (await fetch(`${am.url}/api/v2/alerts?filter=${encodeURIComponent(`alertname="${alertname}"`)}`)).json() as Promise<AmAlert[]>;
const hooked = async (alertname: string): Promise<HookBody[]> =>
  ((await (await fetch(`${am.hookUrl}/received`)).json()) as HookBody[]).filter((b) => b.alerts.some((a) => a.labels.alertname === alertname));

const alert = (name: string, extra: Partial<AlertPayload> = {}): AlertPayload => ({
  fingerprint: `fp-${name}`, status: 'firing',
  labels: { alertname: name, severity: 'critical', target: 'ups-a101', site: '公共资源交易中心', run },
  annotations: { summary: 'UPS 市电中断，电池供电', description: 'UPS ups-a101 on battery' },
  startsAt: new Date(Date.now() - 5_000).toISOString(),
  generatorURL: 'http://slaguard.example:9464/api/alerts?rule=ups-on-battery', ...extra,
});

let db: Db;
let outbox: NotificationOutbox;
let forwarder: AlertmanagerForwarder;
let active: AlertPayload[] = [];
const timers = new FakeClock();
/** The outbox runs on real time (Alertmanager compares startsAt/endsAt with its own clock), moved ahead by hand for retries. */
let skew = 0;
const now = () => Date.now() + skew;
const channels = new Map<string, Channel>();
beforeAll(() => {
  db = openDb(':memory:');
  channels.set('am', alertmanagerChannel({ urls: [am.url], resendIntervalMs: 60_000, timeoutMs: 5000 }));
  outbox = new NotificationOutbox(db, { channels: () => channels, now, timers, random: () => 0.5, logger: silentLogger() });
  forwarder = new AlertmanagerForwarder({ outbox, channels: () => channels, active: () => active, now, timers, logger: silentLogger() });
  outbox.start();
  forwarder.start();
});
afterAll(async () => {
  forwarder.stop();
  await outbox.stop(1000);
  db.close();
});

describe('Alertmanager', () => {
  it('receives firing alerts with their labels, keeps them active through re-posts, and resolves them', async () => {
    const name = `UpsOnBattery_${run}`;
    const a = alert(name);
    active = [a];
    forwarder.firing(a);
    await outbox.idle();
    const [got] = await amAlerts(name);
    expect(got?.labels).toEqual(a.labels);
    expect(got?.annotations).toEqual(a.annotations);
    expect(got?.status.state).toBe('active');
    expect(got?.generatorURL).toBe(a.generatorURL);
    expect(Date.parse(got!.startsAt)).toBe(Date.parse(a.startsAt));
    const firstEnd = Date.parse(got!.endsAt);
    expect(firstEnd - Date.now()).toBeGreaterThan(170_000);
    expect(firstEnd - Date.now()).toBeLessThanOrEqual(180_000);
    await waitFor('the firing webhook from Alertmanager', async () => (await hooked(name)).some((b) => b.status === 'firing'));

    timers.advance(60_000);
    await waitFor('the re-post to move endsAt later', async () => Date.parse((await amAlerts(name))[0]!.endsAt) > firstEnd);

    active = [];
    forwarder.resolved(a);
    await outbox.idle();
    expect(outbox.list({ state: 'delivered' }).map((r) => r.idempotencyKey)).toContain(`am:am:${a.fingerprint}:${a.startsAt}:resolved`);
    await waitFor('the resolved webhook from Alertmanager', async () => (await hooked(name)).some((b) => b.status === 'resolved'));
    expect(await amAlerts(name)).toEqual([]);
  });

  it('respects a silence created in Alertmanager, which slaguard knows nothing of', async () => {
    const silenced = `Maintenance_${run}`;
    const control = `Control_${run}`;
    const res = await fetch(`${am.url}/api/v2/silences`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: silenced, isRegex: false, isEqual: true }],
        startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), createdBy: 'noc', comment: '变更单 CHG-2026-118',
      }),
    });
    const { silenceID } = (await res.json()) as { silenceID: string };
    expect(silenceID).toBeTruthy();

    forwarder.firing(alert(silenced));
    await outbox.idle();
    await waitFor('Alertmanager to mark the alert silenced', async () => (await amAlerts(silenced))[0]?.status.state === 'suppressed');
    expect((await amAlerts(silenced))[0]!.status.silencedBy).toEqual([silenceID]);
    // posted later than the silenced one, with the same group_wait: once it has arrived, the silenced group's turn has passed
    forwarder.firing(alert(control));
    await outbox.idle();
    await waitFor('the control alert at the webhook', async () => (await hooked(control)).length > 0);
    expect(await hooked(silenced)).toEqual([]);
  });

  it('a cluster gets each alert at every member; a member that refused is retried until it takes it', async () => {
    const name = `Cluster_${run}`;
    let refusals = 1;
    const second = await startRecorder(() => (refusals-- > 0 ? { status: 503, body: 'starting' } : { status: 200, body: {} }));
    channels.set('am-cluster', alertmanagerChannel({ urls: [am.url, second.url], resendIntervalMs: 60_000, timeoutMs: 5000 }));
    try {
      const a = alert(name, { fingerprint: 'fp-cluster' });
      forwarder.resolved(a);
      await outbox.idle();
      const key = `am:am-cluster:fp-cluster:${a.startsAt}:resolved`;
      const row = outbox.store.byKey(key)!;
      expect(row.state).toBe('pending');
      expect(row.lastError).toContain(`1 of 2 Alertmanagers did not take the alerts: ${second.url}`);
      skew += row.nextAttemptAt - now();
      await outbox.idle();
      expect(outbox.store.byKey(key)!.state).toBe('delivered');
      const posted = second.requests.map((r) => JSON.parse(r.body) as Array<{ labels: Record<string, string>; endsAt: string }>);
      expect(posted).toHaveLength(2);
      expect(posted[1]![0]!.labels.alertname).toBe(name);
      expect(second.requests[0]!.path).toBe('/api/v2/alerts');
    } finally {
      channels.delete('am-cluster');
      await second.stop();
    }
  });

  it('a firing alert queued while Alertmanager was unreachable is not revived after it resolved; its resolution still goes', async () => {
    const name = `Late_${run}`;
    const down = await startRecorder();
    await down.stop();
    channels.set('am-late', alertmanagerChannel({ urls: [down.url], resendIntervalMs: 60_000, timeoutMs: 2000 }));
    try {
      const a = alert(name, { fingerprint: 'fp-late' });
      const only = (key: string) => outbox.store.byKey(key)!;
      outbox.enqueue({ idempotencyKey: `late-firing-${run}`, receiver: 'am-late', lang: 'en', title: name, text: '', alerts: [a] });
      await outbox.idle();
      expect(only(`late-firing-${run}`).state).toBe('pending');
      outbox.enqueue({ idempotencyKey: `late-resolved-${run}`, receiver: 'am-late', lang: 'en', title: name, text: '', alerts: [{ ...a, status: 'resolved', endsAt: new Date(Date.now()).toISOString() }] });
      await outbox.idle();
      channels.set('am-late', alertmanagerChannel({ urls: [am.url], resendIntervalMs: 60_000, timeoutMs: 5000 }));
      skew += 120_000;
      await outbox.idle();
      expect(only(`late-firing-${run}`).state).toBe('delivered');
      expect(only(`late-resolved-${run}`).state).toBe('delivered');
      expect(await amAlerts(name)).toEqual([]);
      expect(await hooked(name)).toEqual([]);
    } finally {
      channels.delete('am-late');
    }
  });
});
