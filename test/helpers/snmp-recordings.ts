import { inject } from 'vitest';
import { snmpKind } from '../../collectors/snmp/index.ts';
import type { Sample } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';

/** What one poll of a recording gave: its samples, and the error when the poll failed part way. */
export interface Polled { samples: readonly Sample[]; error?: CollectError }

/**
 * Polls recordings served by the global snmpsimd through the real SNMP collector, with auto-detection:
 * `poll(name)` asks for community `prefix + name` once, and every test of a file shares that poll.
 */
export function recordingPoller(opts: { prefix?: string; timeoutMs?: number } = {}) {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const collector = snmpKind.create({ logger: undefined as never });
  const polls = new Map<string, Promise<Polled>>();
  const poll = (name: string): Promise<Polled> => {
    let p = polls.get(name);
    if (!p) {
      const community = `${opts.prefix ?? ''}${name}`;
      const target = {
        name: community, kind: 'snmp', address: `127.0.0.1:${inject('snmpsim').port}`,
        options: snmpKind.optionsSchema.parse({ community }), intervalMs: 60_000, timeoutMs, labels: {},
      };
      p = collector.collect(target, AbortSignal.timeout(timeoutMs)).then(
        (samples) => ({ samples }),
        (err: unknown) => {
          if (err instanceof CollectError) return { samples: err.samples, error: err };
          throw err;
        },
      );
      polls.set(name, p);
    }
    return p;
  };
  return { poll, collector, close: () => collector.close?.() };
}

/** Whether `a` has exactly the labels `b` has, no more. */
export const sameLabels = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);
