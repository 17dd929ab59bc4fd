import { COOLING, DEVICE, PDU, UPS } from '../../src/metrics/names.ts';
import { dashboard, m, row, timeseries, table, type DashboardSpec } from './lib.ts';

/** UPS, PDU, precision cooling and machine-room environment (GB 50174 bands drawn as the rules use them). */
export const powerEnvironment: DashboardSpec = {
  uid: 'slaguard-power',
  build: (lang) =>
    dashboard('slaguard-power', { 'zh-CN': 'slaguard 供电与环境', en: 'slaguard power and environment' }, lang, ['power', 'environment'])
      .withRow(row({ 'zh-CN': 'UPS', en: 'UPS' }, lang))
      .withPanel(timeseries({ 'zh-CN': '电池电量', en: 'Battery charge' }, lang, [{ expr: m(UPS.charge), legend: '{{target}}' }], 'percentunit'))
      .withPanel(timeseries({ 'zh-CN': '电池剩余时间', en: 'Battery runtime' }, lang, [{ expr: m(UPS.runtime), legend: '{{target}}' }], 's'))
      .withPanel(timeseries({ 'zh-CN': '输出负载', en: 'Output load' }, lang, [{ expr: m(UPS.outputLoad), legend: '{{target}} {{line}}' }], 'percentunit'))
      .withPanel(timeseries({ 'zh-CN': '输入电压', en: 'Input voltage' }, lang, [{ expr: m(UPS.inputVoltage), legend: '{{target}} {{line}}' }], 'volt'))
      .withPanel(table({ 'zh-CN': '输出来源', en: 'Output source' }, lang, [{ expr: `${m(UPS.outputSource)} == 1` }]))
      .withPanel(timeseries({ 'zh-CN': '告警数', en: 'Alarms present' }, lang, [{ expr: m(UPS.alarmsPresent), legend: '{{target}}' }], 'none'))
      .withRow(row({ 'zh-CN': 'PDU', en: 'PDU' }, lang))
      .withPanel(timeseries({ 'zh-CN': 'PDU 负载（按输入）', en: 'PDU load (per input)' }, lang, [{ expr: m(PDU.load), legend: '{{target}} {{cord_name}}' }], 'percentunit'))
      .withPanel(timeseries({ 'zh-CN': '各相电流', en: 'Current per phase' }, lang,
        [{ expr: m(PDU.current, 'phase!=""'), legend: '{{target}} L{{phase}} {{phase_label}}' }], 'amp'))
      .withRow(row({ 'zh-CN': '精密空调', en: 'Precision cooling' }, lang))
      .withPanel(timeseries({ 'zh-CN': '送风与回风温度', en: 'Supply and return air' }, lang, [
        { expr: `label_replace(${m(COOLING.supplyTemperature)}, "air", "supply", "", "") or label_replace(${m(COOLING.returnTemperature)}, "air", "return", "", "")`, legend: '{{target}} {{air}}' },
        { expr: m(COOLING.setpoint), legend: '{{target}} setpoint' },
      ], 'celsius'))
      .withPanel(timeseries({ 'zh-CN': '回风湿度', en: 'Return air humidity' }, lang, [{ expr: m(COOLING.returnHumidity), legend: '{{target}}' }], 'percentunit'))
      .withPanel(table({ 'zh-CN': '空调运行与告警（告警在前）', en: 'Units running and alarms (alarms first)' }, lang, [
        { expr: `sort_desc(${m(COOLING.alarmsPresent)})` },
        { expr: `sort(${m(COOLING.unitOn)})` },
      ]))
      .withRow(row({ 'zh-CN': '机房环境', en: 'Machine room' }, lang))
      .withPanel(timeseries({ 'zh-CN': '温度（18–27 °C）', en: 'Temperature (18–27 °C)' }, lang, [
        { expr: m(DEVICE.temperature), legend: '{{target}} {{sensor}}' },
        { expr: 'vector(18)', legend: 'min' },
        { expr: 'vector(27)', legend: 'max' },
      ], 'celsius'))
      .withPanel(timeseries({ 'zh-CN': '湿度（35–75 %）', en: 'Humidity (35–75 %)' }, lang, [
        { expr: m(DEVICE.humidity), legend: '{{target}} {{sensor}}' },
        { expr: 'vector(0.35)', legend: 'min' },
        { expr: 'vector(0.75)', legend: 'max' },
      ], 'percentunit')),
};
