import client from 'prom-client';
import { NOTIFY } from '../metrics/names.ts';
import type { DeliveryOutcome } from './outbox.ts';
import type { OutboxStore } from './outbox-store.ts';

/**
 * Registers the outbox metrics on `registry`: the attempt counter (returned as a callback for
 * `OutboxOptions.onOutcome`) and gauges read from the table at scrape time.
 */
export function registerOutboxMetrics(registry: client.Registry, store: () => OutboxStore | undefined, now: () => number): (channel: string, outcome: DeliveryOutcome) => void {
  const total = new client.Counter({ name: NOTIFY.notifications.name, help: NOTIFY.notifications.help, labelNames: ['channel', 'outcome'], registers: [registry] });
  const stats = () => store()?.stats() ?? { waiting: 0, failed: 0, oldestWaitingAt: undefined };
  new client.Gauge({ name: NOTIFY.queueDepth.name, help: NOTIFY.queueDepth.help, registers: [registry], collect() { this.set(stats().waiting); } });
  new client.Gauge({ name: NOTIFY.failed.name, help: NOTIFY.failed.help, registers: [registry], collect() { this.set(stats().failed); } });
  new client.Gauge({
    name: NOTIFY.oldestPendingAge.name, help: NOTIFY.oldestPendingAge.help, registers: [registry],
    collect() {
      const oldest = stats().oldestWaitingAt;
      this.set(oldest === undefined ? 0 : Math.max(0, (now() - oldest) / 1000));
    },
  });
  return (channel, outcome) => total.inc({ channel, outcome });
}
