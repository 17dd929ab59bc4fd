import type { OutcomeSink } from '../collector/sinks.ts';
import type { StatusLedger } from '../store/status-ledger.ts';
import type { ServiceContract } from './config.ts';
import type { ServiceState } from './timeline.ts';

/** A change of a service's state, with the checks that decided it. */
export interface ServiceTransition {
  agency: string;
  service: string;
  state: ServiceState;
  reason: string;
  /** ms since the epoch. */
  at: number;
}

interface CheckState { state: ServiceState; reason: string }
interface Watched { agency: string; contract: ServiceContract; state: ServiceState | undefined }

/**
 * Service status from its checks, pure: fed target statuses and rule firings, it emits a
 * transition whenever a service's state changes. A service is down when any / all / at least
 * `quorum` of its checks are down; unknown when its unknown checks could make it down; else up.
 * Targets are unknown until reported; rules are up (not firing) until reported.
 */
export class ServiceEvaluator {
  private readonly targets = new Map<string, CheckState>();
  private readonly rules = new Map<string, CheckState>();
  private services: Watched[] = [];

  constructor(private readonly onChange: (t: ServiceTransition) => void) {}

  /** Sets the services watched (start, reload); each is evaluated at `at` and emits its state if new. */
  setServices(services: ReadonlyArray<{ agency: string; contract: ServiceContract }>, at: number): void {
    const previous = new Map(this.services.map((w) => [w.contract.id, w.state]));
    this.services = services.map((s) => ({ agency: s.agency, contract: s.contract, state: previous.get(s.contract.id) }));
    for (const w of this.services) this.evaluate(w, at);
  }

  /** A target's ledger status changed (or was reported again). */
  target(name: string, status: ServiceState, at: number, reason: string = status): void {
    const old = this.targets.get(name);
    if (old?.state === status && old.reason === reason) return;
    this.targets.set(name, { state: status, reason });
    for (const w of this.services) if (w.contract.health.checks.some((c) => 'target' in c && c.target === name)) this.evaluate(w, at);
  }

  /** A rule started or stopped firing (`{ rule: ID }` checks: firing = down). */
  rule(id: string, firing: boolean, at: number): void {
    const state: ServiceState = firing ? 'down' : 'up';
    if (this.rules.get(id)?.state === state) return;
    this.rules.set(id, { state, reason: firing ? 'firing' : 'not firing' });
    for (const w of this.services) if (w.contract.health.checks.some((c) => 'rule' in c && c.rule === id)) this.evaluate(w, at);
  }

  /** The current state of every watched service. */
  states(): Array<{ agency: string; service: string; state: ServiceState | undefined }> {
    return this.services.map((w) => ({ agency: w.agency, service: w.contract.id, state: w.state }));
  }

  private evaluate(w: Watched, at: number): void {
    const { state, reason } = decide(w.contract.health, (c) => ('target' in c
      ? { name: c.target, ...(this.targets.get(c.target) ?? { state: 'unknown' as const, reason: 'not polled yet' }) }
      : { name: `rule ${c.rule}`, ...(this.rules.get(c.rule) ?? { state: 'up' as const, reason: 'not firing' }) }));
    if (state === w.state) return;
    w.state = state;
    this.onChange({ agency: w.agency, service: w.contract.id, state, reason, at });
  }
}

/** The any / all / quorum decision over check states, with a reason naming the checks. */
export function decide(
  health: ServiceContract['health'],
  check: (c: ServiceContract['health']['checks'][number]) => { name: string; state: ServiceState; reason: string },
): { state: ServiceState; reason: string } {
  const checks = health.checks.map(check);
  const n = checks.length;
  const need = health.down_when === 'any' ? 1 : health.down_when === 'all' ? n : health.quorum!;
  const down = checks.filter((c) => c.state === 'down');
  const unknown = checks.filter((c) => c.state === 'unknown');
  const rule = health.down_when === 'quorum' ? `quorum ${need}` : health.down_when;
  const list = (cs: typeof checks) => cs.map((c) => `${c.name} ${c.state}${c.reason && c.reason !== c.state ? ` (${c.reason})` : ''}`).join('; ');
  if (down.length >= need) return { state: 'down', reason: `${down.length} of ${n} checks down (${rule}): ${list(down)}` };
  if (down.length + unknown.length >= need) return { state: 'unknown', reason: `${unknown.length} of ${n} checks unknown could make it down (${rule}): ${list([...down, ...unknown])}` };
  if (down.length + unknown.length === 0) return { state: 'up', reason: `all ${n} checks up` };
  return { state: 'up', reason: `${down.length} down and ${unknown.length} unknown of ${n} checks, fewer than ${rule} needs: ${list([...down, ...unknown])}` };
}

/**
 * The outcome sink that feeds target statuses to the evaluator: placed after the status ledger's
 * sink, it forwards the status the ledger now holds for the target.
 */
export function serviceStatusSink(ledger: StatusLedger, evaluator: ServiceEvaluator): OutcomeSink {
  const forward = (name: string) => {
    const s = ledger.statusOf(name);
    if (s) evaluator.target(name, s.status, s.at, s.reason);
  };
  return {
    onOutcome: (o) => forward(o.target.name),
    onSkip: (t) => forward(t.name),
    onRemove: (name) => forward(name),
    onAdd: (t) => forward(t.name),
  };
}
