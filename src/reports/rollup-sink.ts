import type { PollOutcome } from '../collector/scheduler.ts';
import type { OutcomeSink } from '../collector/sinks.ts';
import type { Sample } from '../collector/types.ts';
import { DEVICE, HOST } from '../metrics/names.ts';
import type { RollupCell, RollupStore } from './rollup-store.ts';
import type { Resource } from './utilisation.ts';

/** Options of the roll-up sink. */
export interface RollupSinkOptions {
  /** Writes accumulated cells at most this often (ms of poll time); `flush()` writes the rest at stop. Default 60 s. */
  flushMs?: number;
  /** The agency's IANA time zone, so days and months are the agency's calendar. Default Asia/Shanghai. */
  zoneOf?: (agency: string) => string;
  /** The label naming a target's agency. Default `agency`. */
  agencyLabel?: string;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const finite = (s: Sample) => Number.isFinite(s.value);
/** A mounted filesystem or drive in HOST-RESOURCES hrStorage (not RAM, swap or buffers). */
const isDisk = (s: Sample) => /^(\/|[A-Za-z]:)/.test(s.labels.storage ?? '');
const isRam = (s: Sample) => /^physical memory$/i.test(s.labels.storage ?? '');

function ratioOfSums(samples: readonly Sample[], used: string, size: string, keep: (s: Sample) => boolean): number | undefined {
  let u = 0, z = 0;
  for (const s of samples) {
    if (!keep(s) || !finite(s)) continue;
    if (s.name === used) u += s.value;
    else if (s.name === size) z += s.value;
  }
  return z > 0 ? u / z : undefined;
}

/**
 * One value per resource from one poll of a server: CPU = mean over its processors; memory = its
 * utilisation (hrStorage "Physical memory" for SNMP agents without a memory pool); storage = used / size
 * summed over its filesystems. Ratios 0-1; a resource the poll did not measure is absent.
 */
export function resourceValues(samples: readonly Sample[]): Partial<Record<Resource, number>> {
  const by = (name: string) => samples.filter((s) => s.name === name && finite(s)).map((s) => s.value);
  const out: Partial<Record<Resource, number>> = {};
  const cpu = by(HOST.cpuUtilisation.name);
  const devCpu = by(DEVICE.cpuUtilisation.name);
  if (cpu.length > 0 || devCpu.length > 0) out.cpu = mean(cpu.length > 0 ? cpu : devCpu);
  const mem = by(HOST.memUtilisation.name);
  const devMem = by(DEVICE.memoryUtilisation.name);
  const memory = mem.length > 0 ? mean(mem) : devMem.length > 0 ? mean(devMem) : ratioOfSums(samples, DEVICE.storageUsed.name, DEVICE.storageSize.name, isRam);
  if (memory !== undefined) out.memory = memory;
  const storage = ratioOfSums(samples, HOST.fsUsed.name, HOST.fsSize.name, () => true) ?? ratioOfSums(samples, DEVICE.storageUsed.name, DEVICE.storageSize.name, isDisk);
  if (storage !== undefined) out.storage = storage;
  return out;
}

/** The roll-up sink: accumulates in memory, writes to SQLite in one transaction per `flushMs`. */
export interface RollupSink extends OutcomeSink {
  /** Writes what has accumulated (call at stop). */
  flush(): void;
}

/**
 * Accumulates CPU, memory and storage of every successful poll of a target carrying an agency label
 * into per-day cells (the agency's local day), flushed in batches. A crash loses at most `flushMs` of
 * the roll-up (never SLA figures, which come from the ledger).
 */
export function rollupSink(store: RollupStore, opts: RollupSinkOptions = {}): RollupSink {
  const flushMs = opts.flushMs ?? 60_000;
  const zoneOf = opts.zoneOf ?? (() => 'Asia/Shanghai');
  const agencyLabel = opts.agencyLabel ?? 'agency';
  const formats = new Map<string, Intl.DateTimeFormat>();
  const dayIn = (ts: number, zone: string) => {
    let f = formats.get(zone);
    if (f === undefined) formats.set(zone, (f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })));
    return f.format(ts);
  };
  const pending = new Map<string, RollupCell>();
  let lastFlush: number | undefined;

  const flush = () => {
    if (pending.size === 0) return;
    const cells = [...pending.values()];
    pending.clear();
    store.add(cells);
  };

  return {
    onOutcome(outcome: PollOutcome) {
      lastFlush ??= outcome.finishedAt;
      const agency = outcome.target.labels[agencyLabel];
      if (outcome.ok && agency) {
        const values = resourceValues(outcome.samples);
        const day = dayIn(outcome.finishedAt, zoneOf(agency));
        for (const [resource, value] of Object.entries(values) as Array<[Resource, number]>) {
          const key = `${day}\u0000${agency}\u0000${outcome.target.name}\u0000${resource}`;
          const cell = pending.get(key);
          if (cell === undefined) pending.set(key, { day, agency, target: outcome.target.name, resource, count: 1, sum: value, max: value });
          else {
            cell.count++;
            cell.sum += value;
            if (value > cell.max) cell.max = value;
          }
        }
      }
      if (outcome.finishedAt - lastFlush >= flushMs) {
        flush();
        lastFlush = outcome.finishedAt;
      }
    },
    flush,
  };
}
