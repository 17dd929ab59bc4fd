import type { Lang } from './lang.ts';

/** Texts shown while slaguard starts. */
export const STARTUP_TEXT = {
  'zh-CN': { loading: '正在读取并检查配置中的监控对象，稍后即显示。' },
  en: { loading: 'Reading and checking the configured targets; they appear here shortly.' },
} as const satisfies Record<Lang, unknown>;
