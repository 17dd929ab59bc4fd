import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { freePort, httpGet, requireBinary, startProcess, stopProcess, waitFor } from './helpers/components.ts';
import { startAlertmanager, type AlertmanagerInfo } from './setup/alertmanager.ts';

/** Recordings of real devices (shared/fixtures/snmprec), beside the checkout. */
export const FIXTURES = join(import.meta.dirname, '../../shared/fixtures/snmprec');

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Prometheus scraping every file_sd file `targetsDir/*.json` (each test file writes its own; `targetsFile` is
     * `targetsDir/default.json`), loading rule files `rulesDir/*.yml` on `POST url/-/reload`.
     */
    prometheus: { url: string; targetsFile: string; targetsDir: string; rulesDir: string };
    nodeExporter: { url: string };
    /** net-snmp's snmpd: v2c community `public`, v3 users `upsuser` (SHA / AES) and `desuser` (SHA / DES), keys authpass123 / privpass123. */
    snmpd: { port: number };
    /** snmpsimd serving every recording of shared/fixtures/snmprec (community = path), and in `dataDir` (community test/NAME) files tests rewrite: counters, dashboards. */
    snmpsim: { port: number; dataDir: string };
    /** Alertmanager 0.25 routing every group to a webhook recorder (`GET hookUrl/received`). */
    alertmanager: AlertmanagerInfo;
  }
}

