/**
 * Synthetic monthly reports at the scale: 50 agencies × 20 services, each service's status
 * evaluated every minute of March 2026 (44,640 minutes) with a seeded random walk: about one outage a
 * day (1-30 min), an unknown stretch every few days, a maintenance window a week. The figures follow
 * the report arithmetic so the HTML shows what a real month would.
 */
import type { AgencyReport, ServiceReport } from '../src/sla/report-model.ts';

const MINUTES = 31 * 1440;
const START = Date.parse('2026-03-01T00:00:00+08:00');
const iso = (minute: number) => new Date(START + minute * 60_000 + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00');

/** A seeded pseudo-random generator (mulberry32), so every run builds the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One service's month from per-minute states ('u' up, 'd' down, 'x' unknown, 'm' maintenance). */
function service(id: string, rand: () => number): ServiceReport {
  const state = new Array<string>(MINUTES).fill('u');
  for (let m = 0; m < MINUTES; m++) {
    const r = rand();
    if (r < 1 / 1440) for (let k = m, end = m + 1 + Math.floor(rand() * 30); k < end && k < MINUTES; k++) state[k] = 'd';
    else if (r < 1 / 1440 + 1 / 4320) for (let k = m, end = m + 1 + Math.floor(rand() * 10); k < end && k < MINUTES; k++) state[k] = 'x';
  }
  const maintenance: ServiceReport['maintenance'] = [];
  for (let w = 0; w < 4; w++) {
    const s = w * 7 * 1440 + 3 * 1440 + 60;
    for (let k = s; k < s + 120; k++) state[k] = 'm';
    maintenance.push({ start: iso(s), end: iso(s + 120), ticket: `CHG-2026-${id}-${w}`, approved_by: '张伟' });
  }
  const outages: ServiceReport['outages'] = [];
  const daily: NonNullable<ServiceReport['daily']> = [];
  const sums = { u: 0, d: 0, x: 0, m: 0 } as Record<string, number>;
  for (let day = 0; day < 31; day++) {
    const d = { u: 0, d: 0, x: 0, m: 0 } as Record<string, number>;
    for (let k = day * 1440; k < (day + 1) * 1440; k++) d[state[k]!]! += 60;
    for (const key of Object.keys(d)) sums[key]! += d[key]!;
    daily.push({ date: `2026-03-${String(day + 1).padStart(2, '0')}`, scheduled_seconds: 86_400, up_seconds: d.u!, down_seconds: d.d!, maintenance_seconds: d.m!, unknown_seconds: d.x! });
  }
  for (let m = 0; m < MINUTES; m++) {
    if (state[m] !== 'd' || (m > 0 && state[m - 1] === 'd')) continue;
    let e = m;
    while (e < MINUTES && state[e] === 'd') e++;
    outages.push({ start: iso(m), end: iso(e), seconds: (e - m) * 60, counted: true, reason: `${id}-probe-a down (HTTP 503), ${id}-probe-b down (timeout)` });
  }
  const measured = MINUTES * 60 - sums.m! - sums.x!;
  const availability = measured > 0 ? Math.floor((sums.u! * 100_000) / measured) / 1000 : null;
  return {
    id, category: 'application', name: { 'zh-CN': `业务系统${id}`, en: `System ${id}` }, target_percent: 99.9,
    scheduled_seconds: MINUTES * 60, up_seconds: sums.u!, down_seconds: sums.d!, maintenance_seconds: sums.m!, unknown_seconds: sums.x!,
    unknown_policy: 'exclude', availability_percent: availability, met: availability !== null && availability >= 99.9,
    credit_percent: availability !== null && availability < 99.9 ? 10 : 0,
    coverage_percent: Math.floor((measured * 100_000) / (MINUTES * 60 - sums.m!)) / 1000,
    outages, maintenance,
    incidents: outages.filter((_, i) => i % 5 === 0).map((o, i) => ({ id: `INC-${id}-${i}`, level: 2 as const, ack_seconds: 600, restore_seconds: o.seconds, ack_met: true, restore_met: o.seconds <= 28_800 })),
    daily,
  };
}

/** `agencies` reports of `perAgency` services each, reproducible from the seed. */
export function syntheticReports(agencies = 50, perAgency = 20, seed = 8): AgencyReport[] {
  const rand = rng(seed);
  return Array.from({ length: agencies }, (_, a) => ({
    agency: `agency-${a}`,
    agency_name: { 'zh-CN': `委办局${a}号`, en: `Agency ${a}` },
    period: { month: '2026-03', start: '2026-03-01T00:00:00+08:00', end: '2026-04-01T00:00:00+08:00', timezone: 'Asia/Shanghai' },
    contract_version: '2026-01',
    evidence_sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    services: Array.from({ length: perAgency }, (_, s) => service(`${a}-${s}`, rand)),
  }));
}
