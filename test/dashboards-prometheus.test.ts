import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { FIXTURES } from './global-setup.ts';
import { FakeClock, MIN, RecordingOutbox, ScriptedAlerts } from './helpers/alerting.ts';
import { freePort, httpGet, requireBinary, waitFor } from './helpers/components.ts';

/**
 * The issue's dashboard test: a real Prometheus scrapes a running slaguard that polls the local host,
 * HTTP probes (one up, one down), a trap and snmpsim recordings of a UPS, a PDU, an environment sensor,
 * a precision cooling unit, two servers' BMCs, a switch, two firewalls and two storage arrays; every query of every panel of the generated dashboards must answer
 * with data. Only this file's sites are selected, so another test's series cannot fill a panel.
 * SLA contracts name the HTTP probes, the host and the UPS; incidents come from scripted alerts (the
 * rules engine's interface) on an alerting clock the test moves, and are acknowledged and a
 * maintenance window created through the HTTP API.
 */
const SITES = ['看板主机房', '看板灾备机房'];
const DASHBOARDS = join(import.meta.dirname, '../dashboards/zh-CN');
const SNMP_TARGETS: Array<[name: string, community: string, site: string, agency: string, service: string]> = [
  ['dash-ups', 'ups/eaton-93e-80', SITES[0]!, '市大数据局', '政务云'],
  ['dash-pdu', 'power-env/sentry4', SITES[0]!, '市大数据局', '政务云'],
  ['dash-pdu-apc', 'power-env/apc-8641', SITES[1]!, '市大数据局', '政务云'],
  ['dash-env', 'power-env/geist-temperature-sensor', SITES[0]!, '市大数据局', '政务云'],
  ['dash-cooling', 'ups/vertiv-power', SITES[0]!, '市大数据局', '政务云'],
  ['dash-bmc', 'test/server/huawei-ibmc-rh2288h-v3', SITES[1]!, '市大数据局', '政务云'],
  ['dash-cimc', 'test/server/cisco-cimc-c220-m4s', SITES[1]!, '市大数据局', '政务云'],
  ['dash-switch', 'test/dashboards', SITES[0]!, '市政务服务中心', '政务外网'],
  ['dash-fw', 'security/paloalto-pa-5000', SITES[0]!, '市政务服务中心', '政务外网'],
  ['dash-fw-cluster', 'test/firewall/fortigate-60f-cluster', SITES[1]!, '市政务服务中心', '政务外网'],
  ['dash-nas', 'storage/netapp-fas3270', SITES[1]!, '市大数据局', '政务云存储'],
  ['dash-isilon', 'storage/isilon-onefs', SITES[1]!, '市大数据局', '政务云存储'],
];

const OPERATOR = 'dash-operator-token-0123456789';
const alertClock = new FakeClock(Date.now());
const alerts = new ScriptedAlerts(alertClock);

const NAMES = ['dash-host', 'dash-portal', 'dash-portal-down', ...SNMP_TARGETS.map(([name]) => name)];

let app: App;
let targetsFile = '';
let instance = '';
const persist = mkdtempSync(join(tmpdir(), 'dash-snmptrap-'));

