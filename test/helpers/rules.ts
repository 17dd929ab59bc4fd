import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TargetHealth } from '../../src/collector/health.ts';
import { fanOut } from '../../src/collector/sinks.ts';
import type { Sample, Target } from '../../src/collector/types.ts';
import { CollectError, formatProblem } from '../../src/errors.ts';
import { RulesEngine, type AlertStore } from '../../src/rules/engine.ts';
import { loadRulePacks, type LoadedRule } from '../../src/rules/load.ts';
import { ruleSettingsSchema, type RuleSettings } from '../../src/rules/schema.ts';
import { FakeClock } from './fake-clock.ts';
import type { Alert } from '../../src/rules/types.ts';
import { seriesSink } from '../../src/state/series-sink.ts';
import { SeriesStore } from '../../src/state/series-store.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { EventLog } from '../../src/store/event-log.ts';
import { ledgerSink } from '../../src/store/ledger-sink.ts';
import { StatusLedger } from '../../src/store/status-ledger.ts';

/** Loads rule pack text through the real loader (as a file); throws with located problems. */
export function packFromText(text: string): LoadedRule[] {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  writeFileSync(join(dir, 'pack.yaml'), text);
  const { rules, problems } = loadRulePacks(['pack.yaml'], dir);
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  return rules;
}

export const T0 = Date.parse('2026-11-02T09:00:00+08:00');

export const target = (name: string, kind = 'snmp', labels: Record<string, string> = {}): Target =>
  ({ name, kind, address: '192.0.2.1', options: {}, intervalMs: 30_000, timeoutMs: 10_000, labels });

export const sample = (name: string, value: number, labels: Record<string, string> = {}, kind: Sample['kind'] = 'gauge'): Sample =>
  ({ name, labels, value, ts: 0, kind });

/**
 * A rules engine wired as the daemon wires it (series store, status ledger, event log in SQLite,
 * one sink list), on a fake clock; every alert change is recorded in `changes`.
 */
export function rulesRig(rules: readonly LoadedRule[], opts: { settings?: Partial<RuleSettings>; db?: Db; alertStore?: (db: Db) => AlertStore; t0?: number } = {}) {
  const timers = new FakeClock(opts.t0 ?? T0);
  const db = opts.db ?? openDb(':memory:');
  const store = new SeriesStore();
  const ledger = new StatusLedger(db, { now: timers.now(), version: 'test' });
  const events = new EventLog(db);
  const settings = ruleSettingsSchema.parse({}) as RuleSettings;
  const engine = new RulesEngine({ rules, settings: { ...settings, ...opts.settings }, store, ledger, timers, ...(opts.alertStore ? { alertStore: opts.alertStore(db) } : {}) });
  const changes: Array<{ alert: Alert; previous: string }> = [];
  engine.onChange((alert, previous) => changes.push({ alert, previous }));
  events.onEvent((e) => engine.onEvent(e));
  const sinkList = [seriesSink(store), ledgerSink(ledger), engine];
  const sinks = fanOut(sinkList);
  engine.start();
  const added = new Set<string>();
  const rig = {
    timers, db, store, ledger, events, engine, changes,
    /** One poll of `t` now: samples, or a failure. */
    poll(t: Target, result: readonly Sample[] | CollectError) {
      if (!added.has(t.name)) {
        added.add(t.name);
        for (const s of sinkList) s.onAdd?.(t, timers.now());
      }
      const now = timers.now();
      const ok = !(result instanceof CollectError);
      const samples = ok ? (result as Sample[]).map((s) => ({ ...s, ts: now })) : [];
      const health = new TargetHealth();
      health.up = ok ? 1 : 0;
      health.lastPollAt = now;
      sinks.onOutcome({ target: t, ok, samples, error: ok ? undefined : (result as CollectError), startedAt: now - 100, finishedAt: now, health });
    },
    /** Polls every 30 s for `ms`, each poll's samples from `samplesAt(elapsed ms)`. */
    pollFor(t: Target, ms: number, samplesAt: (elapsed: number) => readonly Sample[] | CollectError, every = 30_000) {
      for (let elapsed = 0; elapsed <= ms; elapsed += every) {
        rig.poll(t, samplesAt(elapsed));
        if (elapsed + every <= ms) timers.advance(every);
      }
    },
    advance: (ms: number) => timers.advance(ms),
    firing: (rule?: string) => engine.active().filter((a) => a.state === 'firing' && (rule === undefined || a.rule === rule)),
    active: (rule?: string) => engine.active().filter((a) => rule === undefined || a.rule === rule),
  };
  return rig;
}

export const down = () => new CollectError('TIMEOUT', 'no answer within 10s');
