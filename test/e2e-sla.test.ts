import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, requireBinary, stopProcess, waitFor } from './helpers/components.ts';
import { SLAGUARD_BIN, startSlaguard } from './helpers/slaguard.ts';

const pdftotext = requireBinary('/usr/bin/pdftotext', 'poppler-utils');
const chromiumBin = requireBinary('/usr/bin/chromium', 'chromium');
const OPERATOR = 'operator-token-e2e-0123456789';
const ZONE = 'Asia/Shanghai';
const WAIT = 60_000;

let healthy = true;
const service = http.createServer((_req, res) => (healthy ? res.end('ok') : res.writeHead(500).end('broken')));
const dir = mkdtempSync(join(tmpdir(), 'e2e-sla-'));
const dbPath = join(dir, 'data', 'slaguard.db');
const configPath = join(dir, 'slaguard.yaml');
let base = '';
let daemon: ReturnType<typeof startSlaguard> | undefined;

interface Transition { status: string; at: number }
function readOnly<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const transitions = (): Transition[] =>
  readOnly((db) => db.prepare("SELECT status, at FROM status_transitions WHERE target = 'web' ORDER BY id").all() as Transition[]);
const lastStatus = () => {
  try {
    return transitions().at(-1)?.status;
  } catch {
    return undefined;
  }
};
const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${OPERATOR}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as any };
};
const cli = (args: string[]) => spawnSync(process.execPath, [SLAGUARD_BIN, ...args], { cwd: dir, encoding: 'utf8' });
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const sec = (ms: number) => Math.floor(ms / 1000);

beforeAll(async () => {
  await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  mkdirSync(join(dir, 'rules.d'));
  writeFileSync(join(dir, 'rules.d', 'e2e.yaml'), `rules:
  - id: web-probe-failing
    kind: target_status
    severity: warning
    status: [down]
    kinds: [http]
    labels: { category: application }
    summary: { zh-CN: "应用 {{ $labels.target }} 访问失败", en: "Application {{ $labels.target }} probe failing" }
    description: { zh-CN: "HTTP 探测失败。", en: "The HTTP probe failed." }
`);
  writeFileSync(configPath, `server:
  listen: "127.0.0.1:${port}"
  auth:
    tokens: [ { name: oncall, role: operator, token: ${OPERATOR} } ]
storage: { path: data/slaguard.db, heartbeat: 1s }
scheduler: { jitter: false }
rule_files: [rules.d/*.yaml]
targets:
  - { name: web, kind: http, address: "http://127.0.0.1:${(service.address() as AddressInfo).port}/", interval: 1s, timeout: 500ms, labels: { service: portal } }
sla:
  agencies:
    - id: ggzy
      name: { zh-CN: 公共资源交易中心, en: Public Resource Trading Center }
      contacts: [ops@ggzy.example.gov.cn]
      contract: { version: "2026-01", effective: 2026-01-01 }
      services:
        - { id: portal, category: application, hours: 7x24, health: { checks: [ { target: web } ] }, availability: 99.9, maintenance: { notice: 1h }, response: { 3: { ack: 30m, restore: 8h } } }
`);
});
afterAll(async () => {
  await stopProcess(daemon);
  service.close();
});

