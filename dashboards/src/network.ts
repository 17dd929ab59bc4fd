import { DEVICE, IFACE } from '../../src/metrics/names.ts';
import { dashboard, m, row, table, timeseries, type DashboardSpec } from './lib.ts';

const TOP = 10;

/** Interfaces (top N by utilisation), errors, discards, oper-status changes, device CPU and memory, firewall sessions and HA. */
export const network: DashboardSpec = {
  uid: 'slaguard-network',
  build: (lang) =>
    dashboard('slaguard-network', { 'zh-CN': 'slaguard 网络', en: 'slaguard network' }, lang, ['network'])
      .withRow(row({ 'zh-CN': '接口', en: 'Interfaces' }, lang))
      .withPanel(timeseries({ 'zh-CN': `入方向流量（前 ${TOP}）`, en: `Inbound traffic (top ${TOP})` }, lang,
        [{ expr: `topk(${TOP}, rate(${m(IFACE.inOctets)}[$__rate_interval]) * 8)`, legend: '{{target}} {{if_name}}' }], 'bps'))
      .withPanel(timeseries({ 'zh-CN': `出方向流量（前 ${TOP}）`, en: `Outbound traffic (top ${TOP})` }, lang,
        [{ expr: `topk(${TOP}, rate(${m(IFACE.outOctets)}[$__rate_interval]) * 8)`, legend: '{{target}} {{if_name}}' }], 'bps'))
      .withPanel(timeseries({ 'zh-CN': `利用率（前 ${TOP}）`, en: `Utilisation (top ${TOP})` }, lang, [
        { expr: `topk(${TOP}, ${m(IFACE.inUtilisation)})`, legend: '{{target}} {{if_name}} in' },
        { expr: `topk(${TOP}, ${m(IFACE.outUtilisation)})`, legend: '{{target}} {{if_name}} out' },
      ], 'percentunit'))
      .withPanel(timeseries({ 'zh-CN': '错误与丢弃', en: 'Errors and discards' }, lang, [
        { expr: `sum by (target) (rate(${m(IFACE.inErrors)}[$__rate_interval]) + rate(${m(IFACE.outErrors)}[$__rate_interval]))`, legend: '{{target}} errors' },
        { expr: `sum by (target) (rate(${m(IFACE.inDiscards)}[$__rate_interval]) + rate(${m(IFACE.outDiscards)}[$__rate_interval]))`, legend: '{{target}} discards' },
      ], 'pps'))
      .withPanel(timeseries({ 'zh-CN': '接口状态变化次数', en: 'Oper-status changes' }, lang,
        [{ expr: `sum by (target) (changes(${m(IFACE.operUp)}[$__range]))`, legend: '{{target}}' }], 'none'))
      .withPanel(table({ 'zh-CN': '管理开启接口的运行状态（中断在前）', en: 'Admin-up interfaces, oper status (down first)' }, lang,
        [{ expr: `sort(${m(IFACE.operUp)} and on (target, if_index) ${m(IFACE.adminUp)} == 1)` }]))
      .withRow(row({ 'zh-CN': '设备', en: 'Devices' }, lang))
      .withPanel(timeseries({ 'zh-CN': '设备 CPU', en: 'Device CPU' }, lang, [{ expr: m(DEVICE.cpuUtilisation), legend: '{{target}} {{cpu}}{{module}}' }], 'percentunit'))
      .withPanel(timeseries({ 'zh-CN': '设备内存', en: 'Device memory' }, lang, [{ expr: m(DEVICE.memoryUtilisation), legend: '{{target}} {{module}}' }], 'percentunit'))
      .withRow(row({ 'zh-CN': '防火墙', en: 'Firewalls' }, lang))
      .withPanel(timeseries({ 'zh-CN': '并发会话数', en: 'Concurrent sessions' }, lang, [{ expr: m(DEVICE.sessions), legend: '{{target}}' }], 'none', 8))
      .withPanel(timeseries({ 'zh-CN': '会话表使用率', en: 'Session table used' }, lang,
        [{ expr: `${m(DEVICE.sessions)} / ${m(DEVICE.sessionsMax)}`, legend: '{{target}}' }], 'percentunit', 8))
      .withPanel(table({ 'zh-CN': '双机热备角色与同步（未同步在前）', en: 'HA role and sync (out of sync first)' }, lang, [
        { expr: `${m(DEVICE.haRole)} == 1` },
        { expr: `sort(${m(DEVICE.haInSync)})` },
      ], 8)),
};
