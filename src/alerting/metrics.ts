import client from 'prom-client';
import { ALERTING } from '../metrics/names.ts';
import type { Outbox } from '../notify/types.ts';
import type { Alerting } from './service.ts';
import type { Incident } from './types.ts';

const RESPONSE_WINDOW = 30 * 86_400_000;

/** Mean and max of `took` per level over the incidents that have it, in seconds. */
function responseStats(incidents: readonly Incident[], took: (i: Incident) => number | null): Array<{ level: string; stat: 'mean' | 'max'; seconds: number }> {
  const byLevel = new Map<number, number[]>();
  for (const i of incidents) {
    const ms = took(i);
    if (ms !== null) byLevel.set(i.level, [...(byLevel.get(i.level) ?? []), ms / 1000]);
  }
  return [...byLevel].flatMap(([level, s]) => [
    { level: String(level), stat: 'mean' as const, seconds: s.reduce((a, b) => a + b, 0) / s.length },
    { level: String(level), stat: 'max' as const, seconds: Math.max(...s) },
  ]);
}

/**
 * Alerting's metrics on the daemon's registry: gauges read at scrape time (open incidents, maintenance,
 * times to acknowledge and restore over the last 30 days, from the incident store), a counter of enqueued notifications.
 */
export function alertingMetrics(registry: client.Registry) {
  const enqueued = new client.Counter({ name: ALERTING.enqueued.name, help: ALERTING.enqueued.help, labelNames: ['kind', 'new'], registers: [registry] });
  let source: Alerting | undefined;
  new client.Gauge({
    name: ALERTING.incidentsOpen.name, help: ALERTING.incidentsOpen.help, labelNames: ['level', 'acknowledged'], registers: [registry],
    collect() {
      this.reset();
      for (const c of source?.store.openCounts() ?? []) this.set({ level: String(c.level), acknowledged: String(c.acknowledged) }, c.count);
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
  const recent = (): Incident[] => {
    if (!source) return [];
    const now = source.now();
    return source.store.list(now - RESPONSE_WINDOW, now + 1);
  };
  const responseGauge = (d: { name: string; help: string }, took: (i: Incident) => number | null) =>
    new client.Gauge({
      name: d.name, help: d.help, labelNames: ['level', 'stat'], registers: [registry],
      collect() {
        this.reset();
        for (const { level, stat, seconds } of responseStats(recent(), took)) this.set({ level, stat }, seconds);
      },
    });
  responseGauge(ALERTING.ackSeconds, (i) => (i.acknowledgedAt === null ? null : i.acknowledgedAt - i.openedAt));
  responseGauge(ALERTING.restoreSeconds, (i) => (i.restoredAt === null ? null : i.restoredAt - i.openedAt));
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
