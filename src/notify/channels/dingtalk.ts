import { createHmac } from 'node:crypto';
import { postJson, type Channel, type SendContext } from '../channel.ts';
import type { OutboundMessage } from '../types.ts';
import { checkRobotAnswer, robotMarkdown } from './robot.ts';

/** A `dingtalk:` receiver block, checked, secrets read. */
export interface DingTalkConfig {
  /** The robot's webhook, `https://oapi.dingtalk.com/robot/send?access_token=...`. */
  url: string;
  /** The "加签" secret (SEC...); without it no signature is added (keyword or IP security instead). */
  secret?: string | undefined;
  timeoutMs: number;
}

/** 130101: sending too fast (20 messages a minute per robot); retried. */
const RETRY = new Set([130101, 130102, -1]);

/**
 * DingTalk custom robot ("自定义机器人"), msgtype markdown. Signing, per DingTalk's security settings
 * document (https://open.dingtalk.com/document/orgapp/customize-robot-security-settings): string to sign
 * `timestamp + "\n" + secret` (timestamp in ms, within an hour of DingTalk's clock), HMAC-SHA256 keyed with
 * the secret, Base64, URL-encoded, appended as `&timestamp=...&sign=...`. Success is `errcode: 0`.
 */
export function dingtalkChannel(cfg: DingTalkConfig): Channel {
  return {
    kind: 'dingtalk',
    async send(m: OutboundMessage, ctx: SendContext) {
      let url = cfg.url;
      if (cfg.secret) {
        const timestamp = String(ctx.now);
        const sign = createHmac('sha256', cfg.secret).update(`${timestamp}\n${cfg.secret}`).digest('base64');
        url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
      }
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: m.title, text: robotMarkdown(m) } });
      checkRobotAnswer('DingTalk', await postJson(url, body, {}, ctx.signal, cfg.timeoutMs), 'errcode', RETRY);
    },
  };
}
