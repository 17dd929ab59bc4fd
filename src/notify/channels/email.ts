import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { DeliveryError, type Channel, type SendContext } from '../channel.ts';
import type { OutboundMessage } from '../types.ts';
import { notifyText } from '../../text/notify.ts';

/** The SMTP server (top-level `smtp:`), shared by every e-mail receiver. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465); otherwise plain, upgraded with STARTTLS. */
  secure: boolean;
  /** Refuse to send unless the server offers STARTTLS (ignored when `secure`). */
  requireTls: boolean;
  rejectUnauthorized: boolean;
  /** PEM of extra CAs to trust (a private CA). */
  ca?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  from: string;
  timeoutMs: number;
}

/** An `email:` receiver block: who gets the mail. */
export interface EmailConfig {
  to: string[];
  cc: string[];
  /** Overrides `smtp.from` for this receiver. */
  from?: string | undefined;
}

/** The Message-ID derived from an idempotency key: the same notification always has the same ID, so mail systems can drop doubles. */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'slaguard.invalid';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}.slaguard@${domain}>`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML part when the message brings none: the text, escaped, and the acknowledge link. */
export function defaultHtml(m: OutboundMessage): string {
  const t = notifyText(m.lang);
  const ack = m.ackUrl ? `<p><a href="${escapeHtml(m.ackUrl)}">${t.acknowledge}</a></p>` : '';
  return `<!doctype html><html lang="${m.lang}"><head><meta charset="utf-8"><title>${escapeHtml(m.title)}</title></head>` +
    `<body><h2>${escapeHtml(m.title)}</h2><pre style="font-family:inherit;white-space:pre-wrap">${escapeHtml(m.text)}</pre>${ack}` +
    `<p style="color:#888">${t.notificationFrom}</p></body></html>`;
}

/**
 * E-mail over SMTP with nodemailer: UTF-8 subject and body (Chinese goes out as RFC 2047 words and
 * quoted-printable/base64 parts), text + HTML, attachments (reports), STARTTLS, AUTH. 5xx answers
 * fail the message; 4xx answers and network errors are retried.
 */
export function emailChannel(smtp: SmtpConfig, cfg: EmailConfig): Channel {
  const transport = nodemailer.createTransport({
    host: smtp.host, port: smtp.port, secure: smtp.secure, requireTLS: !smtp.secure && smtp.requireTls,
    ...(smtp.username !== undefined ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
    tls: { rejectUnauthorized: smtp.rejectUnauthorized, ...(smtp.ca ? { ca: smtp.ca } : {}) },
    connectionTimeout: smtp.timeoutMs, greetingTimeout: smtp.timeoutMs, socketTimeout: smtp.timeoutMs,
  });
  const from = cfg.from ?? smtp.from;
  return {
    kind: 'email',
    async send(m: OutboundMessage, _ctx: SendContext) {
      try {
        await transport.sendMail({
          from, to: m.to && m.to.length > 0 ? m.to : cfg.to, cc: cfg.cc, subject: m.title, text: m.ackUrl ? `${m.text}\n\n${notifyText(m.lang).acknowledge}: ${m.ackUrl}` : m.text,
          html: m.html ?? defaultHtml(m),
          messageId: messageIdFor(m.idempotencyKey, from),
          headers: { 'X-Slaguard-Idempotency-Key': m.idempotencyKey, 'Content-Language': m.lang },
          attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, path: a.path, ...(a.contentType ? { contentType: a.contentType } : {}) })),
        });
      } catch (err) {
        const e = err as Error & { responseCode?: number; code?: string };
        const permanent = e.code !== 'ETLS' && ((e.responseCode !== undefined && e.responseCode >= 500) || e.code === 'EENVELOPE');
        throw new DeliveryError(`SMTP: ${e.message}${e.code ? ` (${e.code})` : ''}`, !permanent, { cause: err });
      }
    },
    close: () => transport.close(),
  };
}
