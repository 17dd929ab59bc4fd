import type { Command } from 'commander';

/** The `slaguard snmp probe` flags. */
export interface ProbeFlags {
  version: string; community: string; user?: string; level: string; authProtocol: string; authKey?: string;
  privProtocol: string; privKey?: string; context: string; profiles: string; timeout: string;
}

/** `slaguard snmp probe ADDRESS`: what the device is, which profiles apply, every series it would export. */
export function registerSnmpCommands(program: Command): void {
  const snmp = program.command('snmp').description('SNMP tools');
  snmp
    .command('probe <address>')
    .description('identify an SNMP device (host[:port]) and print every metric slaguard would export for it')
    .option('-v, --version <1|2c|3>', 'SNMP version', '2c')
    .option('-c, --community <community>', 'v1/v2c community', 'public')
    .option('-u, --user <name>', 'SNMPv3 user')
    .option('-l, --level <level>', 'SNMPv3 level: noAuthNoPriv, authNoPriv, authPriv', 'authPriv')
    .option('-a, --auth-protocol <p>', 'md5, sha, sha224, sha256, sha384, sha512', 'sha')
    .option('-A, --auth-key <key>', 'SNMPv3 authentication passphrase')
    .option('-x, --priv-protocol <p>', 'aes, aes256b, aes256r, des', 'aes')
    .option('-X, --priv-key <key>', 'SNMPv3 privacy passphrase')
    .option('-n, --context <name>', 'SNMPv3 context', '')
    .option('-p, --profiles <list>', 'auto, or profile names separated by commas', 'auto')
    .option('-t, --timeout <duration>', 'give up after this long: 5s, 500ms, or a number of seconds', '10s')
    .action(async (address: string, f: ProbeFlags) => (await import('./snmp-probe-run.ts')).probe(address, f));
}
