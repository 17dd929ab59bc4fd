import { basename, extname } from 'node:path';
import { formatDuration } from '../../config/duration.ts';
import { LABEL, SCHEDULER } from '../../metrics/names.ts';
import type { LoadedRule } from '../../rules/load.ts';
import type { DependsOn, RuleSpec } from '../../rules/schema.ts';
import { dependencyInhibitions, type InhibitRule } from './inhibit.ts';
import { alertsOf, promTemplate, selector } from './promql.ts';
import type { RuleGroup } from './sla-rules.ts';

/** The rule packs as Prometheus sees them: groups, Alertmanager inhibitions, and what did not translate. */
export interface PackExport {
  groups: RuleGroup[];
  inhibitRules: InhibitRule[];
  /** One line per rule that is not exported, or exported with something lost: `RULE (FILE): why`. */
  notes: string[];
  /** Ids of the rules that have no Prometheus alerting rule. */
  untranslated: string[];
}

/** Window of `rate()` and `resets()`: slaguard compares two consecutive polls, Prometheus needs a range. */
export const RATE_WINDOW = '5m';

type Spec<K extends RuleSpec['kind']> = Extract<RuleSpec, { kind: K }>;
interface Translation { expr: string; lost: string[] }

const paren = (s: string) => `(${s})`;

/** The series labels an ALERTS self-reference must ignore: those the rule adds to every alert. */
function ignoredAlertLabels(spec: RuleSpec): string {
  return ['alertname', 'alertstate', 'severity', ...Object.keys(spec.labels)].join(', ');
}

/** `firing or (holding and <this alert is already active>)`: hysteresis through Prometheus' ALERTS series. */
function withHysteresis(spec: RuleSpec, firing: string, holding: string): string {
  return `${paren(firing)} or ${paren(`${paren(holding)} and ignoring(${ignoredAlertLabels(spec)}) ${alertsOf(spec.id)}`)}`;
}

function threshold(spec: Spec<'threshold'>): Translation {
  const lost: string[] = [];
  let n = 1;
  if (spec.relative_to !== undefined) {
    n = spec.relative_to.default;
    lost.push(`levels are relative to the label ${spec.relative_to.label}, which PromQL cannot read as a number: the default ${n} is used for every series`);
  }
  const m = selector(spec.metric, spec.match);
  const lv = (x: number) => String(+(x * n).toPrecision(12));
  let firing: string;
  let holding: string | undefined;
  if (spec.above !== undefined) {
    firing = `${m} > ${lv(spec.above)}`;
    if (typeof spec.clear === 'number') holding = `${m} >= ${lv(spec.clear)}`;
  } else if (spec.below !== undefined) {
    firing = `${m} < ${lv(spec.below)}`;
    if (typeof spec.clear === 'number') holding = `${m} <= ${lv(spec.clear)}`;
  } else {
    const o = spec.outside!;
    firing = `${m} < ${lv(o.low)} or ${m} > ${lv(o.high)}`;
    if (typeof spec.clear === 'object') holding = `${m} < ${lv(spec.clear.low)} or ${m} > ${lv(spec.clear.high)}`;
  }
  let expr = holding === undefined ? firing : withHysteresis(spec, firing, holding);
  if (spec.when !== undefined) expr = `${paren(expr)} and ${spec.when.metric} == ${spec.when.equals}`;
  return { expr, lost };
}

function state(spec: Spec<'state'>): Translation {
  const states = spec.states.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const m = selector(spec.metric, [...spec.match, { label: spec.label, op: '=~', value: states }]);
  return { expr: `max without(${spec.label}) (${m} == 1)`, lost: [] };
}

function rate(spec: Spec<'rate'>): Translation {
  let x = `rate(${selector(spec.metric, spec.match)}[${RATE_WINDOW}])`;
  if (spec.per_speed !== undefined) x = `${x} * ${spec.per_speed.factor} / (${spec.per_speed.metric} > 0)`;
  const expr = spec.above !== undefined ? `${x} > ${spec.above}` : `${x} < ${spec.below}`;
  return { expr, lost: [`the rate is taken over ${RATE_WINDOW}, slaguard's between two consecutive polls`] };
}

function absent(spec: Spec<'absent'>): Translation {
  const up = selector(SCHEDULER.up.name, spec.match);
  return { expr: `${up} unless on(target) ${selector(spec.metric, spec.match)}`, lost: [] };
}

