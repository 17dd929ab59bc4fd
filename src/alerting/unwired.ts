import type { Logger } from '../log.ts';
import type { Outbox } from '../notify/types.ts';
import type { AlertSource } from '../rules/types.ts';

/** Stand-in until the rules engine is wired into the app: no alerts ever. */
export const NO_ALERTS: AlertSource = { onChange: () => {}, active: () => [], firing: () => [] };

/** Stand-in until the notify outbox is wired into the app: says loudly that a notification had nowhere to go. */
export function unwiredOutbox(logger: Logger): Outbox {
  return {
    enqueue(message) {
      logger.warn({ receiver: message.receiver, title: message.title }, 'no outbox is wired: notification not sent');
      return false;
    },
  };
}
