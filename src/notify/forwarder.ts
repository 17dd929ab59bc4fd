import { systemClock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Channel } from './channel.ts';
import type { AlertmanagerChannel } from './channels/alertmanager.ts';
import type { Timers } from './outbox.ts';
import type { AlertPayload, Outbox } from './types.ts';

/** What the forwarder reads: the outbox, the receivers, and the alerts firing now. */
export interface ForwarderOptions {
  outbox: Outbox;
  /** Receivers by name (the Alertmanager ones are picked out at each use, so reloads apply). */
  channels: () => ReadonlyMap<string, Channel>;
  /** The alerts firing now (pending ones are not sent to Alertmanager). */
  active: () => AlertPayload[];
  now?: () => number;
  timers?: Timers;
  logger: Logger;
}

const isAm = (c: Channel): c is AlertmanagerChannel => c.kind === 'alertmanager';

/**
 * Keeps every configured Alertmanager in step with slaguard's alerts, the way Prometheus does.
 * New firing alerts and resolutions go through the outbox (durable, retried; a lost resolve is sent
 * again); on top of that, every `resend_interval` the alerts firing now are posted again directly with
 * `endsAt = now + 3 × interval`, so Alertmanager neither resolves them early nor keeps them after
 * slaguard has stopped.
 */
export class AlertmanagerForwarder {
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly abort = new AbortController();
  private handle: unknown;
  private running = false;

  constructor(private readonly opts: ForwarderOptions) {
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? systemClock;
  }

  private receivers(): Array<[string, AlertmanagerChannel]> {
    return [...this.opts.channels()].filter((e): e is [string, AlertmanagerChannel] => isAm(e[1]));
  }

  /** Queues a firing alert for every Alertmanager receiver (once per alert occurrence). */
  firing(alert: AlertPayload): void {
    this.enqueue({ ...alert, status: 'firing' }, 'firing');
  }

  /** Queues the resolution of an alert for every Alertmanager receiver (endsAt = now unless given). */
  resolved(alert: AlertPayload): void {
    this.enqueue({ ...alert, status: 'resolved', endsAt: alert.endsAt ?? new Date(this.now()).toISOString() }, 'resolved');
  }

  private enqueue(alert: AlertPayload, what: 'firing' | 'resolved'): void {
    for (const [name] of this.receivers()) {
      this.opts.outbox.enqueue({
        idempotencyKey: `am:${name}:${alert.fingerprint}:${alert.startsAt}:${what}`,
        receiver: name, lang: 'en', title: `${alert.labels.alertname ?? alert.fingerprint} ${what}`, text: '',
        alerts: [alert], context: { kind: `alertmanager-${what}`, fingerprint: alert.fingerprint },
      });
    }
  }

  /** Posts every firing alert to every Alertmanager now; failures are logged (the next round tries again). */
  async resendNow(): Promise<void> {
    const firing = this.opts.active().filter((a) => a.status === 'firing');
    await Promise.all(this.receivers().map(async ([name, ch]) => {
      try {
        await ch.post(firing, { signal: this.abort.signal, now: this.now(), queuedAt: this.now() });
      } catch (err) {
        this.opts.logger.warn({ receiver: name, alerts: firing.length, error: (err as Error).message }, 'periodic re-send of firing alerts to Alertmanager failed');
      }
    }));
  }

  /** Starts the periodic re-send, at the shortest `resend_interval` of the Alertmanager receivers (1 min without any). */
  start(): void {
    this.running = true;
    this.arm();
  }

  private arm(): void {
    if (!this.running) return;
    const intervals = this.receivers().map(([, ch]) => ch.resendIntervalMs);
    const interval = intervals.length > 0 ? Math.min(...intervals) : 60_000;
    this.handle = this.timers.setTimeout(() => void this.resendNow().finally(() => this.arm()), interval);
  }

  /** Stops the re-send and aborts posts in flight. */
  stop(): void {
    this.running = false;
    this.timers.clearTimeout(this.handle);
    this.abort.abort();
  }
}
