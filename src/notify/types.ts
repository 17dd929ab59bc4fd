/**
 * What delivery offers alerting and reports. Shared contract: fields may be added (optional), never renamed.
 */
import type { Lang } from '../text/lang.ts';

/** One alert as Alertmanager's v2 API and webhooks carry it. */
export interface AlertPayload {
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** RFC 3339. */
  startsAt: string;
  /** RFC 3339, set when resolved. */
  endsAt?: string;
  generatorURL?: string;
}

/** A message to one receiver, already rendered; each channel takes what it needs. */
export interface OutboundMessage {
  /** Unique per notification; a second enqueue with the same key is ignored (at least once, never doubled). */
  idempotencyKey: string;
  /** Name of a configured receiver (config `receivers:`). */
  receiver: string;
  lang: Lang;
  /** One line: e-mail subject, robot title. */
  title: string;
  /** Plain text / markdown body for robots, webhooks and the e-mail text part. */
  text: string;
  /** HTML body for e-mail. */
  html?: string;
  severity?: 'critical' | 'warning' | 'info';
  /** The alerts this message is about (Alertmanager, webhook JSON). */
  alerts?: AlertPayload[];
  /** Signed acknowledge link, shown by channels that can show links. */
  ackUrl?: string;
  /** E-mail recipients of this message (an agency's contacts), instead of the receiver's own `to`. */
  to?: string[];
  /** Files for e-mail (monthly reports). */
  attachments?: Array<{ filename: string; path: string; contentType?: string }>;
  /** What caused it, for the outbox listing: e.g. { incident: 'INC-000012', kind: 'escalation' }. */
  context?: Record<string, string>;
}

/** The durable queue every notification goes through. */
export interface Outbox {
  /** Queues durably (SQLite) and returns at once; false when the key was queued before. */
  enqueue(message: OutboundMessage): boolean;
}
