import { postJson, type Channel, type SendContext } from '../channel.ts';
import type { OutboundMessage } from '../types.ts';
import { checkRobotAnswer, robotMarkdown } from './robot.ts';

/** A `wecom:` receiver block, checked, the URL read. */
export interface WeComConfig {
  /** The group robot's webhook, `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...` (the key is the secret). */
  url: string;
  timeoutMs: number;
}

/** 45009: API frequency limit (20 messages a minute per robot); -1: system busy. Both retried. */
const RETRY = new Set([45009, -1]);

/** WeCom markdown content is capped at 4096 bytes of UTF-8. */
const MAX_BYTES = 4096;

/** Cuts a UTF-8 string to at most `max` bytes without splitting a character. */
export function truncateUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max - 3) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}

/**
 * WeCom (企业微信) group robot, msgtype markdown
 * (https://developer.work.weixin.qq.com/document/path/91770): no signing, the key in the URL is the
 * credential. Success is `errcode: 0` in the body.
 */
export function wecomChannel(cfg: WeComConfig): Channel {
  return {
    kind: 'wecom',
    async send(m: OutboundMessage, ctx: SendContext) {
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: truncateUtf8(robotMarkdown(m), MAX_BYTES) } });
      checkRobotAnswer('WeCom', await postJson(cfg.url, body, {}, ctx.signal, cfg.timeoutMs), 'errcode', RETRY);
    },
  };
}
