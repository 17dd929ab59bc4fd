import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../src/config/load.ts';
import { contractForMonth, contractMismatches } from '../src/sla/contracts.ts';
import { parseEvidence } from '../src/sla/evidence.ts';
import { SlaLedger } from '../src/sla/ledger.ts';
import { openDb, openDbReadOnly } from '../src/store/db.ts';
import { SLAGUARD_BIN } from './helpers/slaguard.ts';

const fixtures = join(import.meta.dirname, 'fixtures/sla');
const slaguard = (...args: string[]) => spawnSync(process.execPath, [SLAGUARD_BIN, ...args], { encoding: 'utf8' });
const ms = (t: string) => Date.parse(t);

/** A config like the fixtures' whose database is `db`. */
function configWithDb(dir: string, db: string): string {
  const file = join(dir, 'slaguard.yaml');
  writeFileSync(file, readFileSync(join(fixtures, 'contracts.yaml'), 'utf8').replace('path: ./unused.db', `path: ${db}`));
  return file;
}

/** Writes the February scenario through the ledger API, as the daemon would: incidents in three steps. */
function writeFebruary(ledger: SlaLedger, contracts: ReturnType<typeof loadConfigFile>['sla']['agencies']): void {
  for (const c of contracts) ledger.recordContract(c);
  const lines = parseEvidence(readFileSync(join(fixtures, 'feb-2026-02.jsonl'), 'utf8'), 'feb').lines;
  for (const l of lines) {
    if (l.type === 'status') ledger.recordStatus('feb', l.service, l.state, l.reason, ms(l.at));
    if (l.type === 'maintenance') ledger.recordMaintenance('feb', l.service, { windowId: l.ticket, start: ms(l.start), end: ms(l.end), ticket: l.ticket, approvedBy: l.approved_by, announcedAt: ms(l.announced_at) });
    if (l.type === 'incident') {
      const base = { id: l.id, level: l.level, openedAt: ms(l.opened), acknowledgedAt: null, restoredAt: null };
      ledger.recordIncident('feb', l.service, base);
      if (l.acknowledged) ledger.recordIncident('feb', l.service, { ...base, acknowledgedAt: ms(l.acknowledged) });
      if (l.acknowledged && l.restored) ledger.recordIncident('feb', l.service, { ...base, acknowledgedAt: ms(l.acknowledged), restoredAt: ms(l.restored) });
    }
  }
  ledger.recordStatus('feb', 'portal', 'down', 'portal-probe-a down (March)', ms('2026-03-02T00:00:00+08:00'));
  ledger.recordStatus('feb', 'portal', 'up', 'all checks up', ms('2026-03-02T00:10:00+08:00'));
}

