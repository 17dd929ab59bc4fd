/**
 * SNMP benchmarks, side by side in one run against the same Debian snmpd (48 veth interfaces in a
 * namespace of our own, UPS-MIB proxied from snmpsim serving a real Eaton recording):
 * (1) CPU per varbind, slaguard's whole pipeline vs prometheus-snmp-exporter 0.21 on IF-MIB and HOST-RESOURCES;
 * (2) 2,000 devices (UPS-MIB + 48-port IF-MIB) at a 60 s interval: CPU share of one core, memory per device.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchNamespace } from './netns.ts';

const SHARED = join(import.meta.dirname, '../../shared');
const SNMPD_PORT = 11161;
const SIM_PORT = 11162;
const EXPORTER_PORT = 9116;

export async function benchSnmp(part?: 'varbind'): Promise<Record<string, unknown>> {
  const ns = new BenchNamespace();
  const dir = mkdtempSync(join(tmpdir(), 'sgbench-'));
  chmodSync(dir, 0o755);
  try {
    ns.create(24);
    mkdirSync(join(dir, 'persist'));
    mkdirSync(join(dir, 'sim/data'), { recursive: true });
    mkdirSync(join(dir, 'sim/cache'));
    copyFileSync(join(SHARED, 'fixtures/snmprec/ups/eaton-93e-80.snmprec'), join(dir, 'sim/data/ups.snmprec'));
    chmodSync(join(dir, 'sim'), 0o777);
    chmodSync(join(dir, 'sim/data'), 0o755);
    chmodSync(join(dir, 'sim/cache'), 0o777);
    chmodSync(join(dir, 'sim/data/ups.snmprec'), 0o644);
    writeFileSync(join(dir, 'snmpd.conf'), `[snmp] persistentDir ${join(dir, 'persist')}
agentaddress udp:127.0.0.1:${SNMPD_PORT}
rocommunity public 127.0.0.1
proxy -v 2c -c ups 127.0.0.1:${SIM_PORT} .1.3.6.1.2.1.33
dontLogTCPWrappersConnects yes
`);
    ns.start('/usr/bin/snmpsimd', [`--data-dir=${join(dir, 'sim/data')}`, `--cache-dir=${join(dir, 'sim/cache')}`,
      `--agent-udpv4-endpoint=127.0.0.1:${SIM_PORT}`, '--process-user=nobody', '--process-group=nogroup', '--logging-method=null']);
    const snmpd = ns.start('/usr/sbin/snmpd', ['-f', '-Lo', '-C', '-I', '-smux', '-c', join(dir, 'snmpd.conf')], { MIBS: '' });
    const exporter = ns.start('/usr/bin/prometheus-snmp-exporter', [`--config.file=${join(SHARED, 'bench/snmp_exporter-0.21.yml')}`, `--web.listen-address=127.0.0.1:${EXPORTER_PORT}`]);
    const out = ns.run(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'snmp-child.ts'),
      JSON.stringify({ snmpd: `127.0.0.1:${SNMPD_PORT}`, snmpdPid: snmpd.pid, exporter: `http://127.0.0.1:${EXPORTER_PORT}`, exporterPid: exporter.pid, part })], { SNMP_PERSISTENT_DIR: dir });
    return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
  } finally {
    ns.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
