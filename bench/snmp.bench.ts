/**
 * SNMP benchmarks, side by side in one run against the same Debian snmpd (48 veth interfaces in a
 * namespace of our own, and the UPS-MIB of a real Eaton 93E recording served by snmpd itself through
 * `override` lines, so the agent stays one fast C process):
 * (1) CPU per varbind, slaguard's whole pipeline vs prometheus-snmp-exporter 0.21 on IF-MIB and HOST-RESOURCES;
 * (2) 2,000 devices (UPS-MIB + 48-port IF-MIB) at a 60 s interval: CPU share of one core, memory per device.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeInfluxdConfig } from '../test/setup/influxdb.ts';
import { BenchNamespace } from './netns.ts';

const SHARED = join(import.meta.dirname, '../../shared');
const SNMPD_PORT = 11161;
const EXPORTER_PORT = 9116;
const INFLUX_PORT = 18086;

export async function benchSnmp(part?: 'varbind' | 'fleet', withInflux = false): Promise<Record<string, unknown>> {
  const ns = new BenchNamespace();
  const dir = mkdtempSync(join(tmpdir(), 'sgbench-'));
  chmodSync(dir, 0o755);
  try {
    ns.create(24);
    mkdirSync(join(dir, 'persist'));
    writeFileSync(join(dir, 'snmpd.conf'), `[snmp] persistentDir ${join(dir, 'persist')}
agentaddress udp:127.0.0.1:${SNMPD_PORT}
rocommunity public 127.0.0.1
dontLogTCPWrappersConnects yes
${upsOverrides(join(SHARED, 'fixtures/snmprec/ups/eaton-93e-80.snmprec')).join('\n')}
`);
    const snmpd = ns.start('/usr/sbin/snmpd', ['-f', '-Lo', '-C', '-I', '-smux', '-c', join(dir, 'snmpd.conf')], { MIBS: '' });
    const exporter = ns.start('/usr/bin/prometheus-snmp-exporter', [`--config.file=${join(SHARED, 'bench/snmp_exporter-0.21.yml')}`, `--web.listen-address=127.0.0.1:${EXPORTER_PORT}`]);
    const influx = withInflux ? startInfluxdIn(ns, dir) : undefined;
    const out = ns.run(process.execPath, ['--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', join(import.meta.dirname, 'snmp-child.ts'),
      JSON.stringify({ snmpd: `127.0.0.1:${SNMPD_PORT}`, snmpdPid: snmpd.pid, exporter: `http://127.0.0.1:${EXPORTER_PORT}`, exporterPid: exporter.pid, part, influx })], { SNMP_PERSISTENT_DIR: dir });
    return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
  } finally {
    ns.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** influxd (Debian `influxdb`) inside the namespace, for the fleet with the InfluxDB writer on. */
function startInfluxdIn(ns: BenchNamespace, dir: string): { url: string; buffer: string } {
  const home = join(dir, 'influxd');
  writeInfluxdConfig(home, INFLUX_PORT, INFLUX_PORT + 1);
  ns.start('/usr/bin/influxd', ['-config', join(home, 'influxdb.conf')]);
  return { url: `http://127.0.0.1:${INFLUX_PORT}`, buffer: join(dir, 'influx-buffer') };
}

/** snmpd `override` lines serving a recording's UPS-MIB (1.3.6.1.2.1.33) as it was recorded. */
function upsOverrides(recording: string): string[] {
  const types: Record<string, string> = { '2': 'integer', '4': 'octet_str', '4x': 'octet_str', '65': 'counter', '66': 'unsigned', '67': 'timeticks' };
  return readFileSync(recording, 'utf8').split('\n').flatMap((line) => {
    const [oid, type, value] = line.split('|');
    if (!oid?.startsWith('1.3.6.1.2.1.33.') || type === undefined || value === undefined || !(type in types)) return [];
    const text = type === '4x' ? Buffer.from(value, 'hex').toString('latin1') : value;
    return [`override .${oid} ${types[type]} ${type.startsWith('4') ? JSON.stringify(text) : text}`];
  });
}
