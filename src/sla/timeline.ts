import type { Span } from './period.ts';

export type ServiceState = 'up' | 'down' | 'unknown';

/** One status line: from `at` (epoch seconds) on, the service was `state`. */
export interface StatusPoint {
  at: number;
  state: ServiceState;
  reason: string;
}

/** The four figures; they add up to `scheduled`. */
export interface StateSeconds {
  scheduled: number;
  up: number;
  down: number;
  maintenance: number;
  unknown: number;
}

/** One maximal run of `down`, with what it contributed to the window. */
export interface Outage {
  start: number;
  end: number;
  seconds: number;
  counted: boolean;
  reason: string;
}

export interface TimelineInput {
  /** The window evaluated: the period, or [period start, now) month to date. */
  window: Span;
  /** Scheduled spans, sorted and disjoint, inside the window. */
  scheduled: readonly Span[];
  /** Status lines sorted by time; those before the window give the state at its start. */
  statuses: readonly StatusPoint[];
  /** Maintenance windows that may be excluded (announced in time); may overlap. */
  maintenance: readonly Span[];
  /** Down stretches shorter than this (seconds, their whole length) count as up. */
  minOutage: number;
  /** Most maintenance seconds excluded in the window; the rest counts as its observed state. */
  quota?: number | undefined;
  /** Local days: figures are also summed per day. */
  days?: ReadonlyArray<{ date: string; start: number; end: number }>;
}

export interface TimelineResult {
  totals: StateSeconds;
  daily: Array<StateSeconds & { date: string }>;
  outages: Outage[];
}

interface Stretch { start: number; end: number; reason: string; seconds: number }

/** Status lines as columns: `at` (epoch seconds, sorted), `state` and the line's reason by index. */
export interface StatusColumns {
  at: ArrayLike<number>;
  /** STATE_CODE of each line's state. */
  state: ArrayLike<number>;
  reason: (i: number) => string;
}

/**
 * Classifies every second of scheduled time in the window as exactly one of maintenance, up,
 * down or unknown (README "SLA and reports" states the rules this follows).
 */
export function classify(input: TimelineInput): TimelineResult {
  const s = input.statuses;
  return classifyColumns(input, { at: s.map((p) => p.at), state: s.map((p) => STATE_CODE[p.state]), reason: (i) => s[i]!.reason });
}

const UP = 0;
const DOWN = 1;
const UNKNOWN = 2;
/** States as the small integers the status columns hold. */
export const STATE_CODE: Readonly<Record<ServiceState, number>> = { up: UP, down: DOWN, unknown: UNKNOWN };

/**
 * `classify` over status columns: one sweep over the status points, cut at schedule, maintenance and
 * day boundaries. A point in the same state as the one before changes nothing (sums of whole seconds
 * are the same either way, and a down stretch takes its reason from its first point), so only changes are swept.
 */
export function classifyColumns(input: Omit<TimelineInput, 'statuses'>, statuses: StatusColumns): TimelineResult {
  const [wStart, wEnd] = input.window;
  const maint = union(input.maintenance.map(([a, b]) => [Math.max(a, wStart), Math.min(b, wEnd)] as Span).filter(([a, b]) => b > a));
  const sched = input.scheduled;
  const days = input.days ?? [];
  const { at: rawAt, state: rawState } = statuses;
  const n = rawAt.length;
  const at = new Float64Array(n);
  const state = new Uint8Array(n);
  const index = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (m > 0 && at[m - 1] === rawAt[i]) m--;
    if (m > 0 && state[m - 1] === rawState[i]) continue;
    at[m] = rawAt[i]!;
    state[m] = rawState[i]!;
    index[m] = i;
    m++;
  }
  const stretchFrom = (k: number): Stretch => {
    let r = k;
    while (r > 0 && state[r - 1] === DOWN) r--;
    let e = k + 1;
    while (e < m && state[e] === DOWN) e++;
    return { start: at[r]!, end: e < m ? at[e]! : Number.POSITIVE_INFINITY, reason: statuses.reason(index[r]!), seconds: 0 };
  };

  const totals = new Float64Array(5);
  const daily = days.map(() => new Float64Array(5));
  const stretches: Stretch[] = [];
  let si = 0;
  let mi = 0;
  let di = 0;
  let quotaLeft = input.quota ?? Number.POSITIVE_INFINITY;
  const minOutage = input.minOutage;

  let k = 0;
  while (k < m && at[k]! <= wStart) k++;
  let cur = k > 0 ? state[k - 1]! : UNKNOWN;
  let stretch: Stretch | undefined = cur === DOWN ? stretchFrom(k - 1) : undefined;
  let from = wStart;
  for (;;) {
    const to = k < m && at[k]! < wEnd ? at[k]! : wEnd;
    if (to > from) {
      if (stretch !== undefined && stretches[stretches.length - 1] !== stretch) stretches.push(stretch);
      const key = stretch !== undefined && stretch.end - stretch.start < minOutage ? UP : cur;
      let t = from;
      while (t < to) {
        while (si < sched.length && sched[si]![1] <= t) si++;
        const inSched = si < sched.length && sched[si]![0] <= t;
        const nextS = si < sched.length ? (inSched ? sched[si]![1] : sched[si]![0]) : Number.POSITIVE_INFINITY;
        while (mi < maint.length && maint[mi]![1] <= t) mi++;
        const inMaint = mi < maint.length && maint[mi]![0] <= t;
        const nextM = mi < maint.length ? (inMaint ? maint[mi]![1] : maint[mi]![0]) : Number.POSITIVE_INFINITY;
        while (di < days.length && days[di]!.end <= t) di++;
        const inDay = di < days.length && days[di]!.start <= t;
        const nextD = di < days.length ? (inDay ? days[di]!.end : days[di]!.start) : Number.POSITIVE_INFINITY;
        const e = Math.min(to, nextS, nextM, nextD);
        if (inSched) {
          const len = e - t;
          let rest = len;
          let maintenance = 0;
          if (inMaint && quotaLeft > 0) {
            maintenance = Math.min(rest, quotaLeft);
            quotaLeft -= maintenance;
            rest -= maintenance;
          }
          if (rest > 0 && stretch !== undefined) stretch.seconds += rest;
          const slot = 2 + (rest > 0 ? key : UP);
          add(totals, len, maintenance, slot, rest);
          if (inDay) add(daily[di]!, len, maintenance, slot, rest);
        }
        t = e;
      }
    }
    if (to >= wEnd) break;
    const next = state[k]!;
    stretch = next !== DOWN ? undefined : cur === DOWN && stretch !== undefined ? stretch : stretchFrom(k);
    cur = next;
    from = to;
    k++;
  }

  const sums = (f: Float64Array): StateSeconds => ({ scheduled: f[0]!, up: f[2]!, down: f[3]!, maintenance: f[1]!, unknown: f[4]! });
  const outages = stretches.filter((s) => s.seconds > 0).map((s) => ({
    start: Math.max(s.start, wStart), end: Math.min(s.end, wEnd), seconds: s.seconds,
    counted: s.end - s.start >= minOutage, reason: s.reason,
  }));
  return { totals: sums(totals), daily: days.map((d, i) => ({ date: d.date, ...sums(daily[i]!) })), outages };
}

function add(sums: Float64Array, scheduled: number, maintenance: number, slot: number, seconds: number): void {
  sums[0] = sums[0]! + scheduled;
  sums[1] = sums[1]! + maintenance;
  sums[slot] = sums[slot]! + seconds;
}

function union(spans: Span[]): Span[] {
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