describe('a real slaguard run, then its report from the database and from the exported evidence', () => {
  it('outage, announced maintenance and an acknowledged incident give a report that matches the ledger', async () => {
    daemon = startSlaguard(['run', '--config', configPath], { cwd: dir });
    await waitFor('web up', () => lastStatus() === 'up', WAIT);

    const start = (Math.floor(Date.now() / 1000) + 2) * 1000;
    const end = start + 5000;
    const created = await api('POST', '/api/maintenance', {
      matchers: ['service="portal"'], ticket: 'CHG-2026-0901', approved_by: '王工',
      announced_at: iso(Date.now() - 2 * 3_600_000), start: iso(start), end: iso(end),
    });
    expect(created.status, JSON.stringify(created.json)).toBeLessThan(300);
    // the service fails inside the window and stays down after it: only the part after the window counts
    await waitFor('the maintenance window begun', () => Date.now() > start + 1000, WAIT);
    healthy = false;
    await waitFor('web down', () => lastStatus() === 'down', WAIT);
    expect(Date.now()).toBeLessThan(end);
    let incident: any;
    await waitFor('an incident opened by the probe rule', async () => {
      incident = (await api('GET', '/api/incidents?state=all')).json.incidents?.[0] ?? (await api('GET', '/api/incidents?state=all')).json[0];
      return incident !== undefined;
    }, WAIT);
    await waitFor('a moment before the acknowledgement', () => Date.now() > Date.parse(incident.openedAt) + 1500, WAIT);
    const acked = await api('POST', `/api/incidents/${incident.id}/ack`);
    expect(acked.status, JSON.stringify(acked.json)).toBeLessThan(300);
    await waitFor('a stretch of counted downtime after the window', () => Date.now() > end + 2500, WAIT);
    healthy = true;
    await waitFor('web up again', () => lastStatus() === 'up', WAIT);
    await waitFor('the incident restored', async () => {
      const i = (await api('GET', `/api/incidents/${incident.id}`)).json;
      return (i.incident ?? i).restoredAt != null;
    }, WAIT);
    await stopProcess(daemon);
    expect(daemon.exitCode, daemon.output()).toBe(0);

    const rows = transitions();
    expect(rows.map((r) => r.status)).toEqual(['unknown', 'up', 'down', 'up', 'unknown']);
    const month = DateTime.fromMillis(rows[2]!.at, { zone: ZONE }).toFormat('yyyy-MM');

    const evidenceFile = join(dir, 'evidence.jsonl');
    const exported = cli(['evidence', 'export', '--month', month, '--config', configPath, '--out', evidenceFile]);
    expect(exported.status, exported.stderr).toBe(0);
    const fromDb = cli(['report', '--month', month, '--config', configPath, '--format', 'json,html,pdf,csv', '--out', join(dir, 'db')]);
    expect(fromDb.status, fromDb.stderr).toBe(0);
    const fromEvidence = cli(['report', '--month', month, '--config', configPath, '--evidence', evidenceFile, '--out', join(dir, 'ev')]);
    expect(fromEvidence.status, fromEvidence.stderr).toBe(0);
    const jsonDb = readFileSync(join(dir, 'db', `ggzy-${month}.json`), 'utf8');
    expect(readFileSync(join(dir, 'ev', `ggzy-${month}.json`), 'utf8')).toBe(jsonDb);
    const report = JSON.parse(jsonDb);
    const s = report.services.find((x: any) => x.id === 'portal');

    // the expected figures, second by second from the target's transitions and the window posted above
    const lines = readFileSync(evidenceFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const monthStart = sec(DateTime.fromISO(`${month}-01T00:00:00`, { zone: ZONE }).toMillis());
    const monthEnd = sec(DateTime.fromISO(`${month}-01T00:00:00`, { zone: ZONE }).plus({ months: 1 }).toMillis());
    // the ledger's status lines, as exported: they follow the target's transitions (the SLA engine stamps its
    // own start and stop, so the first and last may differ from the target's by the odd second)
    const changes = lines.filter((l) => l.type === 'status' && l.service === 'portal').map((l) => ({ at: sec(Date.parse(l.at)), status: l.state as string }));
    expect(changes.map((c) => c.status)).toEqual(rows.map((r) => r.status));
    expect(changes.slice(1, -1).map((c) => c.at)).toEqual(rows.slice(1, -1).map((r) => sec(r.at)));
    const seconds = { up: 0, down: 0, maintenance: 0, unknown: 0 };
    let k = -1;
    for (let t = monthStart; t < monthEnd; t++) {
      while (k + 1 < changes.length && changes[k + 1]!.at <= t) k++;
      if (t >= sec(start) && t < sec(end)) seconds.maintenance++;
      else seconds[(k < 0 ? 'unknown' : changes[k]!.status) as keyof typeof seconds]++;
    }
    expect(changes[2]!.at).toBeLessThan(sec(end));
    expect(seconds.down).toBe(changes[3]!.at - sec(end));
    expect(seconds.down).toBeGreaterThan(0);
    expect([s.scheduled_seconds, s.up_seconds, s.down_seconds, s.maintenance_seconds, s.unknown_seconds])
      .toEqual([monthEnd - monthStart, seconds.up, seconds.down, seconds.maintenance, seconds.unknown]);
    expect(seconds.maintenance).toBe(5);
    expect(s.outages).toEqual([expect.objectContaining({ seconds: seconds.down, counted: true })]);
    expect(Date.parse(incident.openedAt)).toBeGreaterThanOrEqual(end);
    const availability = Math.floor((seconds.up * 100_000) / (seconds.up + seconds.down)) / 1000;
    expect(s.availability_percent).toBe(availability);
    expect(lines.filter((l) => l.type === 'maintenance')).toMatchObject([{ service: 'portal', start: iso(start), end: iso(end), ticket: 'CHG-2026-0901', approved_by: '王工' }]);
    const incidentLine = lines.find((l) => l.type === 'incident');
    expect(incidentLine).toMatchObject({ id: incident.id, service: 'portal', level: 3 });
    expect(s.incidents).toEqual([expect.objectContaining({
      id: incident.id, level: 3,
      ack_seconds: sec(Date.parse(incidentLine.acknowledged)) - sec(Date.parse(incidentLine.opened)),
      restore_seconds: sec(Date.parse(incidentLine.restored)) - sec(Date.parse(incidentLine.opened)),
      ack_met: true, restore_met: true,
    })]);
    expect(s.incidents[0].ack_seconds).toBeGreaterThan(0);

    // the evidence chain: intact, then one changed byte is named by its line
    const verified = cli(['evidence', 'verify', evidenceFile]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('chain intact');
    const text = readFileSync(evidenceFile, 'utf8').split('\n');
    const n = text.findIndex((l) => l.includes('"state":"down"'));
    text[n] = text[n]!.replace(/(\d)Z"/, (_m, d: string) => `${(Number(d) + 1) % 10}Z"`);
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, text.join('\n'));
    const bad = cli(['evidence', 'verify', tampered]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(`${tampered}:${n + 1}:`);

    const figure = `${availability.toFixed(3)}%`;
    const pdf = spawnSync(pdftotext, ['-enc', 'UTF-8', join(dir, 'db', `ggzy-${month}.pdf`), '-'], { encoding: 'utf8' });
    expect(pdf.status, pdf.stderr).toBe(0);
    expect(pdf.stdout).toContain('公共资源交易中心');
    expect(pdf.stdout).toContain(figure);
    expect(readFileSync(join(dir, 'db', `ggzy-${month}.csv`), 'utf8')).toContain(String(availability));

    const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
      executablePath: chromiumBin, headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = browser.pages()[0] ?? await browser.newPage();
      await page.goto(`file://${join(dir, 'db', `ggzy-${month}.html`)}`, { waitUntil: 'load' });
      expect(await page.locator('dd.agency').textContent()).toContain('公共资源交易中心');
      expect(await page.locator('tr[data-service="portal"] td').nth(2).textContent()).toBe(figure);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
