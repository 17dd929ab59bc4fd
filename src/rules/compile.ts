import { compileMatchers, type LabelPredicate } from '../state/matchers.ts';
import type { LoadedRule } from './load.ts';
import type { DependsOn, Flapping, RuleSettings, RuleSpec } from './schema.ts';

/** A dependency ready to test: child label → parent label pairs and a predicate on the parent's labels. */
export interface CompiledDependency {
  readonly rule: string | undefined;
  readonly labels: ReadonlyArray<readonly [string, string]>;
  readonly match: LabelPredicate;
}

/** A rule as the engine runs it. */
export interface RuleRuntime {
  readonly id: string;
  readonly spec: RuleSpec;
  readonly hash: string;
  /** Matchers over the series' (or target's) labels. */
  readonly match: LabelPredicate;
  readonly forMs: number;
  readonly keepFiringMs: number;
  readonly flapping: Flapping;
  readonly deps: readonly CompiledDependency[];
}

const compileDependency = (d: DependsOn): CompiledDependency => ({ rule: d.rule, labels: Object.entries(d.labels), match: compileMatchers(d.match) });

/** Compiles loaded rules with the engine settings (default flapping, dependencies every rule has). */
export function compileRules(rules: readonly LoadedRule[], settings: RuleSettings): RuleRuntime[] {
  const globalDeps = settings.depends_on.map(compileDependency);
  return rules.map(({ spec, hash }) => ({
    id: spec.id,
    spec,
    hash,
    match: compileMatchers('match' in spec ? spec.match : []),
    forMs: spec.kind === 'absent' ? 0 : spec.for,
    keepFiringMs: spec.keep_firing_for,
    flapping: spec.flapping ?? settings.flapping,
    deps: [...spec.depends_on.map(compileDependency), ...globalDeps],
  }));
}
