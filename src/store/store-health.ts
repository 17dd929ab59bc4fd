import client from 'prom-client';
import { STORE } from '../metrics/names.ts';
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

/** Why the daemon is degraded because of its store, for /readyz; undefined while writes succeed. */
export function storeDegraded(ledger: StatusLedger): { reason: string; waiting: number; failures: number } | undefined {
  const { failing, waiting, failures } = ledger.writeHealth();
  if (failing === undefined) return undefined;
  return {
    reason: `the ledger cannot be written (${failing}); ${waiting} status transitions wait in memory and are written, in order, as soon as it can`,
    waiting, failures,
  };
}
