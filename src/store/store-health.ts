import client from 'prom-client';
import { STORE } from '../metrics/names.ts';
import type { EventLog } from './event-log.ts';
import type { StatusLedger } from './status-ledger.ts';

/** Exports the ledger's write health on /metrics: failed writes and transitions waiting in memory. */
export function registerStoreMetrics(registry: client.Registry, ledger: StatusLedger): void {
  let counted = 0;
  new client.Counter({
    name: STORE.writeFailures.name, help: STORE.writeFailures.help, registers: [registry],
    collect() {
      const { failures } = ledger.writeHealth();
      if (failures > counted) this.inc(failures - counted);
      counted = failures;
    },
  });
  new client.Gauge({
    name: STORE.waiting.name, help: STORE.waiting.help, registers: [registry],
    collect() {
      this.set(ledger.writeHealth().waiting);
    },
  });
}

/** Exports the event log's write health on /metrics: failed writes and events waiting in memory. */
export function registerEventLogMetrics(registry: client.Registry, events: EventLog): void {
  let counted = 0;
  new client.Counter({
    name: STORE.eventWriteFailures.name, help: STORE.eventWriteFailures.help, registers: [registry],
    collect() {
      const { failures } = events.writeHealth();
      if (failures > counted) this.inc(failures - counted);
      counted = failures;
    },
  });
  new client.Gauge({
    name: STORE.eventsWaiting.name, help: STORE.eventsWaiting.help, registers: [registry],
    collect() {
      this.set(events.writeHealth().waiting);
    },
  });
}

/** Why the daemon is degraded because of its store, for /readyz; undefined while writes succeed. */
export function storeDegraded(ledger: StatusLedger, events?: EventLog): { reason: string; waiting: number; failures: number; eventsWaiting?: number } | undefined {
  const { failing, waiting, failures } = ledger.writeHealth();
  const ev = events?.writeHealth();
  if (failing === undefined && ev?.failing === undefined) return undefined;
  if (failing === undefined) {
    return { reason: `the event log cannot be written (${ev!.failing}); ${ev!.waiting} events wait in memory and are written, in order, as soon as it can`, waiting, failures, eventsWaiting: ev!.waiting };
  }
  return {
    reason: `the ledger cannot be written (${failing}); ${waiting} status transitions wait in memory and are written, in order, as soon as it can`,
    waiting, failures, ...(ev ? { eventsWaiting: ev.waiting } : {}),
  };
}
