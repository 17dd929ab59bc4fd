import { stringify } from 'yaml';
import type { InhibitRule } from './inhibit.ts';
import type { RuleGroup } from './sla-rules.ts';

/** A Prometheus rule file: a header saying where it came from, then the groups. */
export function renderRuleFile(groups: readonly RuleGroup[], header: readonly string[]): string {
  const comments = header.map((line) => `# ${line}`).join('\n');
  return `${comments}\n${stringify({ groups }, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/** An Alertmanager snippet: a header, then `inhibit_rules:` to merge into alertmanager.yml. */
export function renderInhibitFile(rules: readonly InhibitRule[], header: readonly string[]): string {
  const comments = header.map((line) => `# ${line}`).join('\n');
  return `${comments}\n${stringify({ inhibit_rules: rules }, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
