import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { CollectError } from '../../src/errors.ts';
import { DEVICE, IFACE } from '../../src/metrics/names.ts';
import { snmpKind } from './index.ts';

const collector = snmpKind.create({ logger: undefined as never });
afterAll(() => collector.close?.());

async function poll(options: Record<string, unknown>, opts: { port?: number; timeoutMs?: number; name?: string } = {}): Promise<{ samples: Sample[]; error?: CollectError; ms: number }> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const target = {
    name: opts.name ?? JSON.stringify(options), kind: 'snmp', address: `127.0.0.1:${opts.port ?? inject('snmpd').port}`,
    options: snmpKind.optionsSchema.parse(options), intervalMs: 60_000, timeoutMs, labels: {},
  };
  const t0 = performance.now();
  try {
    return { samples: await collector.collect(target, AbortSignal.timeout(timeoutMs)), ms: performance.now() - t0 };
  } catch (err) {
    if (!(err instanceof CollectError)) throw err;
    return { samples: [...err.samples], error: err, ms: performance.now() - t0 };
  }
}
const find = (samples: Sample[], name: string) => samples.filter((s) => s.name === name);

describe('SNMP against a real snmpd', () => {
  it('v2c: detects a net-snmp server and exports uptime, interfaces with names, storage and load', async () => {
    const { samples, error } = await poll({ community: 'public' });
    expect(error).toBeUndefined();
    const info = find(samples, DEVICE.info.name)[0]!;
    expect(info.labels).toMatchObject({ class: 'server', sys_name: 'slaguard-test-snmpd', sys_object_id: '1.3.6.1.4.1.8072.3.2.10' });
    expect(info.labels.profiles!.split(',')).toEqual(expect.arrayContaining(['system', 'if-mib', 'host-resources', 'ucd-snmp']));
    expect(find(samples, DEVICE.uptime.name)[0]!.value).toBeGreaterThan(0);
    const lo = find(samples, IFACE.inOctets.name).find((s) => s.labels.if_name === 'lo');
    expect(lo).toMatchObject({ kind: 'counter', labels: { if_index: '1' } });
    expect(find(samples, IFACE.operUp.name).find((s) => s.labels.if_name === 'lo')!.value).toBe(1);
    const root = find(samples, DEVICE.storageSize.name).find((s) => s.labels.storage === '/');
    expect(root!.value).toBeGreaterThan(1e9);
    expect(find(samples, DEVICE.load1.name)).toHaveLength(1);
  });

  it('v3 authPriv (SHA / AES) polls the same agent', async () => {
    const { samples, error } = await poll({ version: '3', v3: { username: 'upsuser', auth_key: 'authpass123', priv_key: 'privpass123' } });
    expect(error).toBeUndefined();
    expect(find(samples, DEVICE.info.name)[0]!.labels.sys_name).toBe('slaguard-test-snmpd');
  });

  it('v3 with a wrong password is a clear AUTH error', async () => {
    const { error } = await poll({ version: '3', v3: { username: 'upsuser', auth_key: 'wrongpass123', priv_key: 'privpass123' } });
    expect(error).toMatchObject({ code: 'AUTH' });
    expect(error!.message).toMatch(/authentication failed/);
  });

  it('a dead port is a TIMEOUT within the deadline', async () => {
    const { error, ms } = await poll({}, { port: 9, timeoutMs: 1_000 });
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(ms).toBeLessThan(1_500);
  });

  it('a wrong v2c community is a TIMEOUT (agents do not answer it)', async () => {
    const { error } = await poll({ community: 'not-public' }, { timeoutMs: 1_000 });
    expect(error).toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('SNMP against a broken agent', () => {
  it('malformed and truncated responses are counted and dropped; the poll times out, nothing crashes', async () => {
    const { createSocket } = await import('node:dgram');
    const agent = createSocket('udp4');
    const replies = [Buffer.from('garbage, not BER'), Buffer.from('3082ffff0201010406', 'hex'), Buffer.alloc(0)];
    let n = 0;
    agent.on('message', (_msg, rinfo) => agent.send(replies[n++ % replies.length]!, rinfo.port, rinfo.address));
    await new Promise<void>((r) => agent.bind(0, '127.0.0.1', r));
    try {
      const { error, samples } = await poll({ retries: 2 }, { port: agent.address().port, timeoutMs: 1_500, name: 'broken-agent' });
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect(samples.find((s) => s.name === DEVICE.malformed.name)?.value).toBeGreaterThanOrEqual(2);
      // and the collector still polls a healthy agent afterwards
      expect((await poll({ community: 'public' })).error).toBeUndefined();
    } finally {
      agent.close();
    }
  });
});
