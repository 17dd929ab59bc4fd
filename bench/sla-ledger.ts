/**
 * The SLA bench's ledger: a real SQLite database on disk filled the way the daemon fills it (rows in
 * time order across every service, each chained to the one before by SHA-256 exactly as
 * `SlaLedger.append` does), for June 2026 at the scale. Filling is not timed; the file is
 * kept between runs (same name, same content) because it takes minutes to write.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parseConfigText } from '../src/config/load.ts';
import type { Config } from '../src/config/schema.ts';
import { GENESIS } from '../src/sla/canonical.ts';
import { contractDigest } from '../src/sla/contracts.ts';
import { bodyOf, canonicalLine, utc, type EvidenceLine } from '../src/sla/evidence.ts';
import { serviceZones, summariseStatusDays } from '../src/sla/status-days.ts';
import { openDb } from '../src/store/db.ts';
import { rng } from './reports-data.ts';

/**
 * Brings a kept bench ledger up to date with the daemon's schema and summaries: opening it applies
 * new migrations (migration 14 replaced the UTC-day summaries), then the local days closed by the
 * month's end are summarised as the daemon would have (a no-op when they already are).
 */
function summariseBenchLedger(path: string, config: Config): void {
  const db = openDb(path);
  const pass = summariseStatusDays(db, Math.floor(END / 1000), serviceZones(config.sla));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  rmSync(`${path}.lock`, { force: true });
  if (pass.built > 0) console.log(`  (bench ledger ${path}: ${pass.built} day summaries built)`);
}

/** Services per agency in the bench. */
export const SERVICES_PER_AGENCY = 20;
const MINUTES = 30 * 1440;
const START = Date.parse('2026-05-31T16:00:00Z');
const END = START + MINUTES * 60_000;
const UP_REASONS = ['3/3 probes up', '2/3 probes up (probe-c TIMEOUT)'];
const DOWN_REASONS = ['2/3 probes down (HTTP 503)', '3/3 probes down (TIMEOUT)'];

/** The bench's config: `agencies` agencies `a0…`, each with services `aN-s0…s19` (7x24, 99.9 %, 8 h maintenance quota). */
export function benchSlaConfig(agencies: number): Config {
  return parseConfigText(benchSlaConfigText(agencies), { file: 'bench', baseDir: '/tmp' });
}

/** The text of `benchSlaConfig`. */
export function benchSlaConfigText(agencies: number): string {
  const agencyText = (a: number) => {
    const services = Array.from({ length: SERVICES_PER_AGENCY }, (_, i) => `        - { id: a${a}-s${i}, category: application, health: { checks: [ { target: t${a}-${i} } ] }, availability: 99.9, min_outage: 30s, maintenance: { notice: 24h, monthly_quota: 8h } }`).join('\n');
    return `    - id: a${a}\n      name: { zh-CN: 机构${a}, en: Agency ${a} }\n      contract: { version: "1", effective: 2026-01-01 }\n      services:\n${services}\n`;
  };
  return `sla:\n  agencies:\n${Array.from({ length: agencies }, (_, a) => agencyText(a)).join('')}`;
}

/** One service's status for each minute: a seeded random walk, or up/down alternating (`flip`, 75 s outages every two minutes). */
function serviceWalk(agency: number, service: number, flip: boolean): (m: number) => { at: number; state: 'up' | 'down' | 'unknown'; reason: string } {
  const rand = rng(agency * 1000 + service + 1);
  let left = 0;
  let state: 'up' | 'down' | 'unknown' = 'up';
  return (m) => {
    if (flip) return { at: START + m * 60_000 + (m % 2) * 15_000, state: m % 2 ? 'up' : 'down', reason: 'probe down (TIMEOUT)' };
    if (left === 0) {
      const r = rand();
      state = r < 1 / 1440 ? 'down' : r < 1 / 1440 + 1 / 4320 ? 'unknown' : 'up';
      left = state === 'down' ? 1 + Math.floor(rand() * 30) : state === 'unknown' ? 1 + Math.floor(rand() * 10) : 1;
    }
    left--;
    const reason = state === 'up' ? UP_REASONS[m % 2]! : state === 'down' ? DOWN_REASONS[m % 2]! : 'no answer from the checks';
    return { at: START + m * 60_000, state, reason };
  };
}

