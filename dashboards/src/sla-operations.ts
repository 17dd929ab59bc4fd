import type { Lang } from '../../src/text/lang.ts';
import { ALERTING, SLA, SLA_SERIES } from '../../src/metrics/names.ts';
import { bargauge, dashboard, mergedTable, ms, perLevel, row, stat, table, timeseries, type DashboardSpec } from './lib.ts';

const state = (name: string) => ms(SLA_SERIES.serviceState, `state="${name}"`);
const STATE_RANK = [['down', 4], ['unknown', 3], ['maintenance', 2], ['up', 1], ['unscheduled', 0]] as const;
const NO_INCIDENTS = { 'zh-CN': '近 30 天无此类事件', en: 'No such incident in the last 30 days' };

/** Availability month to date, target and margin per agency and service, worst first (also on the NOC overview). */
export const availabilityTable = (lang: Lang, width = 12) =>
  mergedTable({ 'zh-CN': '各服务本月可用性与目标（最差在前）', en: 'Availability month to date against target (worst first)' }, lang, [
    { expr: `${ms(SLA.availability)} - ${ms(SLA.target)}`, name: { 'zh-CN': '高于目标（百分点）', en: 'Above target (points)' } },
    { expr: ms(SLA.availability), name: { 'zh-CN': '本月可用性 %', en: 'Availability %' } },
    { expr: ms(SLA.target), name: { 'zh-CN': '目标 %', en: 'Target %' } },
  ], 'none', width);

/** Open incidents per level 1–4, a bar each, 0 when none (also on the NOC overview). */
export const openIncidents = (lang: Lang, width: number) =>
  bargauge({ 'zh-CN': '未关闭事件（按级别）', en: 'Open incidents by level' }, lang, [{ expr: perLevel(ALERTING.incidentsOpen.name), legend: 'L{{level}}' }], 'none', width);

/** SLA month to date per service against its target, error budget, service states and outages; incidents, maintenance and response times per level. */
export const slaOperations: DashboardSpec = {
  uid: 'slaguard-sla',
  build: (lang) =>
    dashboard('slaguard-sla', { 'zh-CN': 'slaguard SLA 与运维', en: 'slaguard SLA and operations' }, lang, ['sla', 'operations'])
      .withRow(row({ 'zh-CN': '本月可用性', en: 'Availability this month' }, lang))
      .withPanel(availabilityTable(lang))
      .withPanel(bargauge({ 'zh-CN': '剩余错误预算（最少在前）', en: 'Error budget left (least first)' }, lang,
        [{ expr: `sort(${ms(SLA.errorBudget)})`, legend: '{{agency}} / {{service}}' }], 's'))
      .withPanel(timeseries({ 'zh-CN': '本月可用性走势（虚线为目标）', en: 'Availability month to date over time (target dashed)' }, lang, [
        { expr: ms(SLA.availability), legend: '{{agency}} / {{service}}' },
        { expr: ms(SLA.target), legend: '{{agency}} / {{service}} target' },
      ], 'percent').overrideByRegexp('.* target$', [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }]))
      .withPanel(timeseries({ 'zh-CN': '剩余错误预算走势', en: 'Error budget left over time' }, lang,
        [{ expr: ms(SLA.errorBudget), legend: '{{agency}} / {{service}}' }], 's'))
      .withRow(row({ 'zh-CN': '服务状态', en: 'Service state' }, lang))
      .withPanel(stat({ 'zh-CN': '中断的服务', en: 'Services down' }, lang, [{ expr: `count(${state('down')} == 1) or vector(0)` }], 'none'))
      .withPanel(stat({ 'zh-CN': '维护中的服务', en: 'Services in maintenance' }, lang, [{ expr: `count(${state('maintenance')} == 1) or vector(0)` }], 'none'))
      .withPanel(stat({ 'zh-CN': '进行中的维护窗口', en: 'Maintenance windows active' }, lang, [{ expr: ALERTING.maintenanceActive.name }], 'none'))
      .withPanel(stat({ 'zh-CN': '状态未知的服务', en: 'Services unknown' }, lang, [{ expr: `count(${state('unknown')} == 1) or vector(0)` }], 'none'))
      .withPanel(table({ 'zh-CN': '各服务当前状态（4 中断、3 未知、2 维护、1 正常、0 非服务时间；中断在前）', en: 'Service state now (4 down, 3 unknown, 2 maintenance, 1 up, 0 outside hours; down first)' }, lang,
        [{ expr: `sort_desc(${STATE_RANK.map(([name, rank]) => `(${state(name)} == 1) * ${rank}`).join(' or ')})` }]))
      .withPanel(timeseries({ 'zh-CN': '各状态服务数', en: 'Services per state' }, lang,
        [{ expr: `sum by (state) (${ms(SLA_SERIES.serviceState)})`, legend: '{{state}}' }], 'none'))
      .withPanel(timeseries({ 'zh-CN': '服务中断（1 = 中断）', en: 'Outages (1 = down)' }, lang,
        [{ expr: state('down'), legend: '{{agency}} / {{service}}' }], 'none', 24))
      .withRow(row({ 'zh-CN': '事件与响应', en: 'Incidents and response' }, lang))
      .withPanel(openIncidents(lang, 8))
      .withPanel(bargauge({ 'zh-CN': '未确认事件（按级别）', en: 'Unacknowledged incidents by level' }, lang,
        [{ expr: perLevel(`${ALERTING.incidentsOpen.name}{acknowledged="false"}`), legend: 'L{{level}}' }], 'none', 8))
      .withPanel(timeseries({ 'zh-CN': '未关闭 / 未确认事件走势', en: 'Open / unacknowledged incidents over time' }, lang, [
        { expr: perLevel(ALERTING.incidentsOpen.name), legend: 'L{{level}} open' },
        { expr: perLevel(`${ALERTING.incidentsOpen.name}{acknowledged="false"}`), legend: 'L{{level}} unacknowledged' },
      ], 'none', 8))
      .withPanel(timeseries({ 'zh-CN': '确认时长（按级别，近 30 天）', en: 'Time to acknowledge by level (last 30 days)' }, lang, [
        { expr: `${ALERTING.ackSeconds.name}{stat="mean"}`, legend: 'L{{level}} mean' },
        { expr: `${ALERTING.ackSeconds.name}{stat="max"}`, legend: 'L{{level}} max' },
      ], 's').noValue(NO_INCIDENTS[lang]))
      .withPanel(timeseries({ 'zh-CN': '恢复时长（按级别，近 30 天）', en: 'Time to restore by level (last 30 days)' }, lang, [
        { expr: `${ALERTING.restoreSeconds.name}{stat="mean"}`, legend: 'L{{level}} mean' },
        { expr: `${ALERTING.restoreSeconds.name}{stat="max"}`, legend: 'L{{level}} max' },
      ], 's').noValue(NO_INCIDENTS[lang])),
};
