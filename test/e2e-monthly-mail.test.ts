import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { waitFor } from './helpers/components.ts';
import { FakeClock } from './helpers/fake-clock.ts';

interface Received { mail: ParsedMail; rcpt: string[] }
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
  onData(stream, session, cb) {
    simpleParser(stream).then((mail) => {
      received.push({ mail, rcpt: session.envelope.rcptTo.map((r) => r.address) });
      cb();
    }, cb);
  },
});
let smtpPort = 0;
beforeAll(async () => {
  smtpPort = await new Promise<number>((r) => smtp.listen(0, '127.0.0.1', () => r((smtp.server.address() as { port: number }).port)));
});
afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

const dir = mkdtempSync(join(tmpdir(), 'e2e-monthly-'));
const outDir = join(dir, 'reports');
const config = () => parseConfigText(`storage: { path: '${join(dir, 'slaguard.db')}' }
smtp: { host: 127.0.0.1, port: ${smtpPort}, secure: false, require_tls: false, from: '"政务云监控" <slaguard@gov.example>' }
receivers:
  - { name: agency-reports, email: { to: [fallback@gov.example] } }
reports:
  out_dir: '${outDir}'
  schedule: { enabled: true, at: "02:00", formats: [json, html, pdf, csv], lang: zh-CN, receiver: agency-reports }
sla:
  agencies:
    - id: ggzy
      name: { zh-CN: 公共资源交易中心, en: Public Resource Trading Center }
      contacts: [ops@ggzy.example.gov.cn, director@ggzy.example.gov.cn]
      contract: { version: "2026-01", effective: 2026-01-01 }
      services:
        - { id: portal, category: application, health: { checks: [ { target: probe-a } ] }, availability: 99.9 }
    - id: gaj
      name: { zh-CN: 市公安局, en: Public Security Bureau }
      contacts: [noc@gaj.example.gov.cn]
      contract: { version: "2026-01", effective: 2026-01-01 }
      services:
        - { id: police-net, category: infrastructure, health: { checks: [ { target: probe-b } ] }, availability: 99.5 }
`, { file: 'monthly.yaml', baseDir: dir });
const t = (local: string) => Date.parse(`${local}+08:00`);
const FORMATS = ['json', 'html', 'pdf', 'csv'];
/** Lets the run's promise chain set its timer (no time passes). */
const settle = () => new Promise((r) => setImmediate(r));

describe('the scheduled monthly run, in the daemon, with a real SMTP server', () => {
  it('on July 1st at 02:00 writes June\'s reports and e-mails each agency once; a restart sends nothing more', async () => {
    const clock = new FakeClock(t('2026-06-01T00:00:00'));
    const first = buildApp(config(), { now: clock.now, reportsClock: clock });
    first.sla.evaluator.target('probe-a', 'up', t('2026-06-01T00:00:00'));
    first.sla.evaluator.target('probe-a', 'down', t('2026-06-20T10:00:00'), 'HTTP 500');
    first.sla.evaluator.target('probe-a', 'up', t('2026-06-20T11:00:00'));
    first.sla.evaluator.target('probe-b', 'up', t('2026-06-01T00:00:00'));
    clock.advance(t('2026-07-01T01:59:00') - clock.now());
    await first.start();
    await settle();
    clock.advance(59_000);
    await settle();
    expect(existsSync(join(outDir, '2026-06'))).toBe(false);
    clock.advance(1_000);
    await waitFor('two report e-mails', () => received.length >= 2, 60_000);
    await waitFor('the outbox drained', () => first.outbox.list({}).every((r) => r.state === 'delivered'), 60_000);
    await first.stop();
    const markers = ['ggzy', 'gaj'].map((a) => readFileSync(join(outDir, '2026-06', `.${a}.done`), 'utf8'));

    expect(received).toHaveLength(2);
    const byAgency: Record<string, Received> = Object.fromEntries(received.map((r) => [r.mail.subject!.split(' ')[0], r]));
    expect(Object.keys(byAgency).sort()).toEqual(['公共资源交易中心', '市公安局']);
    expect(byAgency['公共资源交易中心']!.mail.subject).toBe('公共资源交易中心 2026-06 服务水平月度报告');
    expect(byAgency['公共资源交易中心']!.rcpt.sort()).toEqual(['director@ggzy.example.gov.cn', 'ops@ggzy.example.gov.cn']);
    expect(byAgency['市公安局']!.mail.subject).toBe('市公安局 2026-06 服务水平月度报告');
    expect(byAgency['市公安局']!.rcpt).toEqual(['noc@gaj.example.gov.cn']);
    for (const [agency, name] of [['ggzy', '公共资源交易中心'], ['gaj', '市公安局']]) {
      const { mail } = byAgency[name!]!;
      expect(mail.attachments.map((a) => a.filename).sort()).toEqual(FORMATS.map((f) => `${agency}-2026-06.${f}`).sort());
      for (const a of mail.attachments) expect(a.content.equals(readFileSync(join(outDir, '2026-06', a.filename!)))).toBe(true);
    }
    // June: 30 days = 2592000 s; portal down 10:00-11:00 on the 20th = 3600 s, up the rest;
    // availability = 2588400 / 2592000 = 99.8611.. -> 99.861
    const portal = JSON.parse(byAgency['公共资源交易中心']!.mail.attachments.find((a) => a.filename === 'ggzy-2026-06.json')!.content.toString()).services[0];
    expect([portal.scheduled_seconds, portal.up_seconds, portal.down_seconds, portal.availability_percent, portal.met]).toEqual([2592000, 2588400, 3600, 99.861, false]);

    const second = buildApp(config(), { now: clock.now, reportsClock: clock });
    clock.advance(5 * 60_000);
    await second.start();
    await settle();
    clock.advance(60_000);
    await settle();
    await second.stop();
    expect(['ggzy', 'gaj'].map((a) => readFileSync(join(outDir, '2026-06', `.${a}.done`), 'utf8'))).toEqual(markers);
    const third = buildApp(config(), { now: clock.now, reportsClock: clock });
    expect(third.outbox.list({}).filter((r) => r.state !== 'delivered')).toEqual([]);
    expect(third.outbox.list({})).toHaveLength(2);
    await third.stop();
    expect(received).toHaveLength(2);
  }, 90_000);
});
