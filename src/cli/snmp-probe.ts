import type { Command } from 'commander';
import { probeSnmpDevice } from '../../collectors/index.ts';
import { CollectError } from '../errors.ts';
import { METRIC_DEFS } from '../metrics/names.ts';

interface ProbeFlags {
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
    .option('-t, --timeout <seconds>', 'give up after this long', '10')
    .action(async (address: string, f: ProbeFlags) => {
      const options = {
        version: f.version, community: f.community,
        profiles: f.profiles === 'auto' ? 'auto' : f.profiles.split(','),
        ...(f.user ? { v3: { username: f.user, level: f.level, auth_protocol: f.authProtocol, auth_key: f.authKey, priv_protocol: f.privProtocol, priv_key: f.privKey, context: f.context } } : {}),
      };
      try {
        const { device: d, samples } = await probeSnmpDevice(address, options, Number(f.timeout) * 1000);
        console.log(`sysDescr:    ${d.sys_descr ?? ''}`);
        console.log(`sysObjectID: ${d.sys_object_id ?? ''}`);
        console.log(`sysName:     ${d.sys_name ?? ''}`);
        console.log(`class:       ${d.class ?? ''}`);
        console.log(`profiles:    ${(d.profiles ?? '').split(',').join(', ')}`);
        console.log(`\n# ${samples.length} series (a first poll: rates and utilisation appear from the second poll on)`);
        let last = '';
        for (const s of [...samples].sort((a, b) => a.name.localeCompare(b.name))) {
          if (s.name !== last) console.log(`# ${METRIC_DEFS.get(s.name)?.help ?? s.name}`);
          last = s.name;
          const labels = Object.entries(s.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
          console.log(`${s.name}${labels ? `{${labels}}` : ''} ${s.value}`);
        }
      } catch (err) {
        console.error(err instanceof CollectError ? `${err.code}: ${err.message}` : (err as Error).message);
        process.exit(1);
      }
    });
}
