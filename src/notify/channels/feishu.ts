import { createHmac } from 'node:crypto';
import { postJson, type Channel, type SendContext } from '../channel.ts';
import type { OutboundMessage } from '../types.ts';
import { notifyText } from '../../text/notify.ts';
import { checkRobotAnswer } from './robot.ts';

/** A `feishu:` receiver block, checked, secrets read. */
export interface FeishuConfig {
  /** The custom bot's webhook, `https://open.feishu.cn/open-apis/bot/v2/hook/...`. */
  url: string;
  /** The "签名校验" secret; without it no timestamp/sign is sent. */
  secret?: string | undefined;
  msgType: 'text' | 'interactive';
  timeoutMs: number;
}

/** 9499: too many requests; 11232: frequency limited. Retried. */
const RETRY = new Set([9499, 11232, 11233]);

/**
 * Feishu's signature (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot, "签名校验"):
 * HMAC-SHA256 whose *key* is `timestamp + "\n" + secret` (timestamp in seconds), over an empty message,
 * Base64. Sent in the body as `timestamp` and `sign`.
 */
export function feishuSign(secret: string, timestampSeconds: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update(Buffer.alloc(0)).digest('base64');
}

const TEMPLATE: Record<string, string> = { critical: 'red', warning: 'orange', info: 'blue' };

/** The `msg_type` and content Feishu expects for a message. */
export function feishuPayload(m: OutboundMessage, msgType: 'text' | 'interactive'): Record<string, unknown> {
  if (msgType === 'text') {
    const link = m.ackUrl ? `\n${notifyText(m.lang).acknowledge}: ${m.ackUrl}` : '';
    return { msg_type: 'text', content: { text: `${m.title}\n${m.text}${link}` } };
  }
  const elements: unknown[] = [{ tag: 'markdown', content: m.text }];
  if (m.ackUrl) {
    elements.push({ tag: 'action', actions: [{ tag: 'button', type: 'primary', text: { tag: 'plain_text', content: notifyText(m.lang).acknowledge }, url: m.ackUrl }] });
  }
  return {
    msg_type: 'interactive',
    card: {
      header: { title: { tag: 'plain_text', content: m.title }, template: TEMPLATE[m.severity ?? 'info'] ?? 'blue' },
      elements,
    },
  };
}

/** Feishu (飞书) custom bot, text or interactive card; success is `code: 0` in the body. */
export function feishuChannel(cfg: FeishuConfig): Channel {
  return {
    kind: 'feishu',
    async send(m: OutboundMessage, ctx: SendContext) {
      const signed: Record<string, string> = {};
      if (cfg.secret) {
        const timestamp = String(Math.floor(ctx.now / 1000));
        Object.assign(signed, { timestamp, sign: feishuSign(cfg.secret, timestamp) });
      }
      const body = JSON.stringify({ ...signed, ...feishuPayload(m, cfg.msgType) });
      checkRobotAnswer('Feishu', await postJson(cfg.url, body, {}, ctx.signal, cfg.timeoutMs), 'code', RETRY);
    },
  };
}
