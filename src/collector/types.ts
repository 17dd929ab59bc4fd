/**
 * The collector contract (DESIGN.md "Core contracts"). Collectors import only this module,
 * `src/errors.ts` and `src/log.ts` from `src/`.
 */
import type { z } from 'zod';
import type { Logger } from '../log.ts';

/** `state` is a gauge whose value is an enumerated state (1 = in that state). */
export type SampleKind = 'gauge' | 'counter' | 'state';

/** One measurement. `ts` is milliseconds since the epoch. Labels never include the target's own labels. */
export interface Sample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
  ts: number;
  kind: SampleKind;
}

/** A thing polled, as the scheduler hands it to a collector. Durations are milliseconds. */
export interface Target<Options = unknown> {
  name: string;
  kind: string;
  address: string;
  options: Options;
  intervalMs: number;
  timeoutMs: number;
  labels: Readonly<Record<string, string>>;
}

/** What the status page shows for a target of this kind: a metric and how to print it. */
export interface KeyValue {
  metric: string;
  /** Only series whose labels include these match (e.g. `{ mountpoint: '/' }`). */
  match?: Readonly<Record<string, string>>;
  label: { 'zh-CN': string; en: string };
  format: 'percent' | 'seconds' | 'number' | 'days-until' | 'bytes' | 'yes-no';
}

/** Polls one target once. Holds no timers; throws `CollectError` on failure; honours `signal`. */
export interface Collector<Options = unknown> {
  collect(target: Target<Options>, signal: AbortSignal): Promise<Sample[]>;
  /** Releases sockets or caches when the target is removed or the daemon stops. */
  close?(): Promise<void> | void;
}

/** A collector kind: its options schema (strict), how to build one, and what the status page shows. */
export interface CollectorKind<Schema extends z.ZodType = z.ZodType> {
  kind: string;
  /** One line for `--help` and the README. */
  description: string;
  optionsSchema: Schema;
  /** Whether `address` must be given in the config. */
  addressRequired: boolean;
  /** Throws an Error saying what is wrong with an address this kind cannot poll (run by `check`). */
  checkAddress?(address: string): void;
  keyValues: readonly KeyValue[];
  create(deps: { logger: Logger }): Collector<z.output<Schema>>;
}