function change(spec: Spec<'change'>): Translation {
  const m = selector(spec.metric, spec.match);
  return { expr: `${m} and resets(${m}[${RATE_WINDOW}]) > 0`, lost: [`the drop stays in resets()' ${RATE_WINDOW} window, so the alert lasts up to ${RATE_WINDOW} longer than resolve_after`] };
}

function targetStatus(spec: Spec<'target_status'>): Translation | string {
  if (!spec.status.includes('down')) return 'status "unknown" (not polled yet, or paused) has no series in Prometheus';
  const lost: string[] = [];
  if (spec.status.includes('unknown')) lost.push('status "unknown" is not covered, only "down"');
  const kinds = spec.kinds === undefined ? [] : [{ label: LABEL.kind, op: '=~' as const, value: spec.kinds.join('|') }];
  return { expr: `${selector(SCHEDULER.up.name, [...spec.match, ...kinds])} == 0`, lost };
}

function composite(spec: Spec<'composite'>, exported: ReadonlySet<string>): Translation | string {
  const parts = spec.all ?? spec.any!;
  const missing = parts.filter((p) => !exported.has(p));
  if (missing.length > 0) return `its part${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not exported`;
  const on = spec.on.join(', ');
  const op = spec.all !== undefined ? 'and' : 'or';
  return { expr: parts.map((p) => `group by(${on}) (${alertsOf(p, 'firing')})`).join(` ${op} on(${on}) `), lost: [] };
}

function translate(spec: RuleSpec, exported: ReadonlySet<string>): Translation | string {
  switch (spec.kind) {
    case 'threshold': return threshold(spec);
    case 'state': return state(spec);
    case 'rate': return rate(spec);
    case 'absent': return absent(spec);
    case 'change': return change(spec);
    case 'target_status': return targetStatus(spec);
    case 'composite': return composite(spec, exported);
    case 'event': return 'an event rule (SNMP trap, log event) fires on events, which are not series: PromQL cannot see them';
  }
}

function alertingRule(spec: RuleSpec, expr: string): Record<string, unknown> {
  const keepFiring = spec.kind === 'change' ? spec.resolve_after : spec.keep_firing_for;
  return {
    alert: spec.id,
    expr,
    ...(spec.for > 0 && spec.kind !== 'change' ? { for: formatDuration(spec.for) } : {}),
    ...(keepFiring > 0 ? { keep_firing_for: formatDuration(keepFiring) } : {}),
    labels: { ...spec.labels, severity: spec.severity },
    annotations: {
      summary: promTemplate(spec.summary['zh-CN']),
      summary_en: promTemplate(spec.summary.en),
      description: promTemplate(spec.description['zh-CN']),
      description_en: promTemplate(spec.description.en),
    },
  };
}

/** Translates every loaded rule into a Prometheus alerting rule, one group per pack file. */
export function packRuleGroups(rules: readonly LoadedRule[], globalDeps: readonly DependsOn[] = []): PackExport {
  const out: PackExport = { groups: [], inhibitRules: [], notes: [], untranslated: [] };
  const exported = new Set<string>();
  const translated = new Map<string, Translation | string>();
  // composites refer to other rules, so they are translated once every plain rule is
  for (const r of [...rules].sort((a, b) => Number(a.spec.kind === 'composite') - Number(b.spec.kind === 'composite'))) {
    const t = translate(r.spec, exported);
    translated.set(r.spec.id, t);
    if (typeof t !== 'string') exported.add(r.spec.id);
  }
  const groups = new Map<string, RuleGroup>();
  for (const r of rules) {
    const where = `${r.spec.id} (${basename(r.file)})`;
    const t = translated.get(r.spec.id)!;
    if (typeof t === 'string') {
      out.untranslated.push(r.spec.id);
      out.notes.push(`${where}: not exported: ${t}`);
      continue;
    }
    const lost = [...t.lost];
    if (r.spec.flapping !== undefined) lost.push('flapping detection has no Prometheus equivalent');
    for (const line of lost) out.notes.push(`${where}: ${line}`);
    const name = `slaguard-${basename(r.file, extname(r.file))}`;
    if (!groups.has(name)) groups.set(name, { name, rules: [] });
    groups.get(name)!.rules.push(alertingRule(r.spec, t.expr));
  }
  out.groups = [...groups.values()];
  const inhibit = dependencyInhibitions(rules, globalDeps, exported);
  out.inhibitRules = inhibit.rules;
  out.notes.push(...inhibit.notes);
  return out;
}