/**
 * Starts the real servers every test file shares, once per run, on free loopback ports:
 * Prometheus (targets from files the tests write), node_exporter, snmpd and snmpsimd.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prometheusBin = requireBinary('/usr/bin/prometheus', 'prometheus');
  const nodeExporterBin = requireBinary('/usr/bin/prometheus-node-exporter', 'prometheus-node-exporter');
  const snmpdBin = requireBinary('/usr/sbin/snmpd', 'snmpd');
  const snmpsimBin = requireBinary('/usr/bin/snmpsimd', 'snmpsim');
  const snmpget = requireBinary('/usr/bin/snmpget', 'snmp');
  requireBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');
  if (!existsSync(FIXTURES)) throw new Error(`${FIXTURES} is missing: the tests serve the device recordings of shared/, which must sit beside the checkout`);

  const dir = mkdtempSync(join(tmpdir(), 'slaguard-test-'));
  chmodSync(dir, 0o755);
  const started: ChildProcess[] = [];
  const closers: Array<() => Promise<void>> = [];
  const teardown = async () => {
    await Promise.all(started.map((p) => stopProcess(p)));
    await Promise.all(closers.map((c) => c()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await startAll(project, dir, started, { prometheusBin, nodeExporterBin, snmpdBin, snmpsimBin, snmpget });
    const am = await startAlertmanager(dir);
    started.push(am.process);
    closers.push(am.close);
    project.provide('alertmanager', am.info);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}

async function startAll(
  project: TestProject, dir: string, started: ChildProcess[],
  bins: { prometheusBin: string; nodeExporterBin: string; snmpdBin: string; snmpsimBin: string; snmpget: string },
): Promise<void> {
  const { prometheusBin, nodeExporterBin, snmpdBin, snmpsimBin, snmpget } = bins;

  const targetsDir = join(dir, 'targets');
  const rulesDir = join(dir, 'rules');
  mkdirSync(targetsDir);
  mkdirSync(rulesDir);
  const targetsFile = join(targetsDir, 'default.json');
  writeFileSync(targetsFile, '[]');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: ['${rulesDir}/*.yml']
scrape_configs:
  - job_name: slaguard
    file_sd_configs: [{files: ['${targetsDir}/*.json'], refresh_interval: 1s}]
`,
  );
  const promPort = await freePort();
  const prometheus = startProcess(prometheusBin, [
    `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'prom-data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`, '--web.enable-lifecycle',
  ]);
  const nePort = await freePort();
  const nodeExporter = startProcess(nodeExporterBin, [`--web.listen-address=127.0.0.1:${nePort}`, '--no-collector.systemd']);

  const snmpdPort = await freePort();
  mkdirSync(join(dir, 'snmpd-persist'));
  writeFileSync(join(dir, 'snmpd.conf'), `[snmp] persistentDir ${join(dir, 'snmpd-persist')}
agentAddress udp:127.0.0.1:${snmpdPort}
rocommunity public 127.0.0.1
createUser upsuser SHA "authpass123" AES "privpass123"
rouser upsuser priv
createUser desuser SHA "authpass123" DES "privpass123"
rouser desuser priv
sysName slaguard-test-snmpd
sysLocation 主机房 A101
dontLogTCPWrappersConnects yes
`);
  const snmpd = startProcess(snmpdBin, ['-f', '-Lo', '-C', '-I', '-smux', '-c', join(dir, 'snmpd.conf'), '-p', join(dir, 'snmpd.pid')], { MIBS: '' });

  // snmpsimd runs as nobody: it needs a world-readable copy of the recordings and a cache it may write.
  const simDir = join(dir, 'snmpsim');
  const dataDir = join(simDir, 'data');
  cpSync(FIXTURES, dataDir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  mkdirSync(join(simDir, 'cache'));
  mkdirSync(join(dataDir, 'test'));
  // snmpsimd learns its communities at start: tests rewrite these files (it re-reads a file whose mtime changed).
  for (const name of ['counters', 'dashboards', 'ups-e2e']) writeFileSync(join(dataDir, 'test', `${name}.snmprec`), '1.3.6.1.2.1.1.1.0|4|placeholder\n');
  // hand-written recordings of the SNMP profile engine's tests (community test/NAME)
  cpSync(join(import.meta.dirname, '../collectors/snmp/testdata'), join(dataDir, 'test'), { recursive: true, filter: (src) => !src.endsWith('.md') });
  execFileSync('chmod', ['-R', 'a+rwX', simDir]);
  const simPort = await freePort();
  const snmpsim = startProcess(snmpsimBin, [
    `--data-dir=${dataDir}`, `--cache-dir=${join(simDir, 'cache')}`, `--agent-udpv4-endpoint=127.0.0.1:${simPort}`,
    '--process-user=nobody', '--process-group=nogroup', '--logging-method=null',
  ]);

  started.push(prometheus, nodeExporter, snmpd, snmpsim);

  const promUrl = `http://127.0.0.1:${promPort}`;
  const neUrl = `http://127.0.0.1:${nePort}`;
  await waitFor(`Prometheus on ${promUrl} (${prometheus.output().slice(-500)})`, async () => (await httpGet(`${promUrl}/-/ready`)).status === 200);
  await waitFor(`node_exporter on ${neUrl}`, async () => (await httpGet(`${neUrl}/metrics`)).status === 200);
  const answers = (port: number, community: string) =>
    spawnSync(snmpget, ['-v2c', '-c', community, '-t', '0.3', '-r', '0', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.3.0'], { env: { ...process.env, SNMP_PERSISTENT_DIR: dir, MIBS: '' } }).status === 0;
  await waitFor(`snmpd on port ${snmpdPort} (${snmpd.output().slice(-300)})`, () => answers(snmpdPort, 'public'));
  await waitFor(`snmpsimd on port ${simPort} (${snmpsim.output().slice(-300)})`, () => answers(simPort, 'ups/eaton-93e-80'), 120_000); // indexing 21 MB of recordings: 2 s on a quiet machine, much longer on a busy one

  project.provide('snmpd', { port: snmpdPort });
  project.provide('snmpsim', { port: simPort, dataDir: join(dataDir, 'test') });
  project.provide('prometheus', { url: promUrl, targetsFile, targetsDir, rulesDir });
  project.provide('nodeExporter', { url: `${neUrl}/metrics` });
}
