import { ReduceDataOptionsBuilder, TableSortByFieldStateBuilder, VizOrientation } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as BarGaugePanel } from '@grafana/grafana-foundation-sdk/bargauge';
import { DashboardBuilder, DatasourceVariableBuilder, QueryVariableBuilder, RowBuilder, VariableRefresh } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import type { Lang, Localized } from '../../src/text/lang.ts';
import { SCHEDULER, SLA } from '../../src/metrics/names.ts';

/** One dashboard, in one language: what `npm run dashboards` writes to dashboards/<lang>/<uid>.json. */
export interface DashboardSpec {
  uid: string;
  build(lang: Lang): DashboardBuilder;
}

/** A Prometheus query of a panel, with its legend. */
export interface Query {
  expr: string;
  legend?: string;
}

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/**
 * The label selector every panel applies: the dashboard's site, agency and service variables.
 * "All" is `.*`, which also matches series without the label (a target with no agency).
 */
export function sel(...extra: string[]): string {
  return `{${['site=~"$site"', 'agency=~"$agency"', 'service=~"$service"', ...extra].join(',')}}`;
}

/** A metric name with the dashboard's selector (and any extra matchers). */
export const m = (metric: { name: string }, ...extra: string[]): string => `${metric.name}${sel(...extra)}`;

/**
 * The selector of SLA and per-service series: agency and service only (they carry the SLA config's
 * agency and service ids, and no site).
 */
export const slaSel = (...extra: string[]): string => `{${['agency=~"$agency"', 'service=~"$service"', ...extra].join(',')}}`;

/** An SLA series with the agency and service selector. */
export const ms = (metric: { name: string }, ...extra: string[]): string => `${metric.name}${slaSel(...extra)}`;

/** `expr` (summed by level) with a 0 for each incident level 1–4 it lacks, so the four levels always show. */
export const perLevel = (expr: string): string =>
  [`sum by (level) (${expr})`, ...[1, 2, 3, 4].map((l) => `label_replace(vector(0), "level", "${l}", "", "")`)].join(' or ');

/** Agencies and services come from target labels and from the SLA config's ids (on the SLA series). */
const TARGETS_AND_SLA = `{__name__=~"${SCHEDULER.up.name}|${SLA.target.name}"}`;

/** A dashboard with the datasource, site, agency and service variables, titled in `lang`. */
export function dashboard(uid: string, title: Localized, lang: Lang, tags: string[]): DashboardBuilder {
  const variable = (name: string, label: Localized, series: string = SCHEDULER.up.name) =>
    new QueryVariableBuilder(name)
      .label(label[lang])
      .query(`label_values(${series}, ${name})`)
      .datasource(DATASOURCE)
      .multi(true)
      .includeAll(true)
      .allValue('.*')
      .refresh(VariableRefresh.OnTimeRangeChanged);
  return new DashboardBuilder(title[lang])
    .uid(lang === 'zh-CN' ? uid : `${uid}-en`)
    .tags(['slaguard', ...tags])
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('browser')
    .withVariable(new DatasourceVariableBuilder('datasource').label(lang === 'zh-CN' ? '数据源' : 'Data source').type('prometheus'))
    .withVariable(variable('site', { 'zh-CN': '站点', en: 'Site' }))
    .withVariable(variable('agency', { 'zh-CN': '委办局', en: 'Agency' }, TARGETS_AND_SLA))
    .withVariable(variable('service', { 'zh-CN': '服务', en: 'Service' }, TARGETS_AND_SLA));
}

export const row = (title: Localized, lang: Lang) => new RowBuilder(title[lang]);

const targets = (queries: readonly Query[]) =>
  queries.map((q, i) => {
    const b = new DataqueryBuilder().expr(q.expr).refId(String.fromCharCode(65 + i)).datasource(DATASOURCE);
    return q.legend ? b.legendFormat(q.legend) : b;
  });

/** A time series panel. `unit` is a Grafana unit id (percentunit, s, bytes, bps, volt, celsius...). */
export function timeseries(title: Localized, lang: Lang, queries: readonly Query[], unit: string, width = 12): TimeseriesPanel {
  let p = new TimeseriesPanel().title(title[lang]).unit(unit).datasource(DATASOURCE).span(width).height(8);
  for (const t of targets(queries)) p = p.withTarget(t);
  return p;
}

/** A single-number panel (the last value of each query). */
export function stat(title: Localized, lang: Lang, queries: readonly Query[], unit: string, width = 6): StatPanel {
  let p = new StatPanel().title(title[lang]).unit(unit).datasource(DATASOURCE).span(width).height(5);
  for (const t of targets(queries)) p = p.withTarget(t);
  return p;
}

/** A table of the current values of each query (instant queries). */
export function table(title: Localized, lang: Lang, queries: readonly Query[], width = 12): TablePanel {
  let p = new TablePanel().title(title[lang]).datasource(DATASOURCE).span(width).height(8);
  for (const t of targets(queries)) p = p.withTarget(t.instant().format(PromQueryFormat.Table));
  return p;
}

/** Horizontal bars of the last value of each series, in query order (sort the query for worst first). */
export function bargauge(title: Localized, lang: Lang, queries: readonly Query[], unit: string, width = 12): BarGaugePanel {
  let p = new BarGaugePanel().title(title[lang]).unit(unit).datasource(DATASOURCE).span(width).height(8)
    .orientation(VizOrientation.Horizontal)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  for (const t of targets(queries)) p = p.withTarget(t.instant());
  return p;
}

/** A column of a merged table: its query and its heading. */
export interface Column {
  expr: string;
  name: Localized;
}

/**
 * One table row per series label set, one column per query (instant queries merged by their labels),
 * sorted by the first column ascending (worst first for availability and budgets).
 */
export function mergedTable(title: Localized, lang: Lang, columns: readonly Column[], unit: string, width = 12): TablePanel {
  const names = Object.fromEntries(columns.map((c, i) => [`Value #${String.fromCharCode(65 + i)}`, c.name[lang]]));
  let p = new TablePanel().title(title[lang]).datasource(DATASOURCE).span(width).height(8).unit(unit)
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true, __name__: true }, renameByName: names } })
    .sortBy([new TableSortByFieldStateBuilder().displayName(columns[0]!.name[lang]).desc(false)]);
  for (const t of targets(columns.map((c) => ({ expr: c.expr })))) p = p.withTarget(t.instant().format(PromQueryFormat.Table));
  return p;
}
