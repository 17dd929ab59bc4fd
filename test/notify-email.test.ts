import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../src/config/load.ts';
import { silentLogger } from '../src/log.ts';
import { buildReceivers } from '../src/notify/build.ts';
import { NotificationOutbox } from '../src/notify/outbox.ts';
import type { OutboundMessage } from '../src/notify/types.ts';
import { openDb } from '../src/store/db.ts';
import { requireBinary } from './helpers/components.ts';
import { FakeClock } from './helpers/fake-clock.ts';

const dir = mkdtempSync(join(tmpdir(), 'slaguard-smtp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Received { mail: ParsedMail; secure: boolean; user: string | undefined; rcpt: string[] }

/** A real SMTP server (npm smtp-server) on a free loopback port, parsing what it receives with mailparser. */
async function smtpServer(opts: Partial<SMTPServerOptions>) {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'alerts' && auth.password === 'mail-pass-口令') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        received.push({ mail, secure: session.secure, user: session.user as string | undefined, rcpt: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      }, cb);
    },
    ...opts,
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port, received };
}

/** The outbox with one e-mail receiver `mail`, configured from YAML as an operator writes it. */
function outboxFor(smtpYaml: string) {
  writeFileSync(join(dir, 'smtp.pass'), 'mail-pass-口令\n');
  const cfg = parseConfigText(`smtp: ${smtpYaml}
receivers: [ { name: mail, email: { to: [oncall@gov.example], cc: [noc@gov.example] } } ]
`, { file: 'mail.yaml', baseDir: dir });
  const receivers = buildReceivers(cfg.notify.receivers, cfg.notify.smtp);
  const clock = new FakeClock();
  const db = openDb(':memory:');
  const outbox = new NotificationOutbox(db, { channels: () => receivers.channels, now: clock.now, timers: clock, logger: silentLogger() });
  outbox.start();
  cleanups.push(async () => {
    await outbox.stop(100);
    receivers.close();
    db.close();
  });
  return async (m: OutboundMessage) => {
    outbox.enqueue(m);
    await outbox.idle();
    return outbox.store.byKey(m.idempotencyKey)!;
  };
}

const report = join(dir, '2026-10 SLA 报告.pdf');
writeFileSync(report, '%PDF-1.4 pretend report\n');
const MSG: OutboundMessage = {
  idempotencyKey: 'report-2026-10-agency-7', receiver: 'mail', lang: 'zh-CN',
  title: '【SLA 月报】公共资源交易中心 2026 年 10 月：可用性 99.95%',
  text: '本月可用性 99.95%，达到合同约定的 99.9%。\n维护时间 2 小时已排除。',
  attachments: [{ filename: '2026-10 SLA 报告.pdf', path: report, contentType: 'application/pdf' }],
};

describe('e-mail over SMTP', () => {
  it('delivers a Chinese subject and body, text and HTML, with AUTH, the attachment and a Message-ID from the idempotency key', async () => {
    const smtp = await smtpServer({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    const send = outboxFor(`{ host: 127.0.0.1, port: ${smtp.port}, require_tls: false, username: alerts, password_file: smtp.pass, from: '"政务云监控" <alerts@gov.example>' }`);
    expect((await send(MSG)).state).toBe('delivered');
    expect(smtp.received).toHaveLength(1);
    const { mail, user, rcpt } = smtp.received[0]!;
    expect(user).toBe('alerts');
    expect(rcpt).toEqual(['oncall@gov.example', 'noc@gov.example']);
    expect(mail.subject).toBe('【SLA 月报】公共资源交易中心 2026 年 10 月：可用性 99.95%');
    expect(mail.from?.text).toBe('"政务云监控" <alerts@gov.example>');
    expect(mail.text).toContain('本月可用性 99.95%，达到合同约定的 99.9%。');
    expect(mail.html).toContain('维护时间 2 小时已排除。');
    expect(mail.messageId).toBe(`<${createHash('sha256').update(MSG.idempotencyKey).digest('hex').slice(0, 32)}.slaguard@gov.example>`);
    expect(mail.headers.get('x-slaguard-idempotency-key')).toBe(MSG.idempotencyKey);
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['2026-10 SLA 报告.pdf', 'application/pdf', '%PDF-1.4 pretend report\n']]);
  });

  it('with require_tls (the default) it will not send to a server without STARTTLS, and keeps the mail queued', async () => {
    const smtp = await smtpServer({ disabledCommands: ['STARTTLS'], authOptional: true });
    const send = outboxFor(`{ host: 127.0.0.1, port: ${smtp.port}, from: alerts@gov.example }`);
    const row = await send(MSG);
    expect(row.state).toBe('pending');
    expect(row.lastError).toMatch(/STARTTLS/i);
    expect(smtp.received).toHaveLength(0);
  });

  it('wrong credentials (535) fail the message', async () => {
    const smtp = await smtpServer({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    const send = outboxFor(`{ host: 127.0.0.1, port: ${smtp.port}, require_tls: false, username: alerts, password: wrong, from: alerts@gov.example }`);
    expect(await send(MSG)).toMatchObject({ state: 'failed', lastError: expect.stringContaining('535') });
  });

  it('upgrades with STARTTLS to a server with its own self-signed certificate: trusted through ca_file, refused without it, accepted with reject_unauthorized false', async () => {
    const openssl = requireBinary('/usr/bin/openssl', 'openssl');
    execFileSync(openssl, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const smtp = await smtpServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
    const base = `host: 127.0.0.1, port: ${smtp.port}, username: alerts, password_file: smtp.pass, from: alerts@gov.example`;

    expect((await outboxFor(`{ ${base}, tls: { ca_file: cert.pem } }`)(MSG)).state).toBe('delivered');
    expect(smtp.received.map((r) => [r.secure, r.mail.subject])).toEqual([[true, MSG.title]]);

    const untrusted = await outboxFor(`{ ${base} }`)({ ...MSG, idempotencyKey: 'untrusted' });
    expect(untrusted.state).toBe('pending');
    expect(untrusted.lastError).toMatch(/self[- ]signed/i);

    expect((await outboxFor(`{ ${base}, tls: { reject_unauthorized: false } }`)({ ...MSG, idempotencyKey: 'lenient' })).state).toBe('delivered');
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.secure).toBe(true);
  });
});
