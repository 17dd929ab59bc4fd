#!/usr/bin/env node
// Makes sure the real components the tests talk to are installed (Debian packages).
// As root with apt-get, installs what is missing; otherwise prints the command and fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** binary the tests start → the Debian package that ships it */
const NEEDED = {
  '/usr/bin/prometheus': 'prometheus',
  '/usr/bin/promtool': 'prometheus',
  '/usr/bin/prometheus-node-exporter': 'prometheus-node-exporter',
  '/usr/bin/chromium': 'chromium',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc': 'fonts-wqy-microhei',
  '/usr/bin/openssl': 'openssl',
  '/lib/nut/upsd': 'nut-server',
  '/lib/nut/dummy-ups': 'nut-server',
  '/bin/upsc': 'nut-client',
  '/usr/sbin/snmpd': 'snmpd',
  '/usr/bin/snmpget': 'snmp',
  '/usr/bin/snmptrap': 'snmp',
  '/usr/bin/snmpsimd': 'snmpsim',
  '/usr/bin/prometheus-alertmanager': 'prometheus-alertmanager',
  '/usr/bin/amtool': 'prometheus-alertmanager',
  '/usr/bin/influxd': 'influxdb',
  '/usr/bin/influx': 'influxdb-client',
  '/usr/bin/pdftotext': 'poppler-utils',
};

const missing = [...new Set(Object.entries(NEEDED).filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg))];
if (missing.length === 0) process.exit(0);

const command = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
  console.error(`The tests need these Debian packages: ${missing.join(' ')}\nInstall them with:\n  sudo apt-get update && sudo ${command.join(' ')}`);
  process.exit(1);
}
console.error(`installing test components: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync(command[0], command.slice(1), { stdio: 'inherit', env });
