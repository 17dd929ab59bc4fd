import { statfsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/collector/types.ts';
import { HOST } from '../../src/metrics/names.ts';
import { hostKind, hostOptionsSchema } from './index.ts';

const target = { name: 'localhost', kind: 'host', address: '', options: hostOptionsSchema.parse({}), intervalMs: 15_000, timeoutMs: 10_000, labels: {} };
const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describe('host collector (this machine)', async () => {
  const samples = await hostKind.create({ logger: undefined as never }).collect(target, AbortSignal.timeout(10_000));

  it('reports total memory as the kernel does, and a used share between 0 and 1', () => {
    expect(find(samples, HOST.memTotal.name)[0]!.value).toBe(totalmem());
    const used = find(samples, HOST.memUtilisation.name)[0]!.value;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(1);
  });

  it('reports CPU utilisation in total and for each core', () => {
    expect(find(samples, HOST.cpuUtilisation.name)).toHaveLength(1);
    expect(find(samples, HOST.cpuCoreUtilisation.name).map((s) => s.labels.cpu)).toEqual(cpus().map((_, i) => String(i)));
    for (const s of find(samples, HOST.cpuCoreUtilisation.name)) expect(s.value).toBeGreaterThanOrEqual(0);
  });

  it('reports the root filesystem with the size statfs gives', () => {
    const root = find(samples, HOST.fsSize.name, { mountpoint: '/' });
    expect(root).toHaveLength(1);
    const st = statfsSync('/');
    expect(root[0]!.value).toBe(st.blocks * st.bsize);
  });

  it('reports network counters per interface, loopback left out by default', () => {
    const ifaces = find(samples, HOST.netRxBytes.name).map((s) => s.labels.interface);
    expect(ifaces.length).toBeGreaterThan(0);
    expect(ifaces).not.toContain('lo');
    for (const name of [HOST.netTxBytes, HOST.netRxPackets, HOST.netRxErrors, HOST.netRxDrops]) {
      expect(find(samples, name.name).length).toBe(ifaces.length);
    }
    expect(find(samples, HOST.netRxBytes.name).every((s) => s.kind === 'counter')).toBe(true);
  });

  it('reports uptime, load and the process count', () => {
    expect(find(samples, HOST.uptime.name)[0]!.value).toBeGreaterThan(0);
    expect(find(samples, HOST.load1.name)).toHaveLength(1);
    expect(find(samples, HOST.processes.name)[0]!.value).toBeGreaterThan(1);
  });
});
