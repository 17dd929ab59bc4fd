import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Document } from 'yaml';
import { profileMetricNames } from '../../collectors/index.ts';
import { fastYaml } from '../config/fast-yaml.ts';
import { atPath, formatPath, locateIssue, parseLocated, toPlainLocated, type At } from '../config/locate.ts';
import { MAX_MAIN_CONFIG_BYTES, readRegularFile } from '../config/read-file.ts';
import type { ConfigProblem } from '../errors.ts';
import { METRIC_DEFS } from '../metrics/names.ts';
import { expandGlob } from './glob.ts';
import { rulePackSchema, ruleSchema, type RuleSpec } from './schema.ts';
import { checkTemplate } from './template.ts';

/** The pack that loads when the config names no `rule_files`. */
export const DEFAULT_PACK = fileURLToPath(new URL('../../rules/default.yaml', import.meta.url));

/** A checked rule, with where it came from and a hash of its definition (unchanged rules keep their alerts on reload). */
export interface LoadedRule {
  readonly spec: RuleSpec;
  readonly file: string;
  readonly hash: string;
}

/** Every metric a rule may reference: slaguard's own (names.ts) and those SNMP profiles declare. */
export function knownMetricNames(): ReadonlySet<string> {
  return new Set([...METRIC_DEFS.keys(), ...profileMetricNames()]);
}

/** The question a rule pack's check asks of the metric names. */
export type MetricNames = Pick<ReadonlySet<string>, 'has'>;

let profileNames: ReadonlySet<string> | undefined;
/** As `knownMetricNames`, reading the SNMP profiles only for a name that names.ts does not define. */
const knownMetric: MetricNames = { has: (name) => METRIC_DEFS.has(name) || (profileNames ??= profileMetricNames()).has(name) };

interface Where { doc: Document; at: At }
interface Located { spec: RuleSpec; file: string; where: () => Where; index: number }

/**
 * Loads rule packs: parse, check (schema, metric names, templates, ids, references), nothing run.
 * `patterns` are globs relative to `baseDir`; a glob matching no file is reported through `locatePattern`.
 */
export function loadRulePacks(
  patterns: readonly string[] | undefined,
  baseDir: string,
  locatePattern: (index: number, message: string) => ConfigProblem = (_i, message) => ({ file: baseDir, line: 1, col: 1, message }),
  known: MetricNames = knownMetric,
): { rules: LoadedRule[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const files: string[] = [];
  if (patterns === undefined) files.push(DEFAULT_PACK);
  else {
    patterns.forEach((pattern, i) => {
      const found = expandGlob(pattern, baseDir);
      if (found.length === 0) problems.push(locatePattern(i, `rule_files[${i}]: "${pattern}" matches no file`));
      for (const f of found) if (!files.includes(f)) files.push(f);
    });
  }
  const located: Located[] = [];
  for (const file of files) located.push(...parsePack(file, known, problems));
  problems.push(...crossChecks(located));
  const order = new Map(files.map((f, i) => [f, i]));
  problems.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line || a.col - b.col);
  const rules = located.map(({ spec, file }) => ({ spec, file, hash: createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16) }));
  return { rules, problems };
}

function parsePack(file: string, known: MetricNames, problems: ConfigProblem[]): Located[] {
  let text: string;
  try {
    text = readRegularFile(file, MAX_MAIN_CONFIG_BYTES);
  } catch (err) {
    problems.push({ file, line: 1, col: 1, message: `cannot read rule file: ${(err as Error).message}` });
    return [];
  }
  const fast = fastYaml(text);
  if (fast !== undefined) {
    let where: Where | undefined;
    const trial: ConfigProblem[] = [];
    const out = checkPack(file, fast.value ?? {}, () => (where ??= parseLocated(text, file)), known, trial);
    if (trial.length === 0) return out;
  }
  const parsed = parseLocated(text, file);
  if (parsed.problems.length > 0) {
    problems.push(...parsed.problems);
    return [];
  }
  const raw = packToJS(parsed.doc, parsed.at, problems);
  if (raw === undefined) return [];
  return checkPack(file, raw, () => parsed, known, problems);
}

