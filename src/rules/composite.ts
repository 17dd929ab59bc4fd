import type { AlertTable } from './alert-table.ts';
import type { RuleRuntime } from './compile.ts';

/**
 * Composite rules (all / any of other rules, joined on labels) follow their children: evaluated
 * after every batch in which a child changed, repeated while composites feed other composites.
 */
export function evaluateComposites(rules: readonly RuleRuntime[], table: AlertTable, now: number): void {
  const composites = rules.filter((r) => r.spec.kind === 'composite');
  if (composites.length === 0) return;
  const done = new Set<RuleRuntime>();
  for (let round = 0; round <= composites.length; round++) {
    const due = composites.filter((r) => !done.has(r) && children(r).some((c) => table.changedRules.has(c)));
    if (due.length === 0) return;
    for (const rule of due) {
      done.add(rule);
      evaluateOne(rule, table, now);
    }
  }
}

function children(rule: RuleRuntime): string[] {
  return rule.spec.kind === 'composite' ? (rule.spec.all ?? rule.spec.any ?? []) : [];
}

function evaluateOne(rule: RuleRuntime, table: AlertTable, now: number): void {
  if (rule.spec.kind !== 'composite') return;
  const on = rule.spec.on;
  const kids = children(rule);
  const groups = new Map<string, { labels: Record<string, string>; count: number; value: number | undefined }>();
  for (const child of kids) {
    const seen = new Set<string>();
    for (const t of table.ofRule(child)) {
      if (t.alert.state !== 'firing') continue;
      const labels = Object.fromEntries(on.map((l) => [l, t.alert.labels[l] ?? '']));
      const key = JSON.stringify(labels);
      if (seen.has(key)) continue;
      seen.add(key);
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { labels, count: 1, value: t.alert.value });
    }
  }
  const need = rule.spec.all ? kids.length : 1;
  const breaking = new Set<string>();
  for (const g of groups.values()) {
    if (g.count < need) continue;
    const labels = { ...g.labels, ...rule.spec.labels, alertname: rule.id, severity: rule.spec.severity };
    const key = table.key(rule.id, labels);
    breaking.add(key);
    table.observe(rule, labels, g.labels.target ?? '', true, g.value, now, { key });
  }
  for (const t of [...table.ofRule(rule.id)]) if (!breaking.has(t.key)) table.observe(rule, t.alert.labels, t.target, false, undefined, now, { key: t.key });
}
