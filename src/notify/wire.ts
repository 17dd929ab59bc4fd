import type client from 'prom-client';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../store/db.ts';
import { buildReceivers, type Receivers } from './build.ts';
import { AlertmanagerForwarder } from './forwarder.ts';
import { registerOutboxMetrics } from './metrics.ts';
import { NotificationOutbox } from './outbox.ts';
import type { AlertPayload } from './types.ts';

/** Delivery as the app holds it: the outbox, the Alertmanager forwarder, and their lifecycle. */
export interface Notify {
  readonly outbox: NotificationOutbox;
  readonly alertmanager: AlertmanagerForwarder;
  /** Sets where the forwarder reads the alerts firing now (the lead wires alerting here). */
  setActiveAlerts(active: () => AlertPayload[]): void;
  applyConfig(config: Config): void;
  start(): void;
  /** Finishes sends in flight within `graceMs`; the rest are sent again at the next start. */
  stop(graceMs: number): Promise<void>;
}

/** Builds the outbox and the forwarder from the config's `receivers:` and `smtp:`; nothing runs until `start()`. */
export function createNotify(opts: { db: Db; config: Config; registry: client.Registry; logger: Logger; now: () => number }): Notify {
  const logger = opts.logger.child({ part: 'notify' });
  let receivers: Receivers = buildReceivers(opts.config.notify.receivers, opts.config.notify.smtp);
  let outbox: NotificationOutbox | undefined;
  const onOutcome = registerOutboxMetrics(opts.registry, () => outbox?.store, opts.now);
  outbox = new NotificationOutbox(opts.db, {
    channels: () => receivers.channels, policyFor: (r) => receivers.policyFor(r), now: opts.now, logger, onOutcome,
  });
  let active: () => AlertPayload[] = () => [];
  const alertmanager = new AlertmanagerForwarder({ outbox, channels: () => receivers.channels, active: () => active(), now: opts.now, logger });
  return {
    outbox,
    alertmanager,
    setActiveAlerts(fn) {
      active = fn;
    },
    applyConfig(config) {
      const previous = receivers;
      receivers = buildReceivers(config.notify.receivers, config.notify.smtp);
      previous.close();
    },
    start() {
      outbox!.start();
      alertmanager.start();
    },
    async stop(graceMs) {
      alertmanager.stop();
      await outbox!.stop(graceMs);
      receivers.close();
    },
  };
}
