import { IFACE, SCHEDULER, UPS } from '../../src/metrics/names.ts';
import { availabilityTable, openIncidents } from './sla-operations.ts';
import { dashboard, m, row, stat, table, timeseries, type DashboardSpec } from './lib.ts';

/** The wall screen: what is down, UPS on battery, links down, open incidents by level, SLA month to date against target. */
export const nocOverview: DashboardSpec = {
  uid: 'slaguard-noc',
  build: (lang) =>
    dashboard('slaguard-noc', { 'zh-CN': 'slaguard 值班总览', en: 'slaguard NOC overview' }, lang, ['noc'])
      .withRow(row({ 'zh-CN': '监控对象', en: 'Targets' }, lang))
      .withPanel(stat({ 'zh-CN': '正常', en: 'Up' }, lang, [{ expr: `count(${m(SCHEDULER.up)} == 1)` }], 'none'))
      .withPanel(stat({ 'zh-CN': '故障', en: 'Down' }, lang, [{ expr: `count(${m(SCHEDULER.up)} == 0) or vector(0)` }], 'none'))
      .withPanel(stat({ 'zh-CN': 'UPS 电池供电', en: 'UPS on battery' }, lang, [{ expr: `count(${m(UPS.onBattery)} == 1) or vector(0)` }], 'none'))
      .withPanel(stat({ 'zh-CN': '链路中断', en: 'Links down' }, lang,
        [{ expr: `count(${m(IFACE.adminUp)} == 1 and on (target, if_index) ${m(IFACE.operUp)} == 0) or vector(0)` }], 'none'))
      .withPanel(timeseries({ 'zh-CN': '各站点正常 / 故障对象数', en: 'Targets up / down by site' }, lang, [
        { expr: `sum by (site) (${m(SCHEDULER.up)})`, legend: '{{site}} up' },
        { expr: `sum by (site) (${m(SCHEDULER.up)} == bool 0)`, legend: '{{site}} down' },
      ], 'none', 24))
      .withRow(row({ 'zh-CN': '事件与 SLA', en: 'Incidents and SLA' }, lang))
      .withPanel(openIncidents(lang, 8))
      .withPanel(availabilityTable(lang, 16))
      .withRow(row({ 'zh-CN': '明细', en: 'Details' }, lang))
      .withPanel(table({ 'zh-CN': '对象状态（故障在前）', en: 'Target status (down first)' }, lang, [{ expr: `sort(${m(SCHEDULER.up)})` }], 12))
      .withPanel(table({ 'zh-CN': 'UPS 电池供电（1 = 是，电池供电在前）', en: 'UPS on battery (1 = yes, on battery first)' }, lang, [{ expr: `sort_desc(${m(UPS.onBattery)})` }], 12)),
};