describe('SLA ledger, evidence export and verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sla-ledger-'));
  const dbFile = join(dir, 'slaguard.db');
  const configFile = configWithDb(dir, dbFile);
  const config = loadConfigFile(configFile);
  const db = openDb(dbFile);
  const ledger = new SlaLedger(db);
  writeFebruary(ledger, config.sla.agencies);
  db.close();

  it('a report from the database and one from its exported evidence are identical, and match the hand-computed figures', { timeout: 180_000 }, () => {
    const evidence = join(dir, 'feb.jsonl');
    const exported = slaguard('evidence', 'export', '--month', '2026-02', '--agency', 'feb', '--out', evidence, '--config', configFile);
    expect(exported.status, exported.stderr).toBe(0);
    const lines = readFileSync(evidence, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['contract', ...Array(9).fill('status'), 'maintenance', 'maintenance', 'incident', 'incident']);
    expect(lines[0]).toMatchObject({ type: 'contract', agency: 'feb', version: '2026-01', effective: '2026-01-01' });
    expect(lines[1]).toMatchObject({ type: 'status', at: '2026-01-31T15:00:00Z', state: 'down' });
    expect(lines[9]).toMatchObject({ type: 'status', at: '2026-03-01T16:00:00Z', state: 'down', reason: 'portal-probe-a down (March)' });
    expect(lines[13]).toMatchObject({ type: 'incident', id: 'INC-000002', acknowledged: '2026-02-19T17:20:00Z', restored: null });

    const fromDb = join(dir, 'from-db');
    const fromEvidence = join(dir, 'from-evidence');
    const a = slaguard('report', '--month', '2026-02', '--config', configFile, '--agency', 'feb', '--out', fromDb);
    const b = slaguard('report', '--month', '2026-02', '--config', configFile, '--agency', 'feb', '--out', fromEvidence, '--evidence', evidence);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const dbJson = readFileSync(join(fromDb, 'feb-2026-02.json'), 'utf8');
    expect(readFileSync(join(fromEvidence, 'feb-2026-02.json'), 'utf8')).toBe(dbJson);
    const hand = JSON.parse(readFileSync(join(fixtures, 'feb-2026-02.expected.json'), 'utf8'));
    expect(JSON.parse(dbJson)).toEqual({ ...hand, evidence_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const changed = join(dir, 'changed.yaml');
    writeFileSync(changed, readFileSync(configFile, 'utf8').replace('availability: 99.9\n', 'availability: 99.5\n'));
    const other = contractForMonth(loadConfigFile(changed).sla, 'feb', '2026-02')!;
    const exportedLines = parseEvidence(readFileSync(evidence, 'utf8'), evidence).lines;
    expect(contractMismatches(exportedLines, contractForMonth(config.sla, 'feb', '2026-02')!)).toEqual([]);
    expect(contractMismatches(exportedLines, other)).toEqual([expect.stringMatching(/^agency "feb": the evidence records contract 2026-01 \(effective 2026-01-01\) with SHA-256 [0-9a-f]{64}, but the config's entry hashes to [0-9a-f]{64}: the config is not the contract the ledger recorded$/)]);

    const ok = slaguard('evidence', 'verify', evidence, '--config', configFile);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/OK, 14 lines, chain intact/);
    expect(ok.stdout).toContain(`feb: evidence_sha256 ${JSON.parse(dbJson).evidence_sha256} (days in Asia/Shanghai)`);
    const text = readFileSync(evidence, 'utf8');
    const at = text.indexOf('"CHG-100"') + 5;
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, `${text.slice(0, at)}2${text.slice(at + 1)}`);
    const bad = slaguard('evidence', 'verify', tampered);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^${tampered}:11: "hash" does not match the line's content`));
  });

  it('slaguard report on two worker threads writes the same files, in the same order, as on one', { timeout: 180_000 }, () => {
    const runs = [1, 2].map((threads) => {
      const out = join(dir, `threads-${threads}`);
      const r = slaguard('report', '--month', '2026-02', '--config', configFile, '--format', 'json,html', '--out', out, '--threads', String(threads));
      expect(r.status, r.stderr).toBe(0);
      const files = r.stdout.trim().split('\n');
      return { names: files.map((f) => f.slice(out.length)), texts: files.map((f) => readFileSync(f, 'utf8')) };
    });
    expect(runs[0]!.names.length).toBe(2 * config.sla.agencies.filter((a) => a.contract.effective <= '2026-02-01').map((a) => a.id).filter((id, i, all) => all.indexOf(id) === i).length);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]!.names.slice(0, 2)).toEqual(['/feb-2026-02.json', '/feb-2026-02.html']);
  });

  it('the chain holds across reopening; an edited row is found by its id; the table refuses UPDATE', () => {
    const rw = openDb(dbFile);
    const again = new SlaLedger(rw);
    expect(again.stateOf('portal')).toBe('up');
    expect(again.recordStatus('feb', 'portal', 'up', 'all checks up', ms('2026-03-03T00:00:00Z'))).toBe(false);
    expect(again.recordStatus('feb', 'portal', 'unknown', 'slaguard stopped', ms('2026-03-03T00:00:00Z'))).toBe(true);
    expect(again.verifyChain()).toEqual({ ok: true, rows: 27 });
    expect(() => rw.prepare("UPDATE sla_ledger SET line = replace(line, 'down', 'up') WHERE id = 10").run()).toThrow(/append-only/);
    rw.exec('DROP TRIGGER sla_ledger_no_update');
    rw.prepare("UPDATE sla_ledger SET line = replace(line, '\"down\"', '\"up\"') WHERE id = 10").run();
    rw.close();
    const ro = openDbReadOnly(dbFile);
    expect(new SlaLedger(ro).verifyChain()).toEqual({ ok: false, rows: 10, row: 10, message: 'row 10: hash does not match the row\'s content (the row was changed)' });
    ro.close();
  });
});
