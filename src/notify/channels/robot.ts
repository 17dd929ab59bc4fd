import { DeliveryError } from '../channel.ts';
import type { OutboundMessage } from '../types.ts';
import { notifyText } from '../../text/notify.ts';

/**
 * Reads a chat robot's answer: success is in the body (`errcode` or `code` 0), not only HTTP 200.
 * A code in `retryCodes` (rate limits, busy) is retried; any other non-zero code fails the message.
 */
export function checkRobotAnswer(what: string, res: { status: number; text: string }, codeField: 'errcode' | 'code', retryCodes: ReadonlySet<number>): void {
  if (res.status === 429 || res.status >= 500) throw new DeliveryError(`${what} answered HTTP ${res.status}`, true);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    throw new DeliveryError(`${what} answered HTTP ${res.status} without JSON: ${res.text.slice(0, 200)}`, res.status < 400);
  }
  const code = Number(parsed[codeField] ?? parsed.StatusCode ?? (res.status === 200 ? 0 : -1));
  if (code === 0 && res.status === 200) return;
  const msg = String(parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? '');
  throw new DeliveryError(`${what} refused the message: ${codeField} ${code} ${msg}`.trim(), retryCodes.has(code));
}

/** The markdown robots show: title as a heading, the text, and the acknowledge link when there is one. */
export function robotMarkdown(m: OutboundMessage): string {
  const t = notifyText(m.lang);
  const lines = [`### ${m.title}`, '', m.text];
  if (m.ackUrl) lines.push('', `[${t.acknowledge}](${m.ackUrl})`);
  return lines.join('\n');
}
