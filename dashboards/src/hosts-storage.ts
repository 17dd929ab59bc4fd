import { DEVICE, HOST, STORAGE } from '../../src/metrics/names.ts';
import { dashboard, m, row, table, timeseries, type DashboardSpec } from './lib.ts';

/** Servers (host collector, agent, BMCs over SNMP) and storage arrays. */
export const hostsStorage: DashboardSpec = {
  uid: 'slaguard-hosts',
  build: (lang) =>
    dashboard('slaguard-hosts', { 'zh-CN': 'slaguard 主机与存储', en: 'slaguard hosts and storage' }, lang, ['hosts', 'storage'])
      .withRow(row({ 'zh-CN': '主机', en: 'Hosts' }, lang))
      .withPanel(timeseries({ 'zh-CN': 'CPU 利用率', en: 'CPU utilisation' }, lang, [{ expr: m(HOST.cpuUtilisation), legend: '{{target}}' }], 'percentunit'))
      .withPanel(timeseries({ 'zh-CN': '内存利用率', en: 'Memory utilisation' }, lang, [{ expr: m(HOST.memUtilisation), legend: '{{target}}' }], 'percentunit'))
      .withPanel(timeseries({ 'zh-CN': '文件系统使用率', en: 'Filesystem use' }, lang, [{ expr: m(HOST.fsUtilisation), legend: '{{target}} {{mountpoint}}' }], 'percentunit'))
      .withPanel(timeseries({ 'zh-CN': '磁盘读写', en: 'Disk I/O' }, lang, [
        { expr: `rate(${m(HOST.diskReadBytes)}[$__rate_interval])`, legend: '{{target}} read' },
        { expr: `rate(${m(HOST.diskWrittenBytes)}[$__rate_interval])`, legend: '{{target}} write' },
      ], 'Bps'))
      .withPanel(timeseries({ 'zh-CN': '网络流量', en: 'Network' }, lang, [
        { expr: `sum by (target) (rate(${m(HOST.netRxBytes)}[$__rate_interval]))`, legend: '{{target}} rx' },
        { expr: `sum by (target) (rate(${m(HOST.netTxBytes)}[$__rate_interval]))`, legend: '{{target}} tx' },
      ], 'Bps'))
      .withRow(row({ 'zh-CN': '服务器硬件（BMC）', en: 'Server hardware (BMC)' }, lang))
      .withPanel(table({ 'zh-CN': '硬件健康（故障在前）', en: 'Hardware health (failed first)' }, lang, [{ expr: `sort(${m(DEVICE.healthOk)})` }], 8))
      .withPanel(timeseries({ 'zh-CN': '整机功耗', en: 'Power draw' }, lang, [{ expr: m(DEVICE.powerDraw), legend: '{{target}}' }], 'watt', 8))
      .withPanel(table({ 'zh-CN': '风扇与电源（故障在前）', en: 'Fans and power supplies (failed first)' }, lang, [
        { expr: `sort(${m(STORAGE.fanOk)})` },
        { expr: `sort(${m(STORAGE.psuOk)})` },
      ], 8))
      .withRow(row({ 'zh-CN': '存储', en: 'Storage' }, lang))
      .withPanel(table({ 'zh-CN': '磁盘健康（故障在前）', en: 'Disk health (failed first)' }, lang, [{ expr: `sort(${m(STORAGE.diskOk)})` }], 6))
      .withPanel(table({ 'zh-CN': '卷健康（故障在前）', en: 'Volume health (failed first)' }, lang, [{ expr: `sort(${m(STORAGE.volumeOk)})` }], 6))
      .withPanel(timeseries({ 'zh-CN': '存储容量使用率', en: 'Storage capacity used' }, lang, [
        { expr: `${m(DEVICE.storageUsed)} / ${m(DEVICE.storageSize)}`, legend: '{{target}} {{storage}}' },
        { expr: `${m(STORAGE.volumeUsed)} / ${m(STORAGE.volumeSize)}`, legend: '{{target}} {{volume}}' },
      ], 'percentunit')),
};
