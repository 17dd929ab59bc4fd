import type { RetryPolicy } from './backoff.ts';
import { DEFAULT_RETRY } from './backoff.ts';
import type { Channel } from './channel.ts';
import { alertmanagerChannel } from './channels/alertmanager.ts';
import { dingtalkChannel } from './channels/dingtalk.ts';
import { emailChannel } from './channels/email.ts';
import { feishuChannel } from './channels/feishu.ts';
import { webhookChannel } from './channels/webhook.ts';
import { wecomChannel } from './channels/wecom.ts';
import type { ReceiverConfig, SmtpSettings } from './config.ts';

/** The receivers of a config, built: channels by name and each one's retry policy. */
export interface Receivers {
  channels: ReadonlyMap<string, Channel>;
  policyFor(receiver: string): RetryPolicy;
  close(): void;
}

/** Builds one channel per configured receiver. */
export function buildReceivers(receivers: readonly ReceiverConfig[], smtp: SmtpSettings | undefined, base: RetryPolicy = DEFAULT_RETRY): Receivers {
  const channels = new Map<string, Channel>();
  const policies = new Map<string, RetryPolicy>();
  for (const r of receivers) {
    const c = r.channel;
    const channel: Channel =
      c.kind === 'webhook' ? webhookChannel(c)
      : c.kind === 'email' ? emailChannel(smtp!, c)
      : c.kind === 'dingtalk' ? dingtalkChannel(c)
      : c.kind === 'wecom' ? wecomChannel(c)
      : c.kind === 'feishu' ? feishuChannel(c)
      : alertmanagerChannel(c);
    channels.set(r.name, channel);
    policies.set(r.name, { ...base, giveUpAfterMs: r.giveUpAfterMs });
  }
  return {
    channels,
    policyFor: (name) => policies.get(name) ?? base,
    close: () => { for (const ch of channels.values()) ch.close?.(); },
  };
}