/** Checks one parsed pack; `where` gives the located document, read only to place a problem. */
function checkPack(file: string, raw: unknown, where: () => Where, known: MetricNames, problems: ConfigProblem[]): Located[] {
  const shape = rulePackSchema.safeParse({ ...(raw as object), rules: [] });
  if (!shape.success) problems.push(...shape.error.issues.flatMap((issue) => locateIssue(where().doc, issue, where().at)));
  const list: unknown[] = Array.isArray((raw as { rules?: unknown }).rules) ? (raw as { rules: unknown[] }).rules : [];
  if (!Array.isArray((raw as { rules?: unknown }).rules) && (raw as { rules?: unknown }).rules !== undefined) problems.push(atPath(where().doc, ['rules'], where().at, 'rules: expected a list of rules'));
  const out: Located[] = [];
  list.forEach((item, index) => {
    const here = (path: Array<string | number>, message: string) => problems.push(atPath(where().doc, ['rules', index, ...path], where().at, `${formatPath(['rules', index, ...path])}: ${message}`));
    const r = (item ?? {}) as { metric?: unknown; per_speed?: { metric?: unknown }; when?: { metric?: unknown }; summary?: Record<string, unknown>; description?: Record<string, unknown> };
    const metrics: Array<[Array<string | number>, unknown]> = [[['metric'], r.metric], [['per_speed', 'metric'], r.per_speed?.metric], [['when', 'metric'], r.when?.metric]];
    for (const [path, name] of metrics) {
      if (typeof name === 'string' && !known.has(name)) here(path, `unknown metric "${name}" (not in src/metrics/names.ts nor declared by an SNMP profile)`);
    }
    for (const field of ['summary', 'description'] as const) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = r[field]?.[lang];
        if (typeof text === 'string') for (const p of checkTemplate(text)) here([field, lang], p);
      }
    }
    const result = ruleSchema.safeParse(item);
    if (!result.success) {
      problems.push(...result.error.issues.flatMap((issue) => locateIssue(where().doc, { ...issue, path: ['rules', index, ...issue.path] } as typeof issue, where().at)));
      return;
    }
    const spec = result.data;
    out.push({ spec, file, where, index });
  });
  return out;
}

function crossChecks(rules: readonly Located[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byId = new Map<string, Located>();
  const here = (r: Located, path: Array<string | number>, message: string) =>
    problems.push(atPath(r.where().doc, ['rules', r.index, ...path], r.where().at, `${formatPath(['rules', r.index, ...path])}: ${message}`));
  for (const r of rules) {
    const first = byId.get(r.spec.id);
    if (first) here(r, ['id'], `duplicate rule id "${r.spec.id}" (first at ${first.file === r.file ? '' : `${first.file} `}${formatPath(['rules', first.index])})`);
    else byId.set(r.spec.id, r);
  }
  for (const r of rules) {
    r.spec.depends_on.forEach((d, i) => {
      if (d.rule !== undefined && !byId.has(d.rule)) here(r, ['depends_on', i, 'rule'], `no rule "${d.rule}" is loaded`);
    });
    if (r.spec.kind === 'composite') {
      const field = r.spec.all ? 'all' : 'any';
      (r.spec.all ?? r.spec.any ?? []).forEach((child, i) => {
        if (!byId.has(child)) here(r, [field, i], `no rule "${child}" is loaded`);
        else if (child === r.spec.id || reaches(byId, child, r.spec.id)) here(r, [field, i], `"${child}" leads back to "${r.spec.id}" (a cycle)`);
      });
    }
  }
  return problems;
}

function reaches(byId: ReadonlyMap<string, Located>, from: string, to: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const spec = byId.get(from)?.spec;
  if (spec?.kind !== 'composite') return false;
  return (spec.all ?? spec.any ?? []).some((c) => c === to || reaches(byId, c, to, seen));
}

/** The pack as plain data, or undefined (and a located problem) when its aliases expand too far. */
function packToJS(doc: Document, at: At, problems: ConfigProblem[]): unknown {
  const plain = toPlainLocated(doc, at);
  if ('problem' in plain) {
    problems.push(plain.problem);
    return undefined;
  }
  return plain.value ?? {};
}
