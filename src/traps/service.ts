import { readFileSync } from 'node:fs';
import { startTrapReceiver, type TrapEvent, type TrapReceiver } from '../../collectors/index.ts';
import type { Config } from '../config/schema.ts';
import type { PrometheusExporter } from '../exporters/prometheus.ts';
import type { Logger } from '../log.ts';
import type { EventLog, StoredEvent } from '../store/event-log.ts';
import { loadTrapMappings, shippedMappingSources } from './mappings.ts';

/** The trap receiver as a part of the daemon. */
export interface TrapService {
  /** Loads the mappings and binds the socket; throws (a ConfigError for a bad mapping file) when it cannot. */
  start(): Promise<void>;
  /** Closes the socket and writes what is queued. */
  stop(): Promise<void>;
}

const KERNEL_DROPS_EVERY_MS = 1000;
/** A burst is written when it is this old or this large: each commit waits for the disk, so commits stay few (≤ 20/s). */
const BURST_MS = 50;
const BURST_MAX = 5000;

/**
 * Receives traps into the event log: a burst of traps (50 ms, or 5,000 traps) is written in one
 * transaction, in order, then each goes to the event listeners; drops are counted by reason, the kernel's included.
 */
export function createTrapService(cfg: NonNullable<Config['traps']>, deps: {
  events: EventLog; exporter: PrometheusExporter; logger: Logger; targetAt(address: string): string | null;
}): TrapService {
  const { events, exporter, logger } = deps;
  let receiver: TrapReceiver | undefined;
  let timer: NodeJS.Timeout | undefined;
  let queue: Array<Omit<StoredEvent, 'id'>> = [];
  let burstTimer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(burstTimer);
    burstTimer = undefined;
    if (queue.length === 0) return;
    const burst = queue;
    queue = [];
    try {
      events.appendMany(burst);
    } catch (err) {
      logger.error({ err, events: burst.length }, 'could not store SNMP trap events');
    }
  };
  const onEvent = (e: TrapEvent) => {
    exporter.trapsReceived.inc({ event: e.kind });
    const { at, kind, severity, summary, ...details } = e;
    queue.push({ at, source: 'snmp-trap', kind, severity, target: deps.targetAt(e.address), summary, details });
    if (queue.length >= BURST_MAX) flush();
    else burstTimer ??= setTimeout(flush, BURST_MS);
  };

  return {
    async start() {
      const sources = [...shippedMappingSources(), ...cfg.mapping_files.map((file) => ({ file, text: readFileSync(file, 'utf8') }))];
      const mappings = loadTrapMappings(sources);
      receiver = await startTrapReceiver({
        host: cfg.listen.host, port: cfg.listen.port, communities: cfg.communities, users: cfg.users, mappings,
        receiveBuffer: cfg.receive_buffer,
        onEvent,
        onDropped: (reason, from, count) => {
          exporter.trapsDropped.inc({ reason }, count);
          if (reason === 'kernel') logger.warn({ dropped: count }, 'the kernel dropped SNMP trap datagrams: the receive buffer is full (raise traps.receive_buffer and net.core.rmem_max)');
          else logger.debug({ reason, from }, 'SNMP trap packet dropped');
        },
      });
      // Linux grants at most net.core.rmem_max and reports twice what it granted.
      if (receiver.receiveBuffer < (process.platform === 'linux' ? 2 : 1) * cfg.receive_buffer) {
        logger.warn({ asked: cfg.receive_buffer, granted: receiver.receiveBuffer }, 'trap receive buffer smaller than traps.receive_buffer: raise net.core.rmem_max (sysctl -w net.core.rmem_max=BYTES)');
      }
      timer = setInterval(() => receiver?.checkKernelDrops(), KERNEL_DROPS_EVERY_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await receiver?.close();
      receiver = undefined;
      flush();
    },
  };
}
