import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { ConfigError, formatProblem } from '../src/errors.ts';
import { startRecorder } from './helpers/http-recorder.ts';

const dir = mkdtempSync(join(tmpdir(), 'slaguard-notify-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const parse = (text: string) => parseConfigText(text, { file: 'notify.yaml', baseDir: dir });
const problems = (text: string): string[] => {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
};

describe('receivers: config', () => {
  it('reads every channel, with secrets inline or from files and durations in ms', () => {
    writeFileSync(join(dir, 'dingtalk.url'), 'https://oapi.dingtalk.com/robot/send?access_token=abc\n');
    writeFileSync(join(dir, 'smtp.pass'), 's3cret\n');
    const cfg = parse(`
smtp: { host: mail.gov.example, username: alerts, password_file: smtp.pass, from: '"监控" <alerts@gov.example>', tls: { reject_unauthorized: false } }
receivers:
  - { name: hook, webhook: { url: 'https://hooks.example/x', secret: k, timeout: 5s } }
  - { name: mail, give_up_after: 2h, email: { to: [ops@gov.example] } }
  - { name: ding, dingtalk: { url_file: dingtalk.url, secret: SEC123 } }
  - { name: wx, wecom: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' } }
  - { name: fs, feishu: { url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: s, msg_type: text } }
  - { name: am, alertmanager: { urls: ['http://am1:9093', 'http://am2:9093'], resend_interval: 30s } }
`);
    expect(cfg.notify.receivers.map((r) => [r.name, r.channel.kind])).toEqual([
      ['hook', 'webhook'], ['mail', 'email'], ['ding', 'dingtalk'], ['wx', 'wecom'], ['fs', 'feishu'], ['am', 'alertmanager'],
    ]);
    expect(cfg.notify.receivers[0]!.channel).toMatchObject({ secret: 'k', timeoutMs: 5000 });
    expect(cfg.notify.receivers[1]!.giveUpAfterMs).toBe(7_200_000);
    expect(cfg.notify.receivers[2]!.channel).toMatchObject({ url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC123' });
    expect(cfg.notify.receivers[5]!.channel).toMatchObject({ resendIntervalMs: 30_000 });
    expect(cfg.notify.smtp).toMatchObject({ port: 587, requireTls: true, rejectUnauthorized: false, password: 's3cret' });
  });

  it('reports every receiver problem at once, located', () => {
    const found = problems(`receivers:
  - name: two
    webhook: { url: 'https://a.example' }
    wecom: { url: 'https://b.example' }
  - name: none
  - name: mail
    email: { to: [not-an-address] }
  - { name: two, webhook: { url: 'ftp://x' } }
  - { name: ding, dingtalk: { secret: x } }
`);
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^notify\.yaml:2:\d+: .*exactly one channel; this one has webhook and wecom/),
      expect.stringMatching(/^notify\.yaml:5:\d+: .*needs exactly one of webhook, email/),
      expect.stringMatching(/^notify\.yaml:7:\d+: .*e-mail receiver needs the top-level "smtp:"/),
      expect.stringMatching(/^notify\.yaml:7:\d+: .*expected an e-mail address/),
      expect.stringMatching(/^notify\.yaml:8:\d+: .*duplicate receiver name "two"/),
      expect.stringMatching(/^notify\.yaml:8:\d+: .*http:\/\/ or https:\/\//),
      expect.stringMatching(/^notify\.yaml:9:\d+: .*"url" or "url_file" is required/),
    ]));
  });
});

describe('GET /api/outbox', () => {
  it('lists queued notifications for operators and admins, filtered by state', async () => {
    const hook = await startRecorder();
    const app = buildApp(parse(`storage: { path: ':memory:' }
server: { auth: { tokens: [ { name: wall, role: viewer, token: viewer-token-0123456789 }, { name: oncall, role: operator, token: operator-token-0123456789 } ] } }
receivers: [ { name: hook, webhook: { url: '${hook.url}/x' } } ]
`));
    try {
      await app.start();
      expect(app.outbox.enqueue({ idempotencyKey: 'api-1', receiver: 'hook', lang: 'zh-CN', title: '测试通知', text: '正文', context: { incident: 'INC-000001' } })).toBe(true);
      expect(app.outbox.enqueue({ idempotencyKey: 'api-2', receiver: 'nobody', lang: 'en', title: 'to no one', text: '' })).toBe(true);
      await app.outbox.idle();
      const auth = (t: string) => ({ authorization: `Bearer ${t}` });
      expect((await app.server.inject({ url: '/api/outbox', headers: auth('viewer-token-0123456789') })).statusCode).toBe(403);
      const all = await app.server.inject({ url: '/api/outbox', headers: auth('operator-token-0123456789') });
      expect(all.statusCode).toBe(200);
      const rows = all.json().notifications as Array<Record<string, unknown>>;
      expect(rows.map((r) => [r.idempotencyKey, r.state])).toEqual([['api-2', 'pending'], ['api-1', 'delivered']]);
      expect(rows[1]).toMatchObject({ receiver: 'hook', channel: 'webhook', title: '测试通知', context: { incident: 'INC-000001' }, attempts: 1 });
      expect(rows[0]!.lastError).toContain('no receiver named "nobody"');
      const pending = await app.server.inject({ url: '/api/outbox?state=pending', headers: auth('operator-token-0123456789') });
      expect(pending.json().notifications.map((r: { idempotencyKey: string }) => r.idempotencyKey)).toEqual(['api-2']);
      expect((await app.server.inject({ url: '/api/outbox?state=lost', headers: auth('operator-token-0123456789') })).statusCode).toBe(400);
      const metrics = await app.exporter.render();
      expect(metrics).toContain('slaguard_notifications_total{channel="webhook",outcome="delivered"} 1');
      expect(metrics).toContain('slaguard_notification_queue_depth 1');
    } finally {
      await app.stop();
      await hook.stop();
    }
  });
});

describe('receivers across a reload', () => {
  it('a reload that changes a receiver sends what is queued through the new one', async () => {
    const before = await startRecorder();
    const after = await startRecorder();
    const cfg = (url: string) => parse(`storage: { path: ':memory:' }\nreceivers: [ { name: hook, webhook: { url: '${url}/x' } } ]\n`);
    const app = buildApp(cfg(before.url));
    try {
      await app.start();
      app.outbox.enqueue({ idempotencyKey: 'r-1', receiver: 'hook', lang: 'en', title: 'one', text: '' });
      await app.outbox.idle();
      app.applyConfig(cfg(after.url));
      app.outbox.enqueue({ idempotencyKey: 'r-2', receiver: 'hook', lang: 'en', title: 'two', text: '' });
      await app.outbox.idle();
      expect(before.requests.map((r) => r.headers['idempotency-key'])).toEqual(['r-1']);
      expect(after.requests.map((r) => r.headers['idempotency-key'])).toEqual(['r-2']);
    } finally {
      await app.stop();
      await before.stop();
      await after.stop();
    }
  });
});
