import type { OutcomeSink } from '../collector/sinks.ts';
import { StatusLedger, UNKNOWN_REASON } from './status-ledger.ts';

/**
 * Writes each target's status to the ledger: up when the poll succeeded, down when the target
 * failed, unknown when slaguard itself could not tell (an internal error, a skipped poll).
 */
export function ledgerSink(ledger: StatusLedger): OutcomeSink {
  return {
    onOutcome(o) {
      if (o.ok) ledger.record(o.target.name, 'up', 'poll succeeded', o.finishedAt);
      else if (o.error!.reason === 'internal') ledger.record(o.target.name, 'unknown', `${UNKNOWN_REASON.internal}: ${o.error!.message}`, o.finishedAt);
      else ledger.record(o.target.name, 'down', `${o.error!.code}: ${o.error!.message}`, o.finishedAt);
    },
    onSkip(target, _health, at, why) {
      if (why !== 'in-progress') ledger.record(target.name, 'unknown', UNKNOWN_REASON.skipped[why], at);
    },
    onRemove(target, at) {
      ledger.record(target, 'unknown', UNKNOWN_REASON.removed, at);
    },
    onAdd(target, at) {
      // A target new to this run is unknown until its first poll; one kept across a reload keeps its status.
      ledger.register(target.name, at);
    },
  };
}
