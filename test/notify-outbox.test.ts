import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import client from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/log.ts';
import { NOTIFY } from '../src/metrics/names.ts';
import { DEFAULT_RETRY } from '../src/notify/backoff.ts';
import { webhookChannel } from '../src/notify/channels/webhook.ts';
import { registerOutboxMetrics } from '../src/notify/metrics.ts';
import { NotificationOutbox } from '../src/notify/outbox.ts';
import type { OutboundMessage } from '../src/notify/types.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { waitFor } from './helpers/components.ts';
import { startRecorder } from './helpers/http-recorder.ts';
import { FakeClock } from './helpers/fake-clock.ts';

const SECRET = 'webhook-secret-不要外传';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const message = (key: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  idempotencyKey: key, receiver: 'ops', lang: 'zh-CN', title: `UPS 告警 ${key}`, text: '公共资源交易中心 UPS 市电中断，电池供电', severity: 'critical', ...extra,
});

async function setup(opts: { random?: () => number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'slaguard-outbox-'));
  const db: Db = openDb(join(dir, 'slaguard.db'));
  const hook = await startRecorder();
  const clock = new FakeClock();
  const registry = new client.Registry();
  let outbox: NotificationOutbox | undefined;
  const onOutcome = registerOutboxMetrics(registry, () => outbox?.store, clock.now);
  const channels = new Map([['ops', webhookChannel({ url: `${hook.url}/hook`, secret: SECRET, timeoutMs: 2000 })]]);
  outbox = new NotificationOutbox(db, {
    channels: () => channels, now: clock.now, timers: clock, random: opts.random ?? (() => 0.5), logger: silentLogger(), onOutcome,
  });
  cleanups.push(async () => {
    await outbox!.stop(100);
    await hook.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const metric = async (name: string, labels: Record<string, string> = {}) => {
    const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
    const v = m?.values.find((x) => Object.entries(labels).every(([k, val]) => x.labels[k] === val));
    return v?.value ?? 0;
  };
  return { db, hook, clock, outbox, metric };
}

/** A receiver's own check of the documented scheme, written apart from the production code. */
function verifyWebhook(headers: Record<string, string | string[] | undefined>, body: string): boolean {
  const ts = String(headers['x-slaguard-timestamp']);
  const expected = 'sha256=' + createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(Buffer.from(ts + '.' + body, 'utf8')).digest('hex');
  return headers['x-slaguard-signature'] === expected;
}

describe('notification outbox', () => {
  it('delivers once per idempotency key, signed, with the key in a header', async () => {
    const { hook, outbox, metric } = await setup();
    outbox.start();
    expect(outbox.enqueue(message('k1'))).toBe(true);
    expect(outbox.enqueue(message('k1', { title: 'changed' }))).toBe(false);
    await outbox.idle();
    expect(hook.requests).toHaveLength(1);
    const req = hook.requests[0]!;
    expect(req.headers['idempotency-key']).toBe('k1');
    expect(verifyWebhook(req.headers, req.body)).toBe(true);
    expect(verifyWebhook({ ...req.headers, 'x-slaguard-timestamp': '1' }, req.body)).toBe(false);
    const body = JSON.parse(req.body) as { title: string; text: string };
    expect(body.title).toBe('UPS 告警 k1');
    expect(body.text).toContain('市电中断');
    expect(outbox.list({ state: 'delivered' }).map((r) => r.idempotencyKey)).toEqual(['k1']);
    expect(await metric(NOTIFY.notifications.name, { channel: 'webhook', outcome: 'delivered' })).toBe(1);
    expect(await metric(NOTIFY.queueDepth.name)).toBe(0);
  });

  it('retries with exponential backoff and jitter, capped at 10 minutes', async () => {
    const { hook, outbox, clock, metric } = await setup({ random: () => 0.5 });
    hook.setAnswer(() => ({ status: 503, body: 'busy' }));
    outbox.start();
    outbox.enqueue(message('k-retry'));
    await outbox.idle();
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const row = outbox.store.byKey('k-retry')!;
      expect(row.state).toBe('pending');
      expect(row.lastError).toContain('503');
      delays.push(row.nextAttemptAt - clock.now());
      clock.advance(row.nextAttemptAt - clock.now());
      await outbox.idle();
    }
    // equal jitter with random() = 0.5: three quarters of 10 s × 2^(n-1), capped at 10 min
    expect(delays).toEqual([7_500, 15_000, 30_000, 60_000, 120_000, 240_000, 450_000, 450_000, 450_000]);
    expect(hook.requests).toHaveLength(10);
    expect(await metric(NOTIFY.notifications.name, { channel: 'webhook', outcome: 'retry' })).toBe(10);
    expect(await metric(NOTIFY.oldestPendingAge.name)).toBe(1822.5);
    hook.setAnswer(() => ({ status: 200 }));
    clock.advance(outbox.store.byKey('k-retry')!.nextAttemptAt - clock.now());
    await outbox.idle();
    expect(outbox.store.byKey('k-retry')!.state).toBe('delivered');
  });

  it('jitter spreads retries between half and the whole of the backoff', async () => {
    const { hook, outbox, clock } = await setup({ random: () => 0 });
    hook.setAnswer(() => ({ status: 500 }));
    outbox.start();
    outbox.enqueue(message('low'));
    await outbox.idle();
    expect(outbox.store.byKey('low')!.nextAttemptAt - clock.now()).toBe(5_000);
  });

  it('a receiver down for an hour gets every notification exactly once when it returns', async () => {
    const { hook, outbox, clock, metric } = await setup({ random: Math.random });
    outbox.start();
    await hook.stop();
    const keys = Array.from({ length: 25 }, (_, i) => `down-${i}`);
    for (const [i, k] of keys.entries()) {
      outbox.enqueue(message(k));
      clock.advance(60_000 + i);
      await outbox.idle();
    }
    for (let t = 0; t < 35 * 60_000; t += 15_000) {
      clock.advance(15_000);
      await outbox.idle();
    }
    expect(hook.requests).toHaveLength(0);
    expect(await metric(NOTIFY.queueDepth.name)).toBe(25);
    expect(await metric(NOTIFY.oldestPendingAge.name)).toBeGreaterThanOrEqual(3600);
    await hook.restart();
    for (let t = 0; t < 11 * 60_000; t += 15_000) {
      clock.advance(15_000);
      await outbox.idle();
    }
    const received = hook.requests.map((r) => String(r.headers['idempotency-key']));
    expect(received.sort()).toEqual([...keys].sort());
    expect(await metric(NOTIFY.queueDepth.name)).toBe(0);
    expect(await metric(NOTIFY.notifications.name, { channel: 'webhook', outcome: 'delivered' })).toBe(25);
    expect(await metric(NOTIFY.notifications.name, { channel: 'webhook', outcome: 'failed' })).toBe(0);
  });

  it('gives up after the give-up time, keeps the row listed as failed and counts it', async () => {
    const { hook, outbox, clock, metric } = await setup();
    hook.setAnswer(() => ({ status: 502 }));
    outbox.start();
    outbox.enqueue(message('doomed'));
    await outbox.idle();
    for (let t = 0; t <= DEFAULT_RETRY.giveUpAfterMs; t += 300_000) {
      clock.advance(300_000);
      await outbox.idle();
    }
    const row = outbox.list({ state: 'failed' })[0]!;
    expect(row.idempotencyKey).toBe('doomed');
    expect(row.lastError).toContain('502');
    expect(row.finishedAt! - row.createdAt).toBe(DEFAULT_RETRY.giveUpAfterMs);
    expect(await metric(NOTIFY.notifications.name, { channel: 'webhook', outcome: 'failed' })).toBe(1);
    expect(await metric(NOTIFY.failed.name)).toBe(1);
    const before = hook.requests.length;
    clock.advance(3_600_000);
    await outbox.idle();
    expect(hook.requests.length).toBe(before);
  });

  it('an answer that cannot change (HTTP 400) fails at once', async () => {
    const { hook, outbox } = await setup();
    hook.setAnswer(() => ({ status: 400, body: { error: 'bad' } }));
    outbox.start();
    outbox.enqueue(message('bad'));
    await outbox.idle();
    expect(outbox.store.byKey('bad')).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('a receiver that hangs takes at most two sending slots: another receiver is served meanwhile', async () => {
    const { hook, db, clock } = await setup();
    const slow = await startRecorder(() => ({ status: 200, delayMs: 3_000 }));
    cleanups.push(() => slow.stop());
    const channels = new Map([
      ['slow', webhookChannel({ url: `${slow.url}/hook`, timeoutMs: 5000 })],
      ['ops', webhookChannel({ url: `${hook.url}/hook`, timeoutMs: 5000 })],
    ]);
    const outbox = new NotificationOutbox(db, { channels: () => channels, now: clock.now, timers: clock, logger: silentLogger(), concurrency: 3 });
    cleanups.push(() => outbox.stop(100));
    for (let i = 0; i < 4; i++) outbox.enqueue(message(`slow-${i}`, { receiver: 'slow' }));
    outbox.enqueue(message('fast'));
    outbox.start();
    await waitFor('the fast receiver', () => hook.requests.length === 1);
    // the fast one went out while the slow receiver still held its two: not after one of them finished
    expect(outbox.list({ receiver: 'slow', state: 'delivered' })).toEqual([]);
    expect(slow.requests.length).toBe(2);
    await outbox.idle();
    expect(slow.requests.length).toBe(4);
  });

  it('rows a crash left in flight are sent again on start', async () => {
    const { hook, outbox, clock } = await setup();
    outbox.enqueue(message('inflight'));
    expect(outbox.store.claimDue(clock.now())?.state).toBe('sending');
    expect(outbox.store.claimDue(clock.now())).toBeUndefined();
    outbox.start();
    await outbox.idle();
    expect(hook.requests.map((r) => r.headers['idempotency-key'])).toEqual(['inflight']);
    expect(outbox.store.byKey('inflight')).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});

describe('outbox shutdown', () => {
  it('finishes sends in flight within the grace; one still running after it is sent again at the next start', async () => {
    const { hook, outbox, db, clock } = await setup();
    hook.setAnswer(() => ({ status: 200, delayMs: 300 }));
    outbox.start();
    outbox.enqueue(message('graceful'));
    clock.advance(0);
    await outbox.stop(5_000);
    expect(outbox.store.byKey('graceful')!.state).toBe('delivered');

    const second = new NotificationOutbox(db, { channels: () => new Map([['ops', webhookChannel({ url: `${hook.url}/hook`, timeoutMs: 5000 })]]), now: clock.now, timers: clock, logger: silentLogger() });
    hook.setAnswer(() => ({ status: 200, delayMs: 2_000 }));
    second.start();
    second.enqueue(message('cut-short'));
    clock.advance(0);
    await second.stop(50);
    expect(second.store.byKey('cut-short')!.state).toBe('sending');
    hook.setAnswer(() => ({ status: 200 }));
    const third = new NotificationOutbox(db, { channels: () => new Map([['ops', webhookChannel({ url: `${hook.url}/hook`, timeoutMs: 5000 })]]), now: clock.now, timers: clock, logger: silentLogger() });
    third.start();
    await third.idle();
    await third.stop(100);
    expect(third.store.byKey('cut-short')).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});
