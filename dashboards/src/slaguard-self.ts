import { DAEMON, DEVICE, NOTIFY, SCHEDULER } from '../../src/metrics/names.ts';
import { dashboard, m, row, timeseries, type DashboardSpec } from './lib.ts';

/** slaguard watching itself: polls, errors, skips, traps, the notification queue, the event loop. */
export const slaguardSelf: DashboardSpec = {
  uid: 'slaguard-self',
  build: (lang) =>
    dashboard('slaguard-self', { 'zh-CN': 'slaguard 自身运行', en: 'slaguard itself' }, lang, ['self'])
      .withRow(row({ 'zh-CN': '采集', en: 'Collection' }, lang))
      .withPanel(timeseries({ 'zh-CN': '采集耗时', en: 'Poll duration' }, lang, [{ expr: m(SCHEDULER.pollDuration), legend: '{{target}}' }], 's'))
      .withPanel(timeseries({ 'zh-CN': '采集失败（按原因）', en: 'Poll errors by reason' }, lang,
        [{ expr: `sum by (reason) (rate(${m(SCHEDULER.pollErrors)}[$__rate_interval]))`, legend: '{{reason}}' }], 'ops'))
      .withPanel(timeseries({ 'zh-CN': '跳过的采集', en: 'Skipped polls' }, lang,
        [{ expr: `sum by (target) (increase(${m(SCHEDULER.pollSkipped)}[$__rate_interval]))`, legend: '{{target}}' }], 'none'))
      .withPanel(timeseries({ 'zh-CN': '每次采集样本数', en: 'Samples per poll' }, lang, [{ expr: m(SCHEDULER.samples), legend: '{{target}}' }], 'none'))
      .withRow(row({ 'zh-CN': '事件与进程', en: 'Events and process' }, lang))
      .withPanel(timeseries({ 'zh-CN': 'SNMP Trap（按事件）', en: 'SNMP traps by event' }, lang,
        [{ expr: `sum by (event) (rate(${DEVICE.traps.name}[$__rate_interval]))`, legend: '{{event}}' }], 'ops'))
      .withPanel(timeseries({ 'zh-CN': '通知队列', en: 'Notification queue' }, lang, [
        { expr: NOTIFY.queueDepth.name, legend: 'waiting' },
        { expr: NOTIFY.failed.name, legend: 'failed' },
      ], 'none'))
      .withPanel(timeseries({ 'zh-CN': '最早待发通知的等待时间', en: 'Oldest waiting notification' }, lang,
        [{ expr: NOTIFY.oldestPendingAge.name, legend: 'age' }], 's'))
      .withPanel(timeseries({ 'zh-CN': '事件循环最大延迟', en: 'Event-loop delay (max)' }, lang, [{ expr: DAEMON.eventLoopDelayMax.name, legend: 'max' }], 's'))
      .withPanel(timeseries({ 'zh-CN': '配置加载', en: 'Configuration loads' }, lang, [{ expr: DAEMON.reloadOk.name, legend: 'ok' }], 'none')),
};
