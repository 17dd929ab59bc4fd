import { expect, inject } from 'vitest';
import { snmpKind } from '../../collectors/snmp/index.ts';
import type { Sample } from '../../src/collector/types.ts';
import { DEVICE } from '../../src/metrics/names.ts';
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

/** Asserts a poll succeeded and gave one slaguard_device_info with class `cls`; returns that sample's labels. */
export function expectClass(polled: Polled, cls: string): Record<string, string> {
  expect(polled.error).toBeUndefined();
  const info = polled.samples.filter((s) => s.name === DEVICE.info.name);
  expect(info).toHaveLength(1);
  expect(info[0]!.labels.class).toBe(cls);
  return info[0]!.labels;
}

/** Whether `a` has exactly the labels `b` has, no more. */
export const sameLabels = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);

type Labels = Record<string, string>;

/** A value a recording must give: a number (to 6 decimals), one of a set, or a range with both ends included. */
export type Expected = number | { oneOf: readonly number[] } | { min: number; max: number };

/** What one recording must give, each expected value worked out by hand from the recording. */
export interface RecordingWant {
  /** [metric, labels (exact), value] */
  values?: ReadonlyArray<readonly [string, Labels, Expected]>;
  /** Metrics that must not appear at all (sentinels, readings the device does not give). */
  absent?: readonly string[];
  /** Series (metric and a subset of its labels) that must not appear. */
  absentSeries?: ReadonlyArray<readonly [string, Labels]>;
  /** Series counts by metric. */
  counts?: Readonly<Record<string, number>>;
}

/**
 * Asserts a recording's samples against `want`: every value present (exactly one series with those labels
 * when `exactlyOne`, else at least one, each equal), absent metrics and series absent, counts equal.
 */
export function checkRecording(samples: readonly Sample[], want: RecordingWant, opts: { exactlyOne?: boolean } = {}): void {
  for (const [name, labels, value] of want.values ?? []) {
    const what = `${name} ${JSON.stringify(labels)}`;
    const found = samples.filter((s) => s.name === name && sameLabels(s.labels, labels));
    if (opts.exactlyOne) expect(found, `${what} missing or repeated`).toHaveLength(1);
    else expect(found.length, `${what} missing`).toBeGreaterThan(0);
    for (const s of found) {
      if (typeof value === 'number') expect(s.value, what).toBeCloseTo(value, 6);
      else if ('oneOf' in value) expect(value.oneOf, what).toContain(s.value);
      else {
        expect(s.value, what).toBeGreaterThanOrEqual(value.min);
        expect(s.value, what).toBeLessThanOrEqual(value.max);
      }
    }
  }
  for (const name of want.absent ?? []) expect(samples.filter((s) => s.name === name), `${name} should be absent`).toEqual([]);
  for (const [name, labels] of want.absentSeries ?? []) {
    const present = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    expect(present, `${name} ${JSON.stringify(labels)} should be absent`).toEqual([]);
  }
  for (const [name, n] of Object.entries(want.counts ?? {})) expect(samples.filter((s) => s.name === name), name).toHaveLength(n);
}
