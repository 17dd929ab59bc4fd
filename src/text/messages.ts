import type { Lang } from './lang.ts';

export type { Lang } from './lang.ts';
export { pickLang } from './lang.ts';

/** Texts of the status page. Other parts keep their tables beside this one in src/text/. */
export const MESSAGES = {
  'zh-CN': {
    title: 'slaguard 运行状态',
    up: '正常', down: '故障', unknown: '未知',
    target: '监控对象', kind: '类型', status: '状态', lastPoll: '最近采集', values: '关键指标', reason: '原因',
    noSite: '未分组', never: '尚未采集', secondsAgo: '秒前', minutesAgo: '分钟前', hoursAgo: '小时前',
    summary: (up: number, down: number, unknown: number) => `正常 ${up} · 故障 ${down} · 未知 ${unknown}`,
    updated: '更新于', days: '天', noTargets: '没有配置监控对象。', yes: '是', no: '否',
    switchLang: 'English',
  },
  en: {
    title: 'slaguard status',
    up: 'UP', down: 'DOWN', unknown: 'UNKNOWN',
    target: 'Target', kind: 'Kind', status: 'Status', lastPoll: 'Last poll', values: 'Key values', reason: 'Reason',
    noSite: 'No site', never: 'not polled yet', secondsAgo: 's ago', minutesAgo: 'min ago', hoursAgo: 'h ago',
    summary: (up: number, down: number, unknown: number) => `${up} up · ${down} down · ${unknown} unknown`,
    updated: 'Updated', days: 'd', noTargets: 'No targets configured.', yes: 'yes', no: 'no',
    switchLang: '中文',
  },
} as const;

export type Messages = (typeof MESSAGES)[Lang];
