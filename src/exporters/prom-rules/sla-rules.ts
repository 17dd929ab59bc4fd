import { SLA_SERIES } from '../../metrics/names.ts';

/** One SLA objective as the rules need it: which service, its target, how unknown time counts. */
export interface SlaObjective {
  agency: string;
  service: string;
  /** Promised availability in percent (99.9). */
  targetPercent: number;
  unknown: 'exclude' | 'up' | 'down';
}

/** A Prometheus rule group as rule files hold it. */
export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Array<Record<string, unknown>>;
}

/** Rolling windows of the error-ratio recording rules (issue 9 item 4). */
export const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

/**
 * Multi-window, multi-burn-rate alerts (Google SRE workbook, chapter 5): an alert fires when both its
 * long and its short window burn the error budget `factor` times faster than the target allows.
 */
export const BURN_ALERTS = [
  { severity: 'critical', kind: 'page', factor: 14.4, long: '1h', short: '5m' },
  { severity: 'critical', kind: 'page', factor: 6, long: '6h', short: '30m' },
  { severity: 'warning', kind: 'ticket', factor: 3, long: '1d', short: '2h' },
  { severity: 'warning', kind: 'ticket', factor: 1, long: '3d', short: '6h' },
] as const;

/** How the month-to-date rule samples the month: a subquery of `range` at `resolution` steps. */
export interface MonthToDateOptions {
  range: string;
  resolution: string;
}

const STATE = SLA_SERIES.serviceState.name;
const PERIOD_START = SLA_SERIES.periodStart.name;

/** `recordName('1h')` → `slaguard:sla_error_ratio:rate1h`. */
export const ratioRecord = (window: string) => `slaguard:sla_error_ratio:rate${window}`;
export const MONTH_TO_DATE = 'slaguard:sla_error_ratio:month_to_date';
export const BUDGET_LEFT = 'slaguard:sla_error_budget_remaining_ratio:month_to_date';

const selector = (o: SlaObjective, state: string) => `${STATE}{agency="${o.agency}",service="${o.service}",state="${state}"}`;

/** Which states count as bad and as measured time under the service's unknown policy. */
function states(o: SlaObjective): { bad: string[]; measured: string[] } {
  if (o.unknown === 'up') return { bad: ['down'], measured: ['up', 'down', 'unknown'] };
  if (o.unknown === 'down') return { bad: ['down', 'unknown'], measured: ['up', 'down', 'unknown'] };
  return { bad: ['down'], measured: ['up', 'down'] };
}

const sumOver = (o: SlaObjective, which: string[], range: (sel: string) => string) =>
  which.map((s) => `sum(${range(selector(o, s))})`).join(' + ');

/**
 * The error ratio of one service over a window: time in bad states over measured time, as the
 * monthly report counts it (maintenance and time outside service hours never count; unknown time
 * by the service's policy). Each scrape is one equal slice of time.
 */
function windowRatio(o: SlaObjective, window: string): string {
  const { bad, measured } = states(o);
  const over = (sel: string) => `sum_over_time(${sel}[${window}])`;
  return `(${sumOver(o, bad, over)}) / (${sumOver(o, measured, over)})`;
}

/**
 * The month to date: the same ratio over the samples of the current calendar month only. The
 * subquery keeps a step when the period start then equals the period start now (`@ end()`), so the
 * month is the agency's, in its time zone and across DST, as slaguard exports it.
 */
function monthToDateRatio(o: SlaObjective, mtd: MonthToDateOptions): string {
  const { bad, measured } = states(o);
  const thisMonth = `(${PERIOD_START}{agency="${o.agency}"} == ${PERIOD_START}{agency="${o.agency}"} @ end())`;
  const over = (sel: string) => `sum_over_time((${sel} and on (agency) ${thisMonth})[${mtd.range}:${mtd.resolution}])`;
  return `(${sumOver(o, bad, over)}) / (${sumOver(o, measured, over)})`;
}

const budget = (o: SlaObjective) => Number(((100 - o.targetPercent) / 100).toPrecision(12));

/** Recording rules (error ratio per window, month to date, budget left) and burn-rate alerts for each objective. */
export function slaRuleGroups(objectives: readonly SlaObjective[], mtd: MonthToDateOptions = { range: '31d', resolution: '1m' }): RuleGroup[] {
  const groups: RuleGroup[] = [];
  for (const o of objectives) {
    const labels = { agency: o.agency, service: o.service };
    const records = WINDOWS.map((w) => ({ record: ratioRecord(w), expr: windowRatio(o, w), labels }));
    const monthly = [
      { record: MONTH_TO_DATE, expr: monthToDateRatio(o, mtd), labels },
      { record: BUDGET_LEFT, expr: `1 - ${MONTH_TO_DATE}{agency="${o.agency}",service="${o.service}"} / ${budget(o)}`, labels },
    ];
    const alerts = BURN_ALERTS.map((a) => ({
      alert: 'SlaErrorBudgetBurn',
      expr: `${ratioRecord(a.long)}{agency="${o.agency}",service="${o.service}"} > (${a.factor} * ${budget(o)})\nand\n${ratioRecord(a.short)}{agency="${o.agency}",service="${o.service}"} > (${a.factor} * ${budget(o)})`,
      labels: { ...labels, severity: a.severity, kind: a.kind, long_window: a.long, short_window: a.short },
      annotations: {
        summary: `SLA ${o.agency}/${o.service}: error budget burning ${a.factor}x over ${a.long} and ${a.short} (target ${o.targetPercent}%)`,
        summary_zh: `SLA ${o.agency}/${o.service}：${a.long} 与 ${a.short} 内错误预算消耗速度为目标的 ${a.factor} 倍（目标 ${o.targetPercent}%）`,
      },
    }));
    const exhausted = {
      alert: 'SlaErrorBudgetExhausted',
      expr: `${BUDGET_LEFT}{agency="${o.agency}",service="${o.service}"} <= 0`,
      labels: { ...labels, severity: 'warning', kind: 'ticket' },
      annotations: {
        summary: `SLA ${o.agency}/${o.service}: this month's error budget is spent (target ${o.targetPercent}%)`,
        summary_zh: `SLA ${o.agency}/${o.service}：本月错误预算已用尽（目标 ${o.targetPercent}%）`,
      },
    };
    groups.push(
      { name: `slaguard-sla-${o.agency}-${o.service}`, rules: [...records, ...alerts] },
      { name: `slaguard-sla-${o.agency}-${o.service}-month`, interval: '1m', rules: [...monthly, exhausted] },
    );
  }
  return groups;
}
