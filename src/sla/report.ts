import { formatDuration } from '../config/duration.ts';
import type { ServiceReport, AgencyReport } from './report-model.ts';
import { availabilityOf, coverageOf, percentDown, responseOf } from './arithmetic.ts';
import type { WorkCalendar } from './calendar.ts';
import type { AgencyContract, ServiceContract } from './config.ts';
import { seconds, type EvidenceLine, type MaintenanceLine } from './evidence.ts';
import { daysOf, monthPeriod, rfc3339, scheduledSpans, type Period, type Span } from './period.ts';
import { clockOf } from './fast-time.ts';
import { selectColumns, selectionDigest, type Selection, type StatusColumn } from './select.ts';
import { columnOf } from './status-column.ts';
import { classifyColumns } from './timeline.ts';

/** Extra fields this engine adds to each service of the shared report model. */
export interface ServiceReportExtra {
  /** Share of the period's incidents acknowledged / restored within target; null without incidents. */
  ack_met_percent: number | null;
  restore_met_percent: number | null;
  /** Windows not excluded because they were announced less than `notice` ahead (their time counts as observed). */
  maintenance_not_counted: Array<{ start: string; end: string; ticket: string; approved_by: string; reason: string }>;
  /** Scheduled window seconds beyond `monthly_quota`, counted as observed instead of maintenance. */
  maintenance_over_quota_seconds: number;
}

/** What one report is computed from: a contract version, the calendar and evidence lines (or their selection, as `readAgencySelection` gives it). */
export interface ReportInput {
  contract: AgencyContract;
  month: string;
  lines?: readonly EvidenceLine[];
  selection?: Selection;
  calendar: WorkCalendar;
  /** Month to date: figures up to this instant (ms) when it falls inside the month. */
  now?: number;
}

/** The AgencyReport of one agency and month, in the shared model's key order. */
export function computeAgencyReport(input: ReportInput): AgencyReport & { as_of?: string } {
  const { contract } = input;
  const period = monthPeriod(input.month, contract.timezone);
  const ids = new Set(contract.services.map((s) => s.id));
  const selection = input.selection ?? selectColumns(input.lines ?? [], contract.id, ids, period);
  const digest = selectionDigest(selection, period.zone);
  const end = input.now === undefined ? period.end : Math.max(period.start, Math.min(period.end, Math.floor(input.now / 1000)));
  const byService = new Map<string, EvidenceLine[]>();
  for (const l of selection.other) {
    if (l.type === 'contract') continue;
    const list = byService.get(l.service);
    if (list) list.push(l);
    else byService.set(l.service, [l]);
  }
  const services = contract.services.map((s) => serviceReport(s, period, [period.start, end], byService.get(s.id) ?? [], selection.status.get(s.id) ?? columnOf(s.id, []), input.calendar));
  return {
    agency: contract.id,
    agency_name: { 'zh-CN': contract.name['zh-CN'], en: contract.name.en },
    period: { month: period.month, start: rfc3339(period.start, period.zone), end: rfc3339(period.end, period.zone), timezone: period.zone },
    contract_version: contract.contract.version,
    evidence_sha256: digest,
    services,
    ...(end < period.end ? { as_of: rfc3339(end, period.zone) } : {}),
  };
}

function serviceReport(s: ServiceContract, period: Period, window: Span, lines: readonly EvidenceLine[], status: StatusColumn, calendar: WorkCalendar): ServiceReport & ServiceReportExtra {
  const zone = period.zone;
  const clock = clockOf(zone);
  const [wStart, wEnd] = window;
  const scheduled = scheduledSpans(period, s.hours, calendar)
    .map(([a, b]) => [Math.max(a, wStart), Math.min(b, wEnd)] as Span).filter(([a, b]) => b > a);
  const windows = (lines.filter((l) => l.type === 'maintenance') as MaintenanceLine[])
    .sort((a, b) => seconds(a.start) - seconds(b.start) || seconds(a.end) - seconds(b.end));
  const notice = Math.ceil(s.maintenance.notice / 1000);
  const inTime = windows.filter((w) => seconds(w.announced_at) <= seconds(w.start) - notice);
  const days = daysOf(period).filter((d) => d.start < wEnd);
  const quota = s.maintenance.monthly_quota === undefined ? undefined : Math.floor(s.maintenance.monthly_quota / 1000);
  const result = classifyColumns({
    window, scheduled, minOutage: Math.ceil(s.min_outage / 1000), quota, days,
    maintenance: inTime.map((w) => [seconds(w.start), seconds(w.end)] as Span),
  }, { at: status.at, state: status.state, reason: (i) => status.reasons[status.reason[i]!]! });
  const t = result.totals;
  const { availability, met, credit } = availabilityOf(t, s);
  const clip = (w: MaintenanceLine) => ({
    start: rfc3339(Math.max(seconds(w.start), period.start), zone), end: rfc3339(Math.min(seconds(w.end), period.end), zone),
    ticket: w.ticket, approved_by: w.approved_by,
  });
  const late = windows.filter((w) => !inTime.includes(w)).map((w) => ({ ...clip(w), reason: `announced ${rfc3339(seconds(w.announced_at), zone)}, less than the notice of ${formatDuration(s.maintenance.notice)} before its start` }));
  const overQuota = quota === undefined ? 0 : excludable(inTime, scheduled) - t.maintenance;
  const incidents = (lines.filter((l) => l.type === 'incident') as Extract<EvidenceLine, { type: 'incident' }>[])
    .filter((i) => seconds(i.opened) < wEnd)
    .sort((a, b) => seconds(a.opened) - seconds(b.opened) || a.id.localeCompare(b.id))
    .map((i) => ({
      id: i.id, level: i.level,
      ...responseOf({ level: i.level, opened: seconds(i.opened), acknowledged: i.acknowledged === null ? null : seconds(i.acknowledged), restored: i.restored === null ? null : seconds(i.restored) }, s.response),
    }));
  return {
    id: s.id,
    category: s.category,
    ...(s.name ? { name: { 'zh-CN': s.name['zh-CN'], en: s.name.en } } : {}),
    target_percent: s.availability,
    scheduled_seconds: t.scheduled,
    up_seconds: t.up,
    down_seconds: t.down,
    maintenance_seconds: t.maintenance,
    unknown_seconds: t.unknown,
    unknown_policy: s.unknown,
    availability_percent: availability,
    met,
    credit_percent: credit,
    coverage_percent: coverageOf(t),
    outages: result.outages.map((o) => ({ start: clock(o.start), end: clock(o.end), seconds: o.seconds, counted: o.counted, reason: o.reason })),
    maintenance: inTime.map(clip),
    incidents,
    ack_met_percent: percentDown(incidents.filter((i) => i.ack_met).length, incidents.length),
    restore_met_percent: percentDown(incidents.filter((i) => i.restore_met).length, incidents.length),
    maintenance_not_counted: late,
    maintenance_over_quota_seconds: overQuota,
    daily: result.daily.map((d) => ({ date: d.date, scheduled_seconds: d.scheduled, up_seconds: d.up, down_seconds: d.down, maintenance_seconds: d.maintenance, unknown_seconds: d.unknown })),
  };
}

function excludable(windows: readonly MaintenanceLine[], scheduled: readonly Span[]): number {
  const spans = windows.map((w) => [seconds(w.start), seconds(w.end)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const [a0, b] of spans) {
    const a = Math.max(a0, reach);
    if (b <= a) continue;
    for (const [s, e] of scheduled) total += Math.max(0, Math.min(b, e) - Math.max(a, s));
    reach = b;
  }
  return total;
}
