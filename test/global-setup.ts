import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { freePort, httpGet, requireBinary, startProcess, stopProcess, waitFor } from './helpers/components.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    prometheus: { url: string; targetsFile: string };
    nodeExporter: { url: string };
  }
}

/**
 * Starts the real servers every test file shares, once per run, on free loopback ports:
 * Prometheus (targets from a file the tests write) and node_exporter.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'slaguard-test-'));
  const prometheusBin = requireBinary('/usr/bin/prometheus', 'prometheus');
  const nodeExporterBin = requireBinary('/usr/bin/prometheus-node-exporter', 'prometheus-node-exporter');

  const targetsFile = join(dir, 'targets.json');
  writeFileSync(targetsFile, '[]');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: slaguard
    file_sd_configs: [{files: ['${targetsFile}'], refresh_interval: 1s}]
`,
  );
  const promPort = await freePort();
  const prometheus = startProcess(prometheusBin, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'prom-data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
  ]);
  const nePort = await freePort();
  const nodeExporter = startProcess(nodeExporterBin, [`--web.listen-address=127.0.0.1:${nePort}`, '--no-collector.systemd']);

  const promUrl = `http://127.0.0.1:${promPort}`;
  const neUrl = `http://127.0.0.1:${nePort}`;
  await waitFor(`Prometheus on ${promUrl} (${prometheus.output().slice(-500)})`, async () => (await httpGet(`${promUrl}/-/ready`)).status === 200);
  await waitFor(`node_exporter on ${neUrl}`, async () => (await httpGet(`${neUrl}/metrics`)).status === 200);

  project.provide('prometheus', { url: promUrl, targetsFile });
  project.provide('nodeExporter', { url: `${neUrl}/metrics` });

  return async () => {
    await Promise.all([stopProcess(prometheus), stopProcess(nodeExporter)]);
    rmSync(dir, { recursive: true, force: true });
  };
}
