import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertingSchema, maintenanceSchema } from '../../src/alerting/config.ts';
export { FakeClock } from './fake-clock.ts';
import type { OutboundMessage, Outbox } from '../../src/notify/types.ts';
import type { Alert, AlertListener, AlertSource, Severity } from '../../src/rules/types.ts';

/** An outbox that keeps what it was given and, like the real one, ignores a key it has seen. */
export class RecordingOutbox implements Outbox {
  readonly messages: OutboundMessage[] = [];
  /** The key of every enqueue call, including the ones dropped as repeats. */
  readonly attempts: string[] = [];
  private readonly keys = new Set<string>();
  constructor(seen: Iterable<string> = []) {
    for (const k of seen) this.keys.add(k);
  }
  enqueue(message: OutboundMessage): boolean {
    this.attempts.push(message.idempotencyKey);
    if (this.keys.has(message.idempotencyKey)) return false;
    this.keys.add(message.idempotencyKey);
    this.messages.push(message);
    return true;
  }
  seenKeys(): string[] {
    return [...this.keys];
  }
}

/** A hand-driven alert source: the test sets alert states as the rules engine would emit them. */
export class ScriptedAlerts implements AlertSource {
  private readonly listeners: AlertListener[] = [];
  readonly alerts = new Map<string, Alert>();
  constructor(private readonly clock: { now(): number }) {}
  onChange(listener: AlertListener): void {
    this.listeners.push(listener);
  }
  active(): Alert[] {
    return [...this.alerts.values()].filter((a) => a.state !== 'resolved');
  }
  firing(rule: string): Alert[] {
    return this.active().filter((a) => a.rule === rule && a.state === 'firing');
  }
  /** Fires (or updates) an alert now. */
  fire(rule: string, labels: Record<string, string>, opts: { severity?: Severity; summary?: string; flapping?: boolean; suppressedBy?: string } = {}): Alert {
    const all = { alertname: rule, severity: opts.severity ?? 'critical', ...labels };
    const fingerprint = createHash('sha256').update(rule + JSON.stringify(Object.entries(all).sort())).digest('hex').slice(0, 16);
    const old = this.alerts.get(fingerprint);
    const summary = opts.summary ?? `${labels.service ?? labels.target ?? ''} ${rule}`;
    const alert: Alert = {
      fingerprint, rule, severity: opts.severity ?? 'critical', labels: all,
      summary: { 'zh-CN': summary, en: summary }, description: { 'zh-CN': `${rule} 描述`, en: `${rule} description` },
      state: 'firing', value: 1, activeAt: old?.activeAt ?? this.clock.now(), firedAt: old?.state === 'firing' ? old.firedAt : this.clock.now(),
      resolvedAt: undefined, suppressedBy: opts.suppressedBy, flapping: opts.flapping ?? false,
    };
    this.emit(alert, old?.state ?? 'inactive');
    return alert;
  }
  resolve(alert: Alert): void {
    const old = this.alerts.get(alert.fingerprint) ?? alert;
    this.emit({ ...old, state: 'resolved', resolvedAt: this.clock.now() }, old.state);
  }
  private emit(alert: Alert, previous: Alert['state'] | 'inactive'): void {
    this.alerts.set(alert.fingerprint, alert);
    for (const l of this.listeners) l(alert, previous);
  }
}

/** A fresh database path in a temp folder. */
export const tempDbPath = (): string => join(mkdtempSync(join(tmpdir(), 'slaguard-alerting-')), 'slaguard.db');

/** The alerting and maintenance config from objects as a user would write them in YAML. */
export function alertingConfig(alerting: unknown = {}, maintenance: unknown = []) {
  return { alerting: alertingSchema.parse(alerting), maintenance: maintenanceSchema.parse(maintenance) };
}

export const MIN = 60_000;
export const HOUR = 3_600_000;
