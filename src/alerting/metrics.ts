import client from 'prom-client';
import { ALERTING } from '../metrics/names.ts';
import type { Outbox } from '../notify/types.ts';
import type { Alerting } from './service.ts';

/** Alerting's metrics on the daemon's registry: gauges read at scrape time, a counter of enqueued notifications. */
export function alertingMetrics(registry: client.Registry) {
  const enqueued = new client.Counter({ name: ALERTING.enqueued.name, help: ALERTING.enqueued.help, labelNames: ['kind', 'new'], registers: [registry] });
  let source: Alerting | undefined;
  new client.Gauge({
    name: ALERTING.incidentsOpen.name, help: ALERTING.incidentsOpen.help, labelNames: ['level', 'acknowledged'], registers: [registry],
    collect() {
      this.reset();
      for (const i of source?.store.open() ?? []) this.inc({ level: String(i.level), acknowledged: String(i.acknowledgedAt !== null) });
    },
  });
  new client.Gauge({
    name: ALERTING.maintenanceActive.name, help: ALERTING.maintenanceActive.help, registers: [registry],
    collect() { this.set(source ? source.maintenance.activeAt(source.now()).length : 0); },
  });
  new client.Gauge({
    name: ALERTING.notificationGroups.name, help: ALERTING.notificationGroups.help, registers: [registry],
    collect() { this.set(source?.dispatcher.list().length ?? 0); },
  });
  return {
    /** The outbox, counting what goes through it. */
    counting(outbox: Outbox): Outbox {
      return {
        enqueue(message) {
          const isNew = outbox.enqueue(message);
          enqueued.inc({ kind: message.context?.kind ?? 'other', new: String(isNew) });
          return isNew;
        },
      };
    },
    /** Where the gauges read from. */
    observe(alerting: Alerting): void {
      source = alerting;
    },
  };
}
