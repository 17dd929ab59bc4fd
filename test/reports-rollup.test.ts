import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { HOST } from '../src/metrics/names.ts';
import { openDb } from '../src/store/db.ts';
import { RollupStore } from '../src/reports/rollup-store.ts';
import { utilisationSection } from '../src/reports/utilisation.ts';
import { waitFor } from './helpers/components.ts';

const dir = mkdtempSync(join(tmpdir(), 'slaguard-rollup-'));
let app: App | undefined;
afterAll(async () => app?.stop());

describe('daemon resource roll-up and report files', () => {
  it('rolls up a real host target of an agency into the database (peak, average, samples) and flushes at stop', async () => {
    app = buildApp(parseConfigText(`
storage: { path: data/slaguard.db }
server: { auth: { tokens: [ { name: noc, role: viewer, token: viewer-token-0123456789 } ] } }
reports: { rollup_flush: 1s }
targets:
  - { name: ggzy-app-01, kind: host, interval: 2s, timeout: 2s, labels: { agency: ggzy } }
`, { file: join(dir, 'slaguard.yaml'), baseDir: dir }));
    expect(app.config().reports.outDir).toBe(join(dir, 'data', 'reports'));
    const memory: number[] = [];
    const polls = new Set<number>();
    await app.start();
    await waitFor('three successful polls of the host', () => {
      const health = app!.scheduler.healthOf('ggzy-app-01');
      const v = app!.store.query(HOST.memUtilisation.name).at(0)?.value;
      if (health && health.lastPollAt > 0 && app!.ledger.statusOf('ggzy-app-01')?.status === 'up' && v !== undefined && !polls.has(health.lastPollAt)) {
        polls.add(health.lastPollAt);
        memory.push(v);
      }
      return polls.size >= 3;
    }, 80_000);
    await app.stop();
    app = undefined;

    const db = openDb(join(dir, 'data', 'slaguard.db'));
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(Date.now()).slice(0, 7);
    const section = utilisationSection(month, new RollupStore(db).monthly('ggzy', month));
    db.close();
    const server = section.servers[0]!;
    expect(section.servers.map((s) => s.target)).toEqual(['ggzy-app-01']);
    expect(server.cpu!.samples).toBeGreaterThanOrEqual(2);
    expect(server.memory!.peak).toBeGreaterThanOrEqual(Math.max(...memory) - 1e-12);
    expect(server.memory!.average).toBeGreaterThan(0);
    expect(server.memory!.average).toBeLessThanOrEqual(server.memory!.peak);
    expect(server.storage!.peak).toBeGreaterThan(0);
    expect(server.storage!.peak).toBeLessThanOrEqual(1);
  }, 90_000);

  it('serves the monthly files under reports.out_dir to a viewer', async () => {
    const reports = join(dir, 'data', 'reports', '2026-03');
    mkdirSync(reports, { recursive: true });
    writeFileSync(join(reports, 'ggzy-2026-03.json'), '{"agency":"ggzy"}\n');
    app = buildApp(parseConfigText(`
storage: { path: data/slaguard.db }
server: { auth: { tokens: [ { name: noc, role: viewer, token: viewer-token-0123456789 } ] } }
`, { file: join(dir, 'slaguard.yaml'), baseDir: dir }));
    const res = await app.server.inject({ method: 'GET', url: '/api/reports/2026-03/ggzy-2026-03.json', headers: { authorization: 'Bearer viewer-token-0123456789' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ agency: 'ggzy' });
    expect((await app.server.inject({ method: 'GET', url: '/api/reports', headers: { authorization: 'Bearer viewer-token-0123456789' } })).json()).toEqual({ months: ['2026-03'] });
  });
});
