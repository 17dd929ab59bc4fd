import type { Lang } from './lang.ts';

/** Texts of the monthly SLA report (HTML, PDF, e-mail) and the status page's SLA view. */
export const REPORT_TEXT = {
  'zh-CN': {
    title: '服务水平（SLA）月度报告',
    agency: '委办局', period: '统计周期', timezone: '时区', contractVersion: '合同版本', evidence: '证据文件 SHA-256',
    generated: '生成依据：GB/T 34078.4-2021 第 5.2 条服务合同',
    summary: '总体结论', service: '服务', category: '类别', target: '目标', availability: '可用率', met: '是否达标',
    credit: '服务抵扣', coverage: '监控覆盖率', kept: '达标', broken: '未达标', notMeasurable: '无法计算',
    allKept: (n: number) => `本月全部 ${n} 项服务均达到合同约定的可用率。`,
    someBroken: (broken: number, n: number) => `本月 ${n} 项服务中有 ${broken} 项未达到合同约定的可用率。`,
    creditsOwed: '应予抵扣', noCredits: '本月无服务抵扣。',
    scheduled: '计划服务时间', up: '正常', down: '中断', maintenance: '维护（已排除）', unknown: '未知', unknownPolicy: '未知时间处理',
    policy: { exclude: '不计入', up: '计为正常', down: '计为中断' },
    seconds: '秒', figure: '时长（时:分:秒）', exact: '精确秒数',
    daily: '每日可用情况', timeline: '本月中断时间线',
    outages: '中断记录', start: '开始', end: '结束', duration: '时长', counted: '是否计入', cause: '原因',
    countedYes: '计入', countedNo: '不计入（短于最短中断时长）', noOutages: '本月无中断。',
    maintenanceTitle: '已排除的维护', ticket: '工单', approvedBy: '审批人', noMaintenance: '本月无维护。',
    incidents: '事件响应', incident: '事件', level: '级别', ack: '响应用时', restore: '恢复用时', ackMet: '响应达标', restoreMet: '恢复达标',
    never: '未发生', noIncidents: '本月无事件。', share: (met: number, n: number) => `${met}/${n}`,
    yes: '是', no: '否', colon: '：',
    signOff: '签字确认', provider: '服务提供方', customer: '委办局', signature: '签字', seal: '盖章', date: '日期',
    utilisation: '资源使用情况', server: '服务器', cpu: 'CPU', memory: '内存', storage: '存储', peak: '峰值', average: '平均',
    idle: '闲置', samples: '样本数', noServers: '本月没有该委办局服务器的资源数据。',
    idleRule: (avg: number, peak: number) => `闲置判定：当月 CPU 平均使用率低于 ${avg}% 且峰值低于 ${peak}%。`,
    legendUp: '正常', legendDown: '中断', legendMaintenance: '维护', legendUnknown: '未知', legendNotCounted: '不计入的中断',
    page: (n: number, total: number) => `第 ${n} 页，共 ${total} 页`,
    slaView: 'SLA（本月至今）', budgetLeft: '剩余可中断时间', overBudget: '已超出',
    mailSubject: (agency: string, month: string) => `${agency} ${month} 服务水平月度报告`,
    mailBody: (agency: string, month: string, files: string) => `${agency}：\n\n附件为 ${month} 的服务水平（SLA）月度报告：${files}。\n报告中的每个数字都可由所附证据摘要复核。\n\nslaguard`,
  },
  en: {
    title: 'Monthly Service Level (SLA) Report',
    agency: 'Agency', period: 'Period', timezone: 'Time zone', contractVersion: 'Contract version', evidence: 'Evidence SHA-256',
    generated: 'Under the service contract of GB/T 34078.4-2021 clause 5.2',
    summary: 'Summary', service: 'Service', category: 'Category', target: 'Target', availability: 'Availability', met: 'Met',
    credit: 'Credit', coverage: 'Monitoring coverage', kept: 'met', broken: 'not met', notMeasurable: 'not measurable',
    allKept: (n: number) => `All ${n} services met their contracted availability this month.`,
    someBroken: (broken: number, n: number) => `${broken} of ${n} services did not meet their contracted availability this month.`,
    creditsOwed: 'Credits owed', noCredits: 'No credits are owed this month.',
    scheduled: 'Scheduled', up: 'Up', down: 'Down', maintenance: 'Maintenance (excluded)', unknown: 'Unknown', unknownPolicy: 'Unknown time counted as',
    policy: { exclude: 'excluded', up: 'up', down: 'down' },
    seconds: 's', figure: 'Duration (h:mm:ss)', exact: 'Exact seconds',
    daily: 'Daily availability', timeline: 'Outages this month',
    outages: 'Outages', start: 'Start', end: 'End', duration: 'Duration', counted: 'Counted', cause: 'Cause',
    countedYes: 'yes', countedNo: 'no (shorter than the minimum outage)', noOutages: 'No outages this month.',
    maintenanceTitle: 'Maintenance excluded', ticket: 'Ticket', approvedBy: 'Approved by', noMaintenance: 'No maintenance this month.',
    incidents: 'Incident response', incident: 'Incident', level: 'Level', ack: 'Time to acknowledge', restore: 'Time to restore', ackMet: 'Ack met', restoreMet: 'Restore met',
    never: 'never', noIncidents: 'No incidents this month.', share: (met: number, n: number) => `${met}/${n}`,
    yes: 'yes', no: 'no', colon: ': ',
    signOff: 'Sign-off', provider: 'Service provider', customer: 'Agency', signature: 'Signature', seal: 'Seal', date: 'Date',
    utilisation: 'Resource utilisation', server: 'Server', cpu: 'CPU', memory: 'Memory', storage: 'Storage', peak: 'peak', average: 'avg',
    idle: 'Idle', samples: 'Samples', noServers: 'No resource data for this agency\'s servers this month.',
    idleRule: (avg: number, peak: number) => `Idle: average CPU utilisation below ${avg}% and peak below ${peak}% over the month.`,
    legendUp: 'up', legendDown: 'down', legendMaintenance: 'maintenance', legendUnknown: 'unknown', legendNotCounted: 'outage not counted',
    page: (n: number, total: number) => `Page ${n} of ${total}`,
    slaView: 'SLA (month to date)', budgetLeft: 'Downtime budget left', overBudget: 'over by',
    mailSubject: (agency: string, month: string) => `${agency}: SLA report for ${month}`,
    mailBody: (agency: string, month: string, files: string) => `${agency},\n\nattached is the monthly SLA report for ${month}: ${files}.\nEvery figure can be recomputed from the evidence digest it names.\n\nslaguard`,
  },
} as const;

/** The report texts of one language. */
export type ReportText = (typeof REPORT_TEXT)[Lang];

/** Category names (DESIGN.md's six service categories). */
export const CATEGORY_TEXT: Record<Lang, Record<string, string>> = {
  'zh-CN': { infrastructure: '基础设施', 'support-software': '支撑软件', application: '应用', 'information-resource': '信息资源', security: '安全', operations: '运维' },
  en: { infrastructure: 'infrastructure', 'support-software': 'support software', application: 'application', 'information-resource': 'information resource', security: 'security', operations: 'operations' },
};
