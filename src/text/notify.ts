import type { Lang } from './lang.ts';

const TEXTS = {
  'zh-CN': { acknowledge: '确认告警', notificationFrom: 'slaguard 监控通知' },
  en: { acknowledge: 'Acknowledge', notificationFrom: 'slaguard notification' },
} as const;

/** Fixed words notification channels add around a rendered message, in zh-CN and English. */
export function notifyText(lang: Lang): (typeof TEXTS)[Lang] {
  return TEXTS[lang];
}
