/**
 * The monthly SLA report of one agency, as `slaguard report --format json` writes it (issue 8, item 12).
 * Renderers (HTML, PDF, CSV) take exactly this. Times are RFC 3339 strings in the agency's zone offset.
 * Shared contract: fields may be added, never renamed.
 */
export interface AgencyReport {
  agency: string;
  agency_name: { 'zh-CN': string; en: string };
  period: { month: string; start: string; end: string; timezone: string };
  contract_version: string;
  /** SHA-256 (hex) of the evidence the figures were computed from. */
  evidence_sha256: string;
  services: ServiceReport[];
}

export interface ServiceReport {
  id: string;
  category: 'infrastructure' | 'support-software' | 'application' | 'information-resource' | 'security' | 'operations';
  /** Display name, when the config gives one. */
  name?: { 'zh-CN': string; en: string };
  target_percent: number;
  scheduled_seconds: number;
  up_seconds: number;
  down_seconds: number;
  maintenance_seconds: number;
  unknown_seconds: number;
  unknown_policy: 'exclude' | 'up' | 'down';
  /** Rounded down to 3 decimals; null when nothing was measurable (denominator 0). */
  availability_percent: number | null;
  met: boolean;
  credit_percent: number;
  /** Share of scheduled time (less maintenance) slaguard could observe, rounded down to 3 decimals. */
  coverage_percent: number;
  outages: Array<{ start: string; end: string; seconds: number; counted: boolean; reason: string }>;
  maintenance: Array<{ start: string; end: string; ticket: string; approved_by: string }>;
  incidents: Array<{ id: string; level: 1 | 2 | 3 | 4; ack_seconds: number | null; restore_seconds: number | null; ack_met: boolean; restore_met: boolean }>;
  /** Daily figures for the report's bars: one entry per day of the period. */
  daily?: Array<{ date: string; scheduled_seconds: number; up_seconds: number; down_seconds: number; maintenance_seconds: number; unknown_seconds: number }>;
}
