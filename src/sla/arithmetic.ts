import type { ServiceContract } from './config.ts';
import type { StateSeconds } from './timeline.ts';

/** A percent as an integer count of thousandths (99.9 → 99900), for comparisons without floats. */
export function toMilli(percent: number): number {
  return Math.round(percent * 1000);
}

/** numerator / denominator × 100, rounded down to 3 decimals with integer arithmetic; null when the denominator is 0. */
export function percentDown(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  const milli = (BigInt(numerator) * 100_000n) / BigInt(denominator);
  return Number(milli) / 1000;
}

/** Availability, met and credit of one service (README "SLA and reports", steps 9 and 10). */
export function availabilityOf(s: StateSeconds, contract: Pick<ServiceContract, 'unknown' | 'availability' | 'credits'>) {
  const base = s.scheduled - s.maintenance;
  const [up, denominator] =
    contract.unknown === 'exclude' ? [s.up, base - s.unknown]
      : contract.unknown === 'up' ? [s.up + s.unknown, base]
        : [s.up, base];
  const availability = percentDown(up, denominator);
  if (availability === null) return { availability, met: true, credit: 0 };
  const figure = toMilli(availability);
  const met = figure >= toMilli(contract.availability);
  const tiers = contract.credits.filter((t) => figure < toMilli(t.below)).sort((x, y) => x.below - y.below);
  return { availability, met, credit: tiers[0]?.percent ?? 0 };
}

/** Share of scheduled time less maintenance that slaguard observed (up or down); 100 when there was none. */
export function coverageOf(s: StateSeconds): number {
  const base = s.scheduled - s.maintenance;
  return percentDown(base - s.unknown, base) ?? 100;
}

/** One incident's response against its level's targets; a level without targets is met. */
export function responseOf(
  incident: { opened: number; acknowledged: number | null; restored: number | null; level: 1 | 2 | 3 | 4 },
  response: ServiceContract['response'],
) {
  const target = response[incident.level];
  const ack = incident.acknowledged === null ? null : Math.max(0, incident.acknowledged - incident.opened);
  const restore = incident.restored === null ? null : Math.max(0, incident.restored - incident.opened);
  return {
    ack_seconds: ack,
    restore_seconds: restore,
    ack_met: ack !== null && (target === undefined || ack * 1000 <= target.ack),
    restore_met: restore !== null && (target === undefined || restore * 1000 <= target.restore),
  };
}
