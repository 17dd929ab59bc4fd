import { describe, expect, it } from 'vitest';
import type { Alert } from '../rules/types.ts';
import { toAlertPayload } from './alert-payload.ts';

const alert: Alert = {
  fingerprint: '0123456789abcdef', rule: 'ups-on-battery', severity: 'critical',
  labels: { alertname: 'UpsOnBattery', severity: 'critical', target: 'ups-1', site: '主机房' },
  summary: { 'zh-CN': 'UPS ups-1 电池供电', en: 'UPS ups-1 on battery' },
  description: { 'zh-CN': '市电中断', en: 'mains lost' },
  state: 'firing', value: 1, activeAt: Date.UTC(2026, 10, 1, 0, 0, 0), firedAt: Date.UTC(2026, 10, 1, 0, 1, 0), resolvedAt: undefined,
  suppressedBy: undefined, flapping: false,
};

describe('toAlertPayload', () => {
  it('carries labels, texts in the language asked for, and the firing time', () => {
    expect(toAlertPayload(alert, { lang: 'zh-CN', generatorURL: 'http://slaguard:9464/' })).toEqual({
      fingerprint: '0123456789abcdef', status: 'firing', labels: alert.labels,
      annotations: { summary: 'UPS ups-1 电池供电', description: '市电中断', value: '1' },
      startsAt: '2026-11-01T00:01:00.000Z', generatorURL: 'http://slaguard:9464/',
    });
  });

  it('a resolved alert ends when it resolved', () => {
    const p = toAlertPayload({ ...alert, state: 'resolved', resolvedAt: Date.UTC(2026, 10, 1, 0, 9, 0) }, { lang: 'en' });
    expect(p).toMatchObject({ status: 'resolved', endsAt: '2026-11-01T00:09:00.000Z', annotations: { summary: 'UPS ups-1 on battery' } });
  });
});