beforeAll(async () => {
  const [port, trapPort, closedPort] = [await freePort(), await freePort(), await freePort()];
  instance = `127.0.0.1:${port}`;
  const sim = `127.0.0.1:${inject('snmpsim').port}`;
  const labels = (site: string, agency: string, service: string) => `{ site: ${site}, agency: ${agency}, service: ${service} }`;
  app = buildApp(parseConfigText(`server:
  listen: "127.0.0.1:${port}"
  auth: { tokens: [ { name: 值班员, role: operator, token: ${OPERATOR} } ] }
storage: { path: ':memory:' }
traps: { listen: "127.0.0.1:${trapPort}", communities: [public] }
targets:
  - { name: dash-host, kind: host, interval: 1h, labels: ${labels(SITES[0]!, '市大数据局', '政务云')} }
  - { name: dash-portal, kind: http, address: "http://127.0.0.1:${port}/healthz", interval: 1h, labels: ${labels(SITES[0]!, '市政务服务中心', '政务服务网')} }
  - { name: dash-portal-down, kind: http, address: "http://127.0.0.1:${closedPort}/", interval: 1h, labels: ${labels(SITES[1]!, '市政务服务中心', '政务服务网')} }
${SNMP_TARGETS.map(([name, community, site, agency, service]) =>
    `  - { name: ${name}, kind: snmp, address: "${sim}", interval: 1h, timeout: 30s, options: { community: ${community} }, labels: ${labels(site, agency, service)} }`).join('\n')}
sla:
  agencies:
    - id: dash-zwfw
      name: { zh-CN: 市政务服务中心, en: Government Service Center }
      contract: { version: "2026-01", effective: 2026-01-01 }
      services:
        - { id: dash-portal, category: application, health: { checks: [ { target: dash-portal } ] }, availability: 99.9 }
        - { id: dash-portal-dr, category: application, health: { checks: [ { target: dash-portal-down } ] }, availability: 99.5 }
    - id: dash-dsj
      name: { zh-CN: 市大数据局, en: Big Data Bureau }
      contract: { version: "2026-01", effective: 2026-01-01 }
      services:
        - { id: dash-cloud, category: infrastructure, health: { down_when: all, checks: [ { target: dash-host }, { target: dash-ups } ] }, availability: 99.95 }
receivers: [ { name: noc, webhook: { url: "http://127.0.0.1:${closedPort}/hook" } } ]
alerting:
  route: { receiver: noc, group_by: [service] }
`, { file: 'dashboards-prometheus.yaml', baseDir: process.cwd() }), { alertSource: alerts, alertingClock: alertClock, outbox: new RecordingOutbox() });
  await app.server.listen({ host: '127.0.0.1', port });
  await app.start();
  await pollAll(1);
  await incidentsAndMaintenance();
  targetsFile = join(inject('prometheus').targetsDir, 'dashboards.json');
  writeFileSync(targetsFile, JSON.stringify([{ targets: [instance], labels: { __scrape_interval__: '2s', __scrape_timeout__: '2s' } }]));
  const snmptrap = requireBinary('/usr/bin/snmptrap', 'snmp');
  const sent = spawnSync(snmptrap, ['-v2c', '-c', 'public', `127.0.0.1:${trapPort}`, '', '1.3.6.1.6.3.1.1.5.3', '1.3.6.1.2.1.2.2.1.1.3', 'i', '3'], {
    encoding: 'utf8', env: { ...process.env, SNMP_PERSISTENT_DIR: persist, MIBS: '' },
  });
  if (sent.status !== 0) throw new Error(`snmptrap failed: ${sent.stderr}`);
}, 60_000);
afterAll(async () => {
  if (targetsFile) rmSync(targetsFile, { force: true });
  rmSync(persist, { recursive: true, force: true });
  await app?.stop();
});

/**
 * The Huawei S5720 recording as a live switch: snmpsim replays a recording as it is, so step N moves sysUpTime
 * on by N × 10 s and every octet counter by N × ifIndex MB, which gives rates and utilisation.
 */
function writeSwitch(step: number): void {
  const recording = readFileSync(join(FIXTURES, 'network/huawei-s5720.snmprec'), 'utf8').replace(
    /^(1\.3\.6\.1\.2\.1\.1\.3\.0|1\.3\.6\.1\.2\.1\.31\.1\.1\.1\.(?:6|10)\.(\d+)|1\.3\.6\.1\.2\.1\.2\.2\.1\.(?:10|16)\.(\d+))\|(\d+)\|(\d+)$/gm,
    (_, oid: string, hcIndex: string | undefined, index: string | undefined, type: string, value: string) => {
      const ifIndex = hcIndex ?? index;
      const add = ifIndex === undefined ? BigInt(step * 1000) : BigInt(step) * BigInt(ifIndex) * 1_000_000n;
      const wrap = type === '70' ? 1n << 64n : 1n << 32n;
      return `${oid}|${type}|${(BigInt(value) + add) % wrap}`;
    });
  const file = join(inject('snmpsim').dataDir, 'dashboards.snmprec');
  writeFileSync(file, recording);
  // snmpsimd notices a changed file by its mtime in whole seconds: give each step its own second.
  const mtime = Math.floor(Date.now() / 1000) + 10 * step;
  utimesSync(file, mtime, mtime);
}

