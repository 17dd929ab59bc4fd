import { z } from 'zod';
import { probeSnmpDevice } from '../../collectors/index.ts';
import { duration } from '../config/duration.ts';
import { CollectError } from '../errors.ts';
import { METRIC_DEFS } from '../metrics/names.ts';
import type { ProbeFlags } from './snmp-probe.ts';

/** Which flag sets which option, to name the flag in a problem. */
const FLAG_OF: Record<string, string> = {
  version: '-v/--version', community: '-c/--community', profiles: '-p/--profiles', 'v3.username': '-u/--user', 'v3.level': '-l/--level',
  'v3.auth_protocol': '-a/--auth-protocol', 'v3.auth_key': '-A/--auth-key', 'v3.priv_protocol': '-x/--priv-protocol', 'v3.priv_key': '-X/--priv-key',
};
/** The v3 keys a config names, as the flags that set them. */
const KEY_FLAG: Record<string, string> = { auth_key: '-A/--auth-key', priv_key: '-X/--priv-key' };
const timeoutFlag = duration({ min: 100, max: 3_600_000 });

/** The probe's deadline from `-t`: a duration as in a config (`5s`, `500ms`), or a bare number of seconds. */
export function parseTimeoutFlag(text: string): { ms: number } | { problem: string } {
  const result = timeoutFlag.safeParse(/^\d+(\.\d+)?$/.test(text) ? `${Math.round(Number(text) * 1000)}ms` : text);
  return result.success ? { ms: result.data } : { problem: `-t/--timeout: ${result.error.issues[0]!.message}` };
}

/** One line per problem with the flags, naming the flag, in the config's words. */
function flagProblems(err: z.ZodError): string[] {
  return err.issues.map((issue) => {
    const path = issue.path.map(String);
    const flag = FLAG_OF[path.join('.')] ?? FLAG_OF[path.slice(0, 2).join('.')] ?? FLAG_OF[path[0] ?? ''] ?? (path[0] === 'v3' ? 'SNMPv3 (-v 3)' : path.join('.') || 'flags');
    return `${flag}: ${issue.message.replace(/"(auth_key|priv_key)" or "\1_file"/g, (_, key: string) => KEY_FLAG[key]!)}`;
  });
}

/** `slaguard snmp probe ADDRESS`: prints what the device is, which profiles apply and every series it would export. */
export async function probe(address: string, f: ProbeFlags): Promise<void> {
  const options = {
    version: f.version, community: f.community,
    profiles: f.profiles === 'auto' ? 'auto' : f.profiles.split(','),
    ...(f.user ? { v3: { username: f.user, level: f.level, auth_protocol: f.authProtocol, auth_key: f.authKey, priv_protocol: f.privProtocol, priv_key: f.privKey, context: f.context } } : {}),
  };
  const timeout = parseTimeoutFlag(f.timeout);
  if ('problem' in timeout) fail([timeout.problem]);
  try {
    const { device: d, samples } = await probeSnmpDevice(address, options, timeout.ms);
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
    if (err instanceof z.ZodError) fail(flagProblems(err));
    fail([err instanceof CollectError ? `${err.code}: ${err.message}` : (err as Error).message]);
  }
}

function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}
