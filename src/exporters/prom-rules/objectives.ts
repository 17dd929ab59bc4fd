import { DateTime } from 'luxon';
import type { Config } from '../../config/schema.ts';
import { agencyIds, contractOnDay } from '../../sla/contracts.ts';
import type { SlaObjective } from './sla-rules.ts';

/** The SLA objectives of the contracts in force on the day of `now` in each agency's zone. */
export function objectivesInForce(config: Config, now: number): SlaObjective[] {
  return agencyIds(config.sla).flatMap((id) => {
    const zone = config.sla.agencies.find((a) => a.id === id)!.timezone;
    const contract = contractOnDay(config.sla, id, DateTime.fromMillis(now, { zone }).toFormat('yyyy-MM-dd'));
    return (contract?.services ?? []).map((s) => ({ agency: id, service: s.id, targetPercent: s.availability, unknown: s.unknown }));
  });
}
