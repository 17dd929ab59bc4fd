import type { Lang } from './lang.ts';

/** Texts of the status page's fleet summary, filters and pages (large fleets). */
export const FLEET_TEXT = {
  'zh-CN': {
    bySite: '按站点', site: '站点', total: '合计',
    filters: { problems: '故障与未知', down: '故障', unknown: '未知', up: '正常', all: '全部' },
    search: '搜索名称、站点或类型', go: '查询',
    showing: (shown: number, matching: number, page: number, pages: number) => `显示 ${shown} / ${matching} 个（第 ${page} / ${pages} 页）`,
    previous: '上一页', next: '下一页', noMatch: '没有符合条件的监控对象。',
  },
  en: {
    bySite: 'By site', site: 'Site', total: 'Total',
    filters: { problems: 'down and unknown', down: 'down', unknown: 'unknown', up: 'up', all: 'all' },
    search: 'name, site or kind', go: 'Search',
    showing: (shown: number, matching: number, page: number, pages: number) => `showing ${shown} of ${matching} (page ${page} of ${pages})`,
    previous: 'previous', next: 'next', noMatch: 'No target matches.',
  },
} as const satisfies Record<Lang, unknown>;
