import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { HOST, SCHEDULER } from '../src/metrics/names.ts';
import { freePort, httpGet, requireBinary, waitFor } from './helpers/components.ts';

let app: App;
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = buildApp(parseConfigText(
    `server: { listen: "127.0.0.1:${port}" }
storage: { path: ':memory:' }
targets:
  - { name: localhost, kind: host, interval: 1s, labels: { site: 主机房, agency: 市大数据局 } }
  - { name: self, kind: http, address: "${base}/healthz", interval: 1s, timeout: 900ms }
`, { file: 'test.yaml', baseDir: process.cwd() }));
  await app.server.listen({ host: '127.0.0.1', port });
  app.start();
  writeFileSync(inject('prometheus').targetsFile, JSON.stringify([{ targets: [`127.0.0.1:${port}`] }]));
});
afterAll(async () => app?.stop());

async function query(promql: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const { text } = await httpGet(`${inject('prometheus').url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  return (JSON.parse(text) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } }).data.result;
}

describe('a real Prometheus scraping slaguard', () => {
  it('stores the host series with the target labels, and slaguard_target_up', async () => {
    await waitFor('Prometheus to have scraped slaguard\'s host series', async () => (await query(`${HOST.memTotal.name}{target="localhost"}`)).length === 1, 30_000);
    const [mem] = await query(`${HOST.memTotal.name}{target="localhost"}`);
    expect(mem!.metric).toMatchObject({ site: '主机房', agency: '市大数据局', job: 'slaguard' });
    expect(Number(mem!.value[1])).toBeGreaterThan(0);
    expect(await query(`${HOST.fsUtilisation.name}{target="localhost",mountpoint="/"}`)).toHaveLength(1);
    expect((await query(`${HOST.netRxBytes.name}{target="localhost"}`)).length).toBeGreaterThan(0);
    await waitFor('both targets up in Prometheus', async () => (await query(`${SCHEDULER.up.name}{instance="${new URL(base).host}"} == 1`)).length === 2, 15_000);
  });

  it('loads a rule file from rulesDir on POST /-/reload', async () => {
    const { url, rulesDir } = inject('prometheus');
    const file = join(rulesDir, 'prometheus-test.yml');
    writeFileSync(file, `groups:\n  - name: prometheus-test\n    rules:\n      - record: prometheus_test:targets_up:count\n        expr: count(${SCHEDULER.up.name})\n`);
    try {
      expect((await fetch(`${url}/-/reload`, { method: 'POST' })).status).toBe(200);
      await waitFor('the recording rule evaluated', async () => (await query('prometheus_test:targets_up:count')).length === 1);
    } finally {
      rmSync(file, { force: true });
      await fetch(`${url}/-/reload`, { method: 'POST' });
    }
  });

  it('promtool check metrics finds no problem in the exposition', async () => {
    await waitFor('a first poll of every target', () => app.ledger.statusOf('self')?.status === 'up' && app.ledger.statusOf('localhost')?.status === 'up');
    const { status, text } = await httpGet(`${base}/metrics`);
    expect(status).toBe(200);
    const promtool = spawnSync(requireBinary('/usr/bin/promtool', 'prometheus'), ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(promtool.stdout + promtool.stderr).toBe('');
    expect(promtool.status).toBe(0);
  });
});
