import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/log.ts';
import type { Channel } from '../src/notify/channel.ts';
import { dingtalkChannel } from '../src/notify/channels/dingtalk.ts';
import { feishuChannel } from '../src/notify/channels/feishu.ts';
import { wecomChannel } from '../src/notify/channels/wecom.ts';
import { NotificationOutbox } from '../src/notify/outbox.ts';
import type { OutboundMessage } from '../src/notify/types.ts';
import { openDb } from '../src/store/db.ts';
import { startRecorder, type Answer, type Recorded } from './helpers/http-recorder.ts';
import { FakeClock } from './helpers/fake-clock.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MSG: OutboundMessage = {
  idempotencyKey: 'inc-1-page', receiver: 'bot', lang: 'zh-CN', severity: 'critical',
  title: '【一级】UPS 市电中断', text: '公共资源交易中心 UPS-1 已切换到电池供电，电量 87%。', ackUrl: 'https://slaguard.example/ack?t=abc',
};

/** An outbox with one robot receiver, on a clock that starts at the real time (robots check timestamps). */
async function robot(make: (url: string) => Channel, verify: (req: Recorded, now: number) => Answer) {
  const clock = new FakeClock(Date.now());
  const server = await startRecorder((req) => verify(req, Date.now()));
  const channels = new Map([['bot', make(`${server.url}/robot/send?access_token=tok-123`)]]);
  const db = openDb(':memory:');
  const outbox = new NotificationOutbox(db, { channels: () => channels, now: clock.now, timers: clock, random: () => 0.5, logger: silentLogger() });
  outbox.start();
  cleanups.push(async () => {
    await outbox.stop(100);
    await server.stop();
    db.close();
  });
  const deliver = async (m: OutboundMessage) => {
    outbox.enqueue(m);
    await outbox.idle();
    return outbox.store.byKey(m.idempotencyKey)!;
  };
  const retryOnce = async (key: string) => {
    clock.advance(outbox.store.byKey(key)!.nextAttemptAt - clock.now());
    await outbox.idle();
    return outbox.store.byKey(key)!;
  };
  return { server, deliver, retryOnce };
}

