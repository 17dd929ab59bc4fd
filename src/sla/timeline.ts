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

/**
 * Classifies every second of scheduled time in the window as exactly one of maintenance, up,
 * down or unknown (README "SLA and reports" states the rules this follows).
 */
export function classify(input: TimelineInput): TimelineResult {
  const [wStart, wEnd] = input.window;
  const segments = statusSegments(input.statuses, wStart, wEnd);
  const maint = union(input.maintenance.map(([a, b]) => [Math.max(a, wStart), Math.min(b, wEnd)] as Span).filter(([a, b]) => b > a));
  const days = input.days ?? [];

  const cuts = new Set<number>([wStart, wEnd]);
  for (const s of input.scheduled) { cuts.add(s[0]); cuts.add(s[1]); }
  for (const s of segments) { cuts.add(s.start); cuts.add(s.end); }
  for (const m of maint) { cuts.add(m[0]); cuts.add(m[1]); }
  for (const d of days) { cuts.add(Math.max(d.start, wStart)); cuts.add(Math.min(d.end, wEnd)); }
  const points = [...cuts].filter((t) => t >= wStart && t <= wEnd).sort((a, b) => a - b);

  const totals = zero();
  const daily = days.map((d) => ({ date: d.date, ...zero() }));
  const schedAt = cursor(input.scheduled);
  const maintAt = cursor(maint);
  let seg = 0;
  let day = 0;
  let quotaLeft = input.quota ?? Number.POSITIVE_INFINITY;

  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const len = points[i + 1]! - a;
    if (!schedAt(a)) continue;
    while (segments[seg]!.end <= a) seg++;
    while (day < days.length && days[day]!.end <= a) day++;
    const daySums = day < days.length && days[day]!.start <= a ? daily[day]! : undefined;
    let rest = len;
    let maintenance = 0;
    if (maintAt(a) && quotaLeft > 0) {
      maintenance = Math.min(rest, quotaLeft);
      quotaLeft -= maintenance;
      rest -= maintenance;
    }
    let key: 'up' | 'down' | 'unknown' = 'up';
    if (rest > 0) {
      const s = segments[seg]!;
      key = s.state;
      if (s.state === 'down' && s.stretch) {
        s.stretch.seconds += rest;
        if (s.stretch.end - s.stretch.start < input.minOutage) key = 'up';
      }
    }
    addTo(totals, len, maintenance, key, rest);
    if (daySums) addTo(daySums, len, maintenance, key, rest);
  }

  const stretches = [...new Set(segments.map((s) => s.stretch).filter((s): s is Stretch => s !== undefined))];
  const outages = stretches.filter((s) => s.seconds > 0).map((s) => ({
    start: Math.max(s.start, wStart), end: Math.min(s.end, wEnd), seconds: s.seconds,
    counted: s.end - s.start >= input.minOutage, reason: s.reason,
  }));
  return { totals, daily, outages };
}

interface Segment { start: number; end: number; state: ServiceState; stretch?: Stretch }

/** The window cut into pieces of constant status; down pieces point at their whole stretch. */
function statusSegments(statuses: readonly StatusPoint[], wStart: number, wEnd: number): Segment[] {
  const points: StatusPoint[] = [];
  for (const p of statuses) {
    const last = points[points.length - 1];
    if (last && last.at === p.at) points[points.length - 1] = p;
    else points.push(p);
  }
  const stretchOf: Array<Stretch | undefined> = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (p.state !== 'down') continue;
    const prev = stretchOf[i - 1];
    if (prev) { stretchOf[i] = prev; continue; }
    let j = i + 1;
    while (j < points.length && points[j]!.state === 'down') j++;
    stretchOf[i] = { start: p.at, end: points[j]?.at ?? Number.POSITIVE_INFINITY, reason: p.reason, seconds: 0 };
  }
  const segments: Segment[] = [];
  let from = wStart;
  let current: Segment = { start: wStart, end: wEnd, state: 'unknown' };
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (p.at <= wStart) {
      current = { start: wStart, end: wEnd, state: p.state, ...(stretchOf[i] ? { stretch: stretchOf[i]! } : {}) };
      continue;
    }
    if (p.at >= wEnd) break;
    segments.push({ ...current, start: from, end: p.at });
    from = p.at;
    current = { start: p.at, end: wEnd, state: p.state, ...(stretchOf[i] ? { stretch: stretchOf[i]! } : {}) };
  }
  segments.push({ ...current, start: from, end: wEnd });
  return segments.filter((s) => s.end > s.start);
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

/** For ascending queries: whether t lies in one of the sorted, disjoint spans. */
function cursor(spans: readonly Span[]): (t: number) => boolean {
  let i = 0;
  return (t) => {
    while (i < spans.length && spans[i]![1] <= t) i++;
    return i < spans.length && spans[i]![0] <= t;
  };
}

function addTo(sums: StateSeconds, scheduled: number, maintenance: number, key: 'up' | 'down' | 'unknown', seconds: number): void {
  sums.scheduled += scheduled;
  sums.maintenance += maintenance;
  sums[key] += seconds;
}

function zero(): StateSeconds {
  return { scheduled: 0, up: 0, down: 0, maintenance: 0, unknown: 0 };
}
