import type { Lang } from './lang.ts';

/** Texts of alerting: notifications, the acknowledge page and the status page's alert section. */
export const ALERT_TEXTS = {
  'zh-CN': {
    level: ['', '一级', '二级', '三级', '四级'] as const,
    levelAlert: (level: string) => `【${level}告警】`,
    resolved: '【已恢复】',
    escalation: (level: string, n: number) => `【${level}告警·第${n}次升级】`,
    more: (n: number) => `等 ${n} 条`,
    unlisted: (n: number, firing: number, resolved: number) => `……另有 ${n} 条告警未逐条列出（告警中 ${firing} 条，已恢复 ${resolved} 条），完整列表见告警页面。`,
    unacknowledged: (minutes: number) => `已 ${minutes} 分钟未确认`,
    colon: '：', firingSince: '开始时间', resolvedAt: '恢复时间', value: '当前值', labels: '标签', incident: '事件',
    ackLink: '确认链接',
    ackTitle: '确认告警事件', ackConfirm: '确认', ackName: '确认人', ackDone: (id: string, by: string) => `事件 ${id} 已由 ${by} 确认。`,
    ackAlready: (id: string, by: string) => `事件 ${id} 此前已由 ${by} 确认。`,
    ackExpired: '确认链接已过期。', ackInvalid: '确认链接无效。', ackUnknown: '没有这个事件。',
    sectionAlerts: '正在告警', sectionIncidents: '事件', sectionMaintenance: '维护窗口', sectionTraps: '最近的 Trap',
    noAlerts: '没有正在告警的项目。', noIncidents: '没有未关闭的事件。', noMaintenance: '没有进行中的维护窗口。', noTraps: '没有收到 Trap。',
    inMaintenance: '维护中', flapping: '抖动', suppressed: '已抑制', acknowledged: '已确认', restored: '已恢复',
    acknowledge: '确认', tokenPrompt: '请输入运维令牌（仅保存在本页会话中）：',
    alert: '告警', opened: '开始', age: '持续', state: '状态', ticket: '变更单', until: '结束', scope: '范围', at: '时间', summary: '摘要', target: '对象',
  },
  en: {
    level: ['', 'Level 1', 'Level 2', 'Level 3', 'Level 4'] as const,
    levelAlert: (level: string) => `[${level} alert] `,
    resolved: '[Resolved] ',
    escalation: (level: string, n: number) => `[${level} alert, escalation ${n}] `,
    more: (n: number) => `and ${n} more`,
    unlisted: (n: number, firing: number, resolved: number) => `… and ${n} more alerts not listed here (${firing} firing, ${resolved} resolved); the alerts page lists them all.`,
    unacknowledged: (minutes: number) => `unacknowledged for ${minutes} min`,
    colon: ': ', firingSince: 'Firing since', resolvedAt: 'Resolved at', value: 'Value', labels: 'Labels', incident: 'Incident',
    ackLink: 'Acknowledge',
    ackTitle: 'Acknowledge incident', ackConfirm: 'Acknowledge', ackName: 'Your name', ackDone: (id: string, by: string) => `Incident ${id} acknowledged by ${by}.`,
    ackAlready: (id: string, by: string) => `Incident ${id} was already acknowledged by ${by}.`,
    ackExpired: 'This acknowledge link has expired.', ackInvalid: 'This acknowledge link is not valid.', ackUnknown: 'No such incident.',
    sectionAlerts: 'Firing alerts', sectionIncidents: 'Incidents', sectionMaintenance: 'Maintenance windows', sectionTraps: 'Latest traps',
    noAlerts: 'No alerts firing.', noIncidents: 'No open incidents.', noMaintenance: 'No maintenance window in progress.', noTraps: 'No traps received.',
    inMaintenance: 'in maintenance', flapping: 'flapping', suppressed: 'suppressed', acknowledged: 'acknowledged', restored: 'restored',
    acknowledge: 'Acknowledge', tokenPrompt: 'Operator token (kept only for this browser session):',
    alert: 'Alert', opened: 'Opened', age: 'Age', state: 'State', ticket: 'Ticket', until: 'Until', scope: 'Scope', at: 'Time', summary: 'Summary', target: 'Target',
  },
} as const;

export type AlertTexts = (typeof ALERT_TEXTS)[Lang];

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