describe('DingTalk robot', () => {
  const SECRET = 'SEC0123456789abcdef';
  // DingTalk's documented check: sign = urlEncode(base64(HmacSHA256(key=secret, timestamp + "\n" + secret))), timestamp in ms within 1 h
  const verify = (req: Recorded, now: number): Answer => {
    const q = new URL(req.path, 'http://x').searchParams;
    const ts = q.get('timestamp') ?? '';
    const expected = createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`, 'utf8').digest('base64');
    if (q.get('access_token') !== 'tok-123') return { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } };
    if (q.get('sign') !== expected || Math.abs(now - Number(ts)) > 3_600_000) return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  };

  it('signs as documented and sends markdown with the Chinese text and the acknowledge link', async () => {
    const { server, deliver } = await robot((url) => dingtalkChannel({ url, secret: SECRET, timeoutMs: 2000 }), verify);
    expect((await deliver(MSG)).state).toBe('delivered');
    const body = JSON.parse(server.requests[0]!.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('【一级】UPS 市电中断');
    expect(body.markdown.text).toContain('已切换到电池供电');
    expect(body.markdown.text).toContain('[确认告警](https://slaguard.example/ack?t=abc)');
  });

  it('a wrong secret is refused in the body (HTTP 200, errcode 310000) and fails the message', async () => {
    const { deliver } = await robot((url) => dingtalkChannel({ url, secret: 'SECwrong', timeoutMs: 2000 }), verify);
    const row = await deliver(MSG);
    expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row.lastError).toContain('errcode 310000 sign not match');
  });

  it('"send too fast" (130101) is retried', async () => {
    let calls = 0;
    const { deliver, retryOnce } = await robot((url) => dingtalkChannel({ url, secret: SECRET, timeoutMs: 2000 }),
      (req, now) => (++calls === 1 ? { status: 200, body: { errcode: 130101, errmsg: 'send too fast' } } : verify(req, now)));
    expect((await deliver(MSG)).state).toBe('pending');
    expect((await retryOnce(MSG.idempotencyKey)).state).toBe('delivered');
  });
});

describe('WeCom group robot', () => {
  const verify = (req: Recorded): Answer => {
    const q = new URL(req.path, 'http://x').searchParams;
    if (q.get('access_token') !== 'tok-123') return { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
    const body = JSON.parse(req.body);
    if (body.msgtype !== 'markdown' || Buffer.byteLength(body.markdown.content) > 4096) return { status: 200, body: { errcode: 40058, errmsg: 'bad content' } };
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  };

  it('sends markdown content (at most 4096 bytes) and reads errcode', async () => {
    const { server, deliver } = await robot((url) => wecomChannel({ url, timeoutMs: 2000 }), verify);
    expect((await deliver(MSG)).state).toBe('delivered');
    expect(JSON.parse(server.requests[0]!.body).markdown.content).toContain('### 【一级】UPS 市电中断');
    expect((await deliver({ ...MSG, idempotencyKey: 'long', text: '很长的描述。'.repeat(1000) })).state).toBe('delivered');
    expect(Buffer.byteLength(JSON.parse(server.requests[1]!.body).markdown.content)).toBeLessThanOrEqual(4096);
  });

  it('the frequency limit (45009) is retried; an invalid key (93000) fails', async () => {
    let calls = 0;
    const { deliver, retryOnce } = await robot((url) => wecomChannel({ url, timeoutMs: 2000 }),
      (req) => (++calls === 1 ? { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } } : verify(req)));
    expect((await deliver(MSG)).state).toBe('pending');
    expect((await retryOnce(MSG.idempotencyKey)).state).toBe('delivered');
    const bad = await robot((url) => wecomChannel({ url: url.replace('tok-123', 'nope'), timeoutMs: 2000 }), verify);
    expect(await bad.deliver(MSG)).toMatchObject({ state: 'failed', lastError: expect.stringContaining('93000') });
  });
});

describe('Feishu custom bot', () => {
  const SECRET = 'feishu-secret-xyz';
  // Feishu's documented check: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), timestamp in s
  const verify = (req: Recorded, now: number): Answer => {
    const body = JSON.parse(req.body);
    const expected = createHmac('sha256', Buffer.from(`${body.timestamp}\n${SECRET}`, 'utf8')).update('').digest('base64');
    if (body.sign !== expected || Math.abs(now / 1000 - Number(body.timestamp)) > 3600) return { status: 200, body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
    return { status: 200, body: { code: 0, msg: 'success', data: {} } };
  };

  it('signs as documented and sends an interactive card with the acknowledge button', async () => {
    const { server, deliver } = await robot((url) => feishuChannel({ url, secret: SECRET, msgType: 'interactive', timeoutMs: 2000 }), verify);
    expect((await deliver(MSG)).state).toBe('delivered');
    const body = JSON.parse(server.requests[0]!.body);
    expect(body.msg_type).toBe('interactive');
    expect(body.card.header).toEqual({ title: { tag: 'plain_text', content: '【一级】UPS 市电中断' }, template: 'red' });
    expect(JSON.stringify(body.card.elements)).toContain('已切换到电池供电');
    expect(JSON.stringify(body.card.elements)).toContain('https://slaguard.example/ack?t=abc');
  });

  it('sends plain text when configured; a bad signature (code 19021) fails, rate limiting (9499) retries', async () => {
    const text = await robot((url) => feishuChannel({ url, secret: SECRET, msgType: 'text', timeoutMs: 2000 }), verify);
    expect((await text.deliver(MSG)).state).toBe('delivered');
    expect(JSON.parse(text.server.requests[0]!.body).content.text).toContain('【一级】UPS 市电中断\n公共资源交易中心');
    const wrong = await robot((url) => feishuChannel({ url, secret: 'other', msgType: 'text', timeoutMs: 2000 }), verify);
    expect(await wrong.deliver(MSG)).toMatchObject({ state: 'failed', lastError: expect.stringContaining('code 19021') });
    let calls = 0;
    const limited = await robot((url) => feishuChannel({ url, secret: SECRET, msgType: 'text', timeoutMs: 2000 }),
      (req, now) => (++calls === 1 ? { status: 200, body: { code: 9499, msg: 'too many request' } } : verify(req, now)));
    expect((await limited.deliver(MSG)).state).toBe('pending');
    expect((await limited.retryOnce(MSG.idempotencyKey)).state).toBe('delivered');
  });
});

describe('secrets stay out of logs', () => {
  it('a failing robot is logged once at warn with the receiver and the reason, never its URL token or signing secret', async () => {
    const { PassThrough } = await import('node:stream');
    const { createLogger } = await import('../src/log.ts');
    const out = new PassThrough();
    let logged = '';
    out.on('data', (d: Buffer) => (logged += d.toString()));
    const closed = await startRecorder();
    const url = `${closed.url}/robot/send?access_token=TOKEN-very-secret`;
    await closed.stop();
    const clock = new FakeClock(Date.now());
    const db = openDb(':memory:');
    const channels = new Map([['noc-dingtalk', dingtalkChannel({ url, secret: 'SEC-signing-secret', timeoutMs: 2000 })]]);
    const outbox = new NotificationOutbox(db, { channels: () => channels, now: clock.now, timers: clock, logger: createLogger({ level: 'debug', destination: out }) });
    outbox.start();
    for (const key of [MSG.idempotencyKey, 'second', 'third']) outbox.enqueue({ ...MSG, idempotencyKey: key, receiver: 'noc-dingtalk' });
    await outbox.idle();
    expect(outbox.store.byKey(MSG.idempotencyKey)!.lastError).toContain('ECONNREFUSED');
    await outbox.stop(100);
    db.close();
    expect(logged).toContain('"receiver":"noc-dingtalk"');
    // one warning for the failing receiver, not one per message
    expect(logged.split('\n').filter((l) => l.includes('"level":40'))).toHaveLength(1);
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).not.toContain('TOKEN-very-secret');
    expect(logged).not.toContain('SEC-signing-secret');
  });
});
