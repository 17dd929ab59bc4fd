import client from 'prom-client';
import { RULES } from '../metrics/names.ts';
import type { RulesEngine } from './engine.ts';

/** Registers the engine's self-metrics; values are read from the engine at scrape time. */
export function registerRuleMetrics(registry: client.Registry, engine: RulesEngine): void {
  const registers = [registry];
  new client.Counter({ name: RULES.evaluations.name, help: RULES.evaluations.help, registers, collect() { this.reset(); this.inc(engine.stats.evaluations); } });
  new client.Counter({ name: RULES.evaluationSeconds.name, help: RULES.evaluationSeconds.help, registers, collect() { this.reset(); this.inc(engine.stats.seconds); } });
  new client.Counter({ name: RULES.checks.name, help: RULES.checks.help, registers, collect() { this.reset(); this.inc(engine.stats.checks); } });
  new client.Gauge({ name: RULES.loaded.name, help: RULES.loaded.help, registers, collect() { this.set(engine.ruleIds().length); } });
  new client.Gauge({
    name: RULES.alerts.name, help: RULES.alerts.help, registers, labelNames: ['state', 'severity', 'suppressed', 'flapping'],
    collect() {
      this.reset();
      for (const state of ['pending', 'firing'] as const) for (const severity of ['critical', 'warning', 'info'] as const) this.set({ state, severity, suppressed: 'false', flapping: 'false' }, 0);
      for (const t of engine.tracked()) {
        const a = t.alert;
        this.inc({ state: a.state, severity: a.severity, suppressed: String(a.suppressedBy !== undefined), flapping: String(a.flapping) });
      }
    },
  });
}
