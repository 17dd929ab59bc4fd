/**
 * What the rules engine gives the rest of the daemon (alerting, SLA health checks, pages).
 * Shared contract: fields may be added (optional), never renamed.
 */
import type { Localized } from '../text/lang.ts';

export type Severity = 'critical' | 'warning' | 'info';

/** One alert: one rule's result for one label set. */
export interface Alert {
  /** Stable across restarts: SHA-256 (hex, first 16 chars) of rule id + sorted labels. */
  fingerprint: string;
  /** Rule id, unique across loaded packs, e.g. "ups-on-battery". */
  rule: string;
  severity: Severity;
  /** alertname, severity, target, the target's labels (site, agency, service...), series labels. */
  labels: Record<string, string>;
  summary: Localized;
  description: Localized;
  state: 'pending' | 'firing' | 'resolved';
  /** The value that broke the rule (undefined for kinds without one). */
  value: number | undefined;
  /** Milliseconds since the epoch: became pending, became firing, resolved. */
  activeAt: number;
  firedAt: number | undefined;
  resolvedAt: number | undefined;
  /** Fingerprint of the firing parent alert that suppresses this one (depends_on), if any. */
  suppressedBy: string | undefined;
  flapping: boolean;
}

/** Called on every state change of an alert, and when its suppression or flapping changes. */
export type AlertListener = (alert: Alert, previous: Alert['state'] | 'inactive') => void;

/** What the rules engine offers the rest of the daemon. */
export interface AlertSource {
  onChange(listener: AlertListener): void;
  /** Alerts pending or firing now. */
  active(): Alert[];
  /** Firing alerts of one rule id (an SLA `{ rule: ID }` check is down while any fires). */
  firing(rule: string): Alert[];
  /** How many alerts of one rule fire now, without building them (a mass recovery asks once per resolved alert). */
  firingCount?(rule: string): number;
}
