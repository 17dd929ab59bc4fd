/**
 * The resource-utilisation section of an agency's monthly report (issue 8, item 13): per server,
 * peak and average CPU, memory and storage over the month, from the roll-up in `rollup-store.ts`.
 */

/** Peak and average of one resource over the month, as ratios (0-1), with the samples they came from. */
export interface ResourceFigures {
  average: number;
  peak: number;
  samples: number;
}

/** One server of the agency. */
export interface ServerUtilisation {
  target: string;
  cpu: ResourceFigures | null;
  memory: ResourceFigures | null;
  storage: ResourceFigures | null;
  /** True when the idle rule below holds; false when it does not or CPU was never measured. */
  idle: boolean;
}

/** The section as HTML, PDF and the JSON report carry it (JSON key `resource_utilisation`). */
export interface UtilisationSection {
  month: string;
  /** Idle rule: average CPU below `cpu_average_below` and peak below `cpu_peak_below` (ratios). */
  idle_rule: { cpu_average_below: number; cpu_peak_below: number };
  servers: ServerUtilisation[];
}

/** The default idle rule: average CPU < 5 % and peak CPU < 20 % over the whole month. */
export const IDLE_RULE = { cpu_average_below: 0.05, cpu_peak_below: 0.2 } as const;

/** The roll-up's three resources, one value per server per poll. */
export const RESOURCES = ['cpu', 'memory', 'storage'] as const;
export type Resource = (typeof RESOURCES)[number];

/** One roll-up row summed over the month: count, sum and max of a server's resource. */
export interface MonthlyAggregate {
  target: string;
  resource: Resource;
  count: number;
  sum: number;
  max: number;
}

/** Builds the section from monthly aggregates; servers sorted by name, idle flagged by `rule`. */
export function utilisationSection(month: string, rows: readonly MonthlyAggregate[], rule: UtilisationSection['idle_rule'] = IDLE_RULE): UtilisationSection {
  const servers = new Map<string, ServerUtilisation>();
  for (const r of rows) {
    let s = servers.get(r.target);
    if (s === undefined) servers.set(r.target, (s = { target: r.target, cpu: null, memory: null, storage: null, idle: false }));
    if (r.count > 0) s[r.resource] = { average: r.sum / r.count, peak: r.max, samples: r.count };
  }
  for (const s of servers.values()) s.idle = s.cpu !== null && s.cpu.average < rule.cpu_average_below && s.cpu.peak < rule.cpu_peak_below;
  return { month, idle_rule: { ...rule }, servers: [...servers.values()].sort((a, b) => a.target.localeCompare(b.target)) };
}