/** One poll of every target, at once (the daemon's scheduler would do the same every interval): all but the closed port answer. */
async function pollAll(step: number): Promise<void> {
  writeSwitch(step);
  const outcomes = await Promise.all(NAMES.map(async (name) => [name, await app.scheduler.pollNow(name)] as const));
  const failed = outcomes.filter(([name, o]) => (name === 'dash-portal-down') === Boolean(o?.ok));
  if (failed.length) throw new Error(`unexpected poll outcomes: ${failed.map(([name, o]) => `${name}: ${o?.ok ? 'up' : o?.error?.message ?? 'not polled'}`).join('; ')}`);
}

/** Operator API calls, as the status page's buttons make them. */
async function api(method: 'GET' | 'POST', url: string, payload?: object): Promise<unknown> {
  const res = await app.server.inject({ method, url, headers: { authorization: `Bearer ${OPERATOR}` }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * A level-1 incident on the DR portal acknowledged after 4 minutes and restored after 10, a level-3
 * one on the cloud left open and unacknowledged, and a maintenance window over the cloud service.
 */
async function incidentsAndMaintenance(): Promise<void> {
  const down = alerts.fire('http-down', { service: 'dash-portal-dr', agency: 'dash-zwfw', target: 'dash-portal-down' });
  alertClock.advance(4 * MIN);
  await api('POST', '/api/incidents/INC-000001/ack');
  alertClock.advance(6 * MIN);
  alerts.resolve(down);
  alerts.fire('host-load-high', { service: 'dash-cloud', agency: 'dash-dsj', target: 'dash-host' }, { severity: 'warning' });
  const now = Date.now();
  await api('POST', '/api/maintenance', {
    id: 'dash-cloud-patch', matchers: ['service="dash-cloud"'], ticket: 'CHG-DASH-1', approved_by: '李主任',
    announced_at: new Date(now - 60 * MIN).toISOString(), start: new Date(now - 5 * MIN).toISOString(), end: new Date(now + 120 * MIN).toISOString(),
  });
  const { incidents } = await api('GET', '/api/incidents?state=open') as { incidents: Array<{ id: string; level: number; acknowledgedAt: string | null }> };
  expect(incidents.map((i) => `${i.id} L${i.level} ${i.acknowledgedAt ? 'acknowledged' : 'new'}`).sort()).toEqual(['INC-000001 L1 acknowledged', 'INC-000002 L3 new']);
}

type Result = { metric: Record<string, string> };

async function query(promql: string): Promise<{ error?: string; result: Result[] }> {
  const { text } = await httpGet(`${inject('prometheus').url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = JSON.parse(text) as { status: string; error?: string; data?: { result: Result[] } };
  return body.status === 'success' ? { result: body.data!.result } : { error: body.error ?? text, result: [] };
}

/** Grafana's variables as a user looking at this file's sites, all agencies and all services sees them. */
function substitute(expr: string): string {
  return expr
    .replaceAll('$site', SITES.join('|'))
    .replaceAll('$agency', '.*')
    .replaceAll('$service', '.*')
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__range', '5m');
}

interface Panel { title: string; type: string; targets?: Array<{ expr: string; legendFormat?: string }> }

const dashboards = readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json')).sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as { title: string; panels: Panel[]; templating: { list: Array<{ name: string; query?: string }> } } }));

describe('every dashboard panel queried against a real Prometheus scraping slaguard', () => {
  it('finds the dashboards and their queries', () => {
    expect(dashboards.map((d) => d.file)).toContain('slaguard-noc.json');
    const exprs = dashboards.flatMap((d) => d.json.panels.flatMap((p) => p.targets ?? []));
    expect(exprs.length).toBeGreaterThan(30);
    expect(dashboards.flatMap((d) => d.json.panels.filter((p) => p.type !== 'row' && !p.targets?.length).map((p) => p.title))).toEqual([]);
    expect(exprs.every((t) => !/\$(?!site|agency|service|__rate_interval|__range)\w/.test(t.expr))).toBe(true);
  });

  it('has scraped two polls of every target', async () => {
    const mine = `{site=~"${SITES.join('|')}"}`;
    await waitFor(`Prometheus to scrape the first poll of ${NAMES.join(', ')}`, async () =>
      (await query(`slaguard_target_last_poll_timestamp_seconds${mine}`)).result.length === NAMES.length, 30_000);
    await pollAll(2);
    // What the SLA runtime's minute timer does: month to date now includes the seconds since the first poll.
    app.sla.refreshGauges();
    await waitFor('Prometheus to scrape the second poll of every target', async () =>
      (await query(`changes(slaguard_target_last_poll_timestamp_seconds${mine}[1m]) >= 1`)).result.length === NAMES.length, 30_000);
    await waitFor('the trap counter in Prometheus', async () => (await query('slaguard_snmp_traps_total{event="link_down"}')).result.length === 1);
    const value = async (promql: string, ...labels: string[]) => (await query(promql)).result
      .map((r) => [...labels.map((l) => r.metric[l]), (r as Result & { value: [number, string] }).value[1]].join(' ')).sort();
    await waitFor('the SLA figures in Prometheus', async () => (await value('slaguard_sla_availability_percent{agency=~"dash-.*"}')).length === 2);
    // dash-cloud has been in maintenance for all the time it was known this month: no availability yet, only a target and a budget.
    expect(await value('slaguard_sla_availability_percent{agency=~"dash-.*"}', 'service')).toEqual(['dash-portal 100', 'dash-portal-dr 0']);
    expect(await value('slaguard_sla_target_percent{agency=~"dash-.*"}', 'service')).toEqual(['dash-cloud 99.95', 'dash-portal 99.9', 'dash-portal-dr 99.5']);
    expect(await value('slaguard_incident_ack_seconds', 'level', 'stat')).toEqual(['1 max 240', '1 mean 240']);
    expect(await value('slaguard_incident_restore_seconds', 'level', 'stat')).toEqual(['1 max 600', '1 mean 600']);
    expect(await value('sum by (level, acknowledged) (slaguard_incidents_open)', 'level', 'acknowledged')).toEqual(['1 true 1', '3 false 1']);
    expect(await value('slaguard_sla_service_state{service="dash-cloud"} == 1', 'state')).toEqual(['maintenance 1']);
  }, 60_000);

  it('the site, agency and service variables list this file\'s targets and SLA ids', async () => {
    const wanted: Record<string, string[]> = {
      site: SITES, agency: ['市大数据局', '市政务服务中心', 'dash-zwfw', 'dash-dsj'], service: ['政务云', '政务服务网', 'dash-portal', 'dash-cloud'],
    };
    for (const { file, json } of dashboards) {
      for (const { name, query: q } of json.templating.list.filter((v) => v.name in wanted)) {
        const [, series, label] = /^label_values\((.+), (\w+)\)$/.exec(q ?? '') ?? [];
        expect(label, `${file} $${name}`).toBe(name);
        const { text } = await httpGet(`${inject('prometheus').url}/api/v1/label/${label}/values?match[]=${encodeURIComponent(series!)}`);
        expect((JSON.parse(text) as { data: string[] }).data, `${file} $${name}`).toEqual(expect.arrayContaining(wanted[name]!));
      }
    }
  });

  for (const { file, json } of dashboards) {
    it(`${file}: every panel query answers without error and with data`, async () => {
      const failures: string[] = [];
      for (const panel of json.panels) {
        for (const { expr, legendFormat } of panel.targets ?? []) {
          const { error, result } = await query(substitute(expr));
          const unknown = [...(legendFormat ?? '').matchAll(/\{\{(\w+)\}\}/g)].map(([, label]) => label!)
            .filter((label) => !result.some((r) => label in r.metric));
          if (error || result.length === 0) failures.push(`${json.title} / ${panel.title}: ${error ?? 'no data'}\n    ${substitute(expr)}`);
          else if (unknown.length) failures.push(`${json.title} / ${panel.title}: legend labels ${unknown.join(', ')} on no series\n    ${substitute(expr)}`);
        }
      }
      const scrape = await query(`up{instance="${instance}"} or scrape_duration_seconds{instance="${instance}"}`);
      expect(failures, `${failures.join('\n')}\n(scrape: ${JSON.stringify(scrape.result)})`).toEqual([]);
    });
  }
});
