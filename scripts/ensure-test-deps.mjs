#!/usr/bin/env node
// Makes sure the real components the tests (or, with `bench`, the benchmarks) talk to are installed
// as Debian packages. As root with apt-get, installs what is missing without recommended packages,
// starts no system service while doing so (a temporary policy-rc.d) and leaves none of the new
// packages' services enabled; otherwise prints the command and fails in one message.
//   node scripts/ensure-test-deps.mjs [test|bench] [--disable-services]
// --disable-services also disables the services of the listed packages that are already installed
// (for a machine where an earlier version of this script left them enabled).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** binary the tests start → the Debian package that ships it */
const TEST = {
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

/** what `npm run bench` starts: snmpd and snmp_exporter side by side, in a network namespace */
const BENCH = {
  '/usr/bin/prometheus-snmp-exporter': 'prometheus-snmp-exporter',
  '/usr/sbin/snmpd': 'snmpd',
  '/usr/bin/ip': 'iproute2',
};

const POLICY_RC_D = '/usr/sbin/policy-rc.d';
const args = process.argv.slice(2);
const forBench = args.includes('bench');
const needed = forBench ? BENCH : TEST;
const what = forBench ? 'npm run bench' : 'the tests';
const packages = [...new Set(Object.values(needed))];
const missing = [...new Set(Object.entries(needed).filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg))];
const isRoot = process.getuid?.() === 0;

if (missing.length > 0) {
  const command = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`${what} need${forBench ? 's' : ''} these Debian packages, not installed here: ${missing.join(' ')}; install them with: sudo apt-get update && sudo ${command.join(' ')}`);
    process.exit(1);
  }
  console.error(`installing for ${what}: ${missing.join(' ')} (without recommended packages, starting no service)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ownPolicy = !existsSync(POLICY_RC_D);
  // exit 101 = "action forbidden": invoke-rc.d starts no service while the packages install
  if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\n# written by slaguard scripts/ensure-test-deps.mjs for the duration of an install\nexit 101\n', { mode: 0o755 });
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync(command[0], command.slice(1), { stdio: 'inherit', env });
  } finally {
    if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
  }
  disableServices(missing);
}
if (args.includes('--disable-services')) {
  if (!isRoot) {
    console.error('--disable-services needs root');
    process.exit(1);
  }
  disableServices(packages.filter(isInstalled));
}

/** Disables (never starts or stops) every systemd unit and init script the packages ship. */
function disableServices(pkgs) {
  const units = [];
  const scripts = [];
  for (const pkg of pkgs) {
    const pkgUnits = [];
    for (const file of execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8' }).split('\n')) {
      if (/^\/(usr\/)?lib\/systemd\/system\/[^/@]+\.(service|socket|timer|path|target)$/.test(file)) pkgUnits.push(basename(file));
      else if (/^\/etc\/init\.d\/[^/]+$/.test(file)) scripts.push(basename(file));
    }
    // as the package's own maintainer scripts would: removes the *.wants links and remembers the choice
    const env = { ...process.env, DPKG_MAINTSCRIPT_PACKAGE: pkg, DPKG_MAINTSCRIPT_NAME: 'postinst' };
    if (pkgUnits.length > 0 && existsSync('/usr/bin/deb-systemd-helper')) execFileSync('deb-systemd-helper', ['disable', ...pkgUnits], { stdio: 'inherit', env });
    units.push(...pkgUnits);
  }
  const started = startLinks();
  for (const script of scripts.filter((name) => started.includes(name))) execFileSync('update-rc.d', [script, 'disable'], { stdio: 'inherit' });
  for (const link of enabledLinks().filter((l) => units.includes(l.unit))) rmSync(link.path);
  const left = [...enabledLinks().map((l) => l.unit).filter((u) => units.includes(u)), ...startLinks().filter((name) => scripts.includes(name))];
  if (left.length > 0) {
    console.error(`still enabled after disabling: ${left.join(' ')}`);
    process.exit(1);
  }
  if (units.length + scripts.length > 0) console.error(`left disabled: ${[...new Set([...units, ...scripts])].join(' ')}`);
}

/** The links in /etc/systemd/system/*.wants (and *.requires) directories, with the unit each names. */
function enabledLinks() {
  const root = '/etc/systemd/system';
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((d) => d.endsWith('.wants') || d.endsWith('.requires'))
    .flatMap((d) => readdirSync(join(root, d)).map((f) => ({ path: join(root, d, f), unit: basename(readlinkSync(join(root, d, f))) })));
}

/** Init scripts started in some runlevel (an `S` link in /etc/rc?.d). */
function startLinks() {
  return readdirSync('/etc').filter((d) => /^rc[0-6S]\.d$/.test(d))
    .flatMap((d) => readdirSync(join('/etc', d)).filter((f) => /^S\d\d/.test(f)).map((f) => f.slice(3)));
}

function isInstalled(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f', '${Status}', pkg], { encoding: 'utf8' }).includes('install ok installed');
  } catch {
    return false;
  }
}
