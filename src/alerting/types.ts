/**
 * What alerting records for the SLA engine, pages and the API. Shared contract: fields may be added
 * (optional), never renamed.
 */
import type { LabelMatcher } from '../state/matchers.ts';

/** Operations-guarantee levels: 1 一级 (most severe) … 4 四级. */
export type IncidentLevel = 1 | 2 | 3 | 4;

export interface Incident {
  /** e.g. "INC-000042": stable, never reused. */
  id: string;
  level: IncidentLevel;
  /** The group's labels (by default service, else target) plus agency/site when common to its alerts. */
  labels: Record<string, string>;
  title: string;
  /** Milliseconds since the epoch. */
  openedAt: number;
  acknowledgedAt: number | null;
  /** Token name, or the name given through a signed link. */
  acknowledgedBy: string | null;
  /** When all its alerts had resolved. */
  restoredAt: number | null;
  closedAt: number | null;
  alertFingerprints: string[];
}

/** One concrete occurrence of a maintenance window (a recurring window expands to several). */
export interface MaintenanceOccurrence {
  windowId: string;
  /** Milliseconds since the epoch. */
  start: number;
  end: number;
  /** Scope: label matchers over site, target, service, agency. */
  matchers: LabelMatcher[];
  ticket: string;
  approvedBy: string;
  announcedAt: number;
  createdBy: string;
  /** Who ended it early through the API, if anyone. */
  endedBy: string | null;
}

/** What the SLA engine reads from alerting. */
export interface AlertingRecords {
  onIncidentChange(listener: (incident: Incident) => void): void;
  onMaintenanceChange(listener: (occurrence: MaintenanceOccurrence) => void): void;
  incidentsOpenedBetween(from: number, to: number): Incident[];
  maintenanceBetween(from: number, to: number): MaintenanceOccurrence[];
}