/**
 * Writes (or reuses) the bench ledger at `/tmp/slaguard-sla-bench-<agencies>[-flip].db`: contract
 * rows, 4 maintenance windows (2 h a week, announced 2 days ahead) and 2 incidents per service, then a
 * status row every minute of June 2026 for every service (each a change of state or of its reason,
 * as a recording evaluator with reasons would write them), all services interleaved in time order.
 * The ledger's indexes are built after the rows (the same indexes, faster to fill); then, as the
 * daemon does, every Shanghai day closed at the month's end (1 July 00:00 Shanghai) is summarised.
 */
export function benchLedger(agencies: number, flip = false): { path: string; config: Config; rows: number } {
  const config = benchSlaConfig(agencies);
  const path = `/tmp/slaguard-sla-bench-${agencies}${flip ? '-flip' : ''}.db`;
  const rows = agencies * SERVICES_PER_AGENCY * (MINUTES + (flip ? 0 : 6)) + agencies;
  if (existsSync(path)) {
    summariseBenchLedger(path, config);
    return { path, config, rows };
  }
  const tmp = `${path}.filling`;
  for (const suffix of ['', '-wal', '-shm', '.lock']) rmSync(`${tmp}${suffix}`, { force: true });
  const db = openDb(tmp);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sla_ledger' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  const insert = db.prepare('INSERT INTO sla_ledger (kind, agency, service, subject, at, until, line, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let head = GENESIS;
  const append = (agency: string, service: string | null, subject: string | null, line: EvidenceLine, at: number, until: number | null) => {
    const hash = createHash('sha256').update(`${canonicalLine(line)}\n${head}`).digest('hex');
    insert.run(line.type, agency, service, subject, at, until, JSON.stringify(bodyOf(line)), head, hash);
    head = hash;
  };
  const s = (ms: number) => Math.floor(ms / 1000);
  db.transaction(() => {
    for (const c of config.sla.agencies) {
      append(c.id, null, `${c.contract.version}@${c.contract.effective}`, { type: 'contract', agency: c.id, version: c.contract.version, effective: c.contract.effective, sha256: contractDigest(c) }, s(Date.parse(`${c.contract.effective}T00:00:00Z`)), null);
    }
    if (flip) return;
    for (let a = 0; a < agencies; a++) {
      for (let i = 0; i < SERVICES_PER_AGENCY; i++) {
        const service = `a${a}-s${i}`;
        for (let w = 0; w < 4; w++) {
          const start = START + (w * 7 + 3) * 86_400_000 + 3_600_000;
          append(`a${a}`, service, `mw-${w}@${start}`, { type: 'maintenance', service, start: utc(start), end: utc(start + 7_200_000), ticket: `CHG-${a}-${i}-${w}`, approved_by: '张伟', announced_at: utc(start - 2 * 86_400_000) }, s(start), s(start + 7_200_000));
        }
        for (let k = 0; k < 2; k++) {
          const opened = START + (k * 13 + 5) * 86_400_000;
          const id = `INC-${a}-${i}-${k}`;
          append(`a${a}`, service, id, { type: 'incident', id, service, level: 2, opened: utc(opened), acknowledged: utc(opened + 600_000), restored: k ? null : utc(opened + 5_400_000) }, s(opened), null);
        }
      }
    }
  })();
  const walks = Array.from({ length: agencies * SERVICES_PER_AGENCY }, (_, n) => serviceWalk(Math.floor(n / SERVICES_PER_AGENCY), n % SERVICES_PER_AGENCY, flip));
  const minutes = db.transaction((from: number, to: number) => {
    for (let m = from; m < to; m++) {
      for (let n = 0; n < walks.length; n++) {
        const a = Math.floor(n / SERVICES_PER_AGENCY);
        const service = `a${a}-s${n % SERVICES_PER_AGENCY}`;
        const p = walks[n]!(m);
        append(`a${a}`, service, null, { type: 'status', service, at: utc(p.at), state: p.state, reason: p.reason }, s(p.at), null);
      }
    }
  });
  for (let m = 0; m < MINUTES; m += 60) minutes(m, m + 60);
  for (const i of indexes) db.exec(i.sql);
  summariseStatusDays(db, s(END), serviceZones(config.sla));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, path);
  rmSync(`${tmp}.lock`, { force: true });
  return { path, config, rows };
}
