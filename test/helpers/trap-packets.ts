import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from './components.ts';

const persist = mkdtempSync(join(tmpdir(), 'snmptrap-'));

/** The v3 user the captured v3 trap is sent as (authPriv, SHA / AES). */
export const V3_USER = { username: 'upsuser', auth_key: 'authpass123', priv_key: 'privpass123' };

/** Security options of Debian's snmptrap for each version. */
export const TRAP_SECURITY = {
  v1: ['-v1', '-c', 'public'],
  v2c: ['-v2c', '-c', 'public'],
  v3: ['-v3', '-l', 'authPriv', '-u', 'upsuser', '-a', 'SHA', '-A', 'authpass123', '-x', 'AES', '-X', 'privpass123', '-e', '0x80001f8880aabbccdd01'],
} as const;

/** The bytes real `snmptrap` sends: a UPS on-battery trap with a varbind, in v1, v2c or v3 (authPriv). */
export async function captureTrap(version: 'v1' | 'v2c' | 'v3'): Promise<Buffer> {
  const snmptrap = requireBinary('/usr/bin/snmptrap', 'snmp');
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  const port = socket.address().port;
  const got = new Promise<Buffer>((resolve) => socket.once('message', (msg) => resolve(msg)));
  const trap = version === 'v1'
    ? ['1.3.6.1.4.1.318', '127.0.0.1', '6', '5', '0', '1.3.6.1.2.1.33.1.2.3.0', 'i', '12']
    : ['', '1.3.6.1.2.1.33.2.1', '1.3.6.1.2.1.33.1.2.3.0', 'i', '12'];
  const run = spawnSync(snmptrap, [...TRAP_SECURITY[version], `127.0.0.1:${port}`, ...trap], { encoding: 'utf8', env: { ...process.env, SNMP_PERSISTENT_DIR: persist, MIBS: '' } });
  if (run.status !== 0) throw new Error(`snmptrap failed: ${run.stderr}`);
  const packet = await got;
  socket.close();
  return packet;
}
