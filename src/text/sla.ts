import type { Localized } from './lang.ts';

const t = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

/** Texts of the SLA engine and the CSV report header (issue 8), Chinese and English. */
export const REPORT_TEXT = {
  csv: {
    agency: t('委办局', 'agency'),
    month: t('月份', 'month'),
    contract_version: t('合同版本', 'contract version'),
    service: t('服务', 'service'),
    category: t('服务类别', 'category'),
    target_percent: t('目标可用率(%)', 'target (%)'),
    availability_percent: t('实际可用率(%)', 'availability (%)'),
    met: t('是否达标', 'met'),
    credit_percent: t('服务抵扣(%)', 'credit (%)'),
    scheduled_seconds: t('计划服务时间(秒)', 'scheduled (s)'),
    up_seconds: t('正常(秒)', 'up (s)'),
    down_seconds: t('故障(秒)', 'down (s)'),
    maintenance_seconds: t('计划维护(秒)', 'maintenance (s)'),
    unknown_seconds: t('未知(秒)', 'unknown (s)'),
    unknown_policy: t('未知时间处理', 'unknown policy'),
    coverage_percent: t('监控覆盖率(%)', 'coverage (%)'),
    outages_counted: t('计入故障次数', 'outages counted'),
    incidents: t('事件数', 'incidents'),
    evidence_sha256: t('证据摘要(SHA-256)', 'evidence SHA-256'),
  },
} as const;
