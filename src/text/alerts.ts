import type { Lang } from './lang.ts';

/** Words rule templates and the alerts API print, in both languages. */
export const ALERT_TEXT = {
  'zh-CN': {
    units: { d: '天', h: '小时', m: '分钟', s: '秒' },
    noValue: '无',
    states: { pending: '待定', firing: '告警中', resolved: '已恢复' },
    severities: { critical: '严重', warning: '警告', info: '提示' },
    suppressed: '已抑制',
    flapping: '抖动',
  },
  en: {
    units: { d: 'd', h: 'h', m: 'min', s: 's' },
    noValue: 'n/a',
    states: { pending: 'pending', firing: 'firing', resolved: 'resolved' },
    severities: { critical: 'critical', warning: 'warning', info: 'info' },
    suppressed: 'suppressed',
    flapping: 'flapping',
  },
} as const satisfies Record<Lang, unknown>;
