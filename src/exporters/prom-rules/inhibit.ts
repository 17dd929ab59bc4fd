import { basename } from 'node:path';
import type { LoadedRule } from '../../rules/load.ts';
import type { DependsOn } from '../../rules/schema.ts';
import { amMatchers } from './promql.ts';

/** One Alertmanager `inhibit_rules` entry. */
export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal?: string[];
}

/**
 * Rule dependencies as Alertmanager inhibitions: Prometheus cannot suppress an alert, Alertmanager can
 * mute the child while the parent fires. Returns the inhibitions and a note for what they lose.
 */
export function dependencyInhibitions(rules: readonly LoadedRule[], globalDeps: readonly DependsOn[], exported: ReadonlySet<string>): { rules: InhibitRule[]; notes: string[] } {
  const out: InhibitRule[] = [];
  const notes: string[] = [];
  const one = (d: DependsOn, target: string[], where: string): void => {
    if (d.rule !== undefined && !exported.has(d.rule)) {
      notes.push(`${where}: depends on ${d.rule}, which is not exported: no inhibition`);
      return;
    }
    const renamed = Object.entries(d.labels).filter(([child, parent]) => child !== parent);
    if (renamed.length > 0) {
      notes.push(`${where}: Alertmanager's "equal" needs the same label name on both alerts; ${renamed.map(([c, p]) => `${c} = parent's ${p}`).join(', ')} is left out, so the inhibition is broader`);
    }
    const equal = Object.entries(d.labels).filter(([child, parent]) => child === parent).map(([l]) => l);
    out.push({
      source_matchers: [...(d.rule === undefined ? [] : [`alertname=${JSON.stringify(d.rule)}`]), ...amMatchers(d.match)],
      target_matchers: target,
      ...(equal.length > 0 ? { equal } : {}),
    });
  };
  for (const r of rules) {
    if (!exported.has(r.spec.id)) continue;
    for (const d of r.spec.depends_on) one(d, [`alertname=${JSON.stringify(r.spec.id)}`], `${r.spec.id} (${basename(r.file)})`);
  }
  for (const d of globalDeps) one(d, ['alertname=~".+"'], 'rules.depends_on');
  return { rules: out, notes };
}
