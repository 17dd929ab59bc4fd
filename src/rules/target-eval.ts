import type { Target } from '../collector/types.ts';
import { targetBaseLabels } from '../state/series-sink.ts';
import type { StoredEvent } from '../store/event-log.ts';
import type { StatusTransition } from '../store/status-ledger.ts';
import type { AlertTable } from './alert-table.ts';
import type { RuleRuntime } from './compile.ts';
import { alertLabels } from './series-eval.ts';

/** Target-status rules for one target: breaking while the ledger's status is one of `status`, dated from its transition. */
export function evaluateTargetStatus(rules: readonly RuleRuntime[], table: AlertTable, target: Target, status: StatusTransition | undefined, now: number): void {
  let base: Record<string, string> | undefined;
  for (const rule of rules) {
    const spec = rule.spec;
    if (spec.kind !== 'target_status') continue;
    if (spec.kinds !== undefined && !spec.kinds.includes(target.kind)) continue;
    base ??= targetBaseLabels(target);
    if (!rule.match(base)) continue;
    const breaking = status !== undefined && (spec.status as string[]).includes(status.status);
    if (!breaking && !table.hasAny(rule.id, target.name)) continue;
    table.observe(rule, alertLabels(rule, base), target.name, breaking, undefined, now, { activeAt: Math.min(status?.at ?? now, now) });
  }
}

/** Event rules for one event-log entry: fire at once (expiring after `resolve_after`), or resolve on the opposite event. */
export function evaluateEvent(rules: readonly RuleRuntime[], table: AlertTable, e: StoredEvent, base: Record<string, string>, target: string, now: number): void {
  for (const rule of rules) {
    const spec = rule.spec;
    if (spec.kind !== 'event' || !rule.match(base)) continue;
    if (spec.event.source !== undefined && spec.event.source !== e.source) continue;
    if (spec.event.kinds.includes(e.kind)) {
      table.observe(rule, alertLabels(rule, base), target, true, undefined, now, { expiresAt: now + spec.resolve_after });
    } else if (spec.resolve_on.includes(e.kind)) {
      for (const t of [...table.ofRule(rule.id, target)]) table.resolve(t, now);
    }
  }
}
