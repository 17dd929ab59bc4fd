import { readdir, readFile } from 'node:fs/promises';
import { loadavg, uptime } from 'node:os';
import si from 'systeminformation';
import type { Sample } from '../../src/collector/types.ts';
import { HOST, LABEL } from '../../src/metrics/names.ts';

/** What the host reader leaves out; patterns are matched against the whole name. */
export interface HostFilters {
  excludeMountpoints: RegExp;
  excludeFsTypes: ReadonlySet<string>;
  excludeInterfaces: RegExp;
}

/** Reads the local host once and returns its samples (CPU, memory, filesystems, disks, network, uptime). */
export async function readHost(filters: HostFilters, now: () => number = Date.now): Promise<Sample[]> {
  const [load, mem, filesystems, diskIo, fsStats, nets, processes] = await Promise.all([
    si.currentLoad(),
    si.mem(),
    si.fsSize(),
    si.disksIO().catch(() => null),
    si.fsStats().catch(() => null),
    si.networkStats('*'),
    countProcesses(),
  ]);
  const ts = now();
  const out: Sample[] = [];
  const gauge = (def: { name: string }, value: number | null | undefined, labels: Record<string, string> = {}) => {
    if (value !== null && value !== undefined && Number.isFinite(value)) out.push({ name: def.name, labels, value, ts, kind: 'gauge' });
  };
  const counter = (def: { name: string }, value: number | null | undefined, labels: Record<string, string> = {}) => {
    if (value !== null && value !== undefined && Number.isFinite(value) && value >= 0) out.push({ name: def.name, labels, value, ts, kind: 'counter' });
  };

  gauge(HOST.cpuUtilisation, load.currentLoad / 100);
  load.cpus.forEach((cpu, i) => gauge(HOST.cpuCoreUtilisation, cpu.load / 100, { [LABEL.cpu]: String(i) }));
  const [l1, l5, l15] = loadavg();
  gauge(HOST.load1, l1);
  gauge(HOST.load5, l5);
  gauge(HOST.load15, l15);

  const used = mem.total - mem.available;
  gauge(HOST.memTotal, mem.total);
  gauge(HOST.memAvailable, mem.available);
  gauge(HOST.memUsed, used);
  gauge(HOST.memUtilisation, mem.total > 0 ? used / mem.total : null);
  gauge(HOST.swapTotal, mem.swaptotal);
  gauge(HOST.swapUsed, mem.swapused);

  const seenMounts = new Set<string>();
  for (const fs of filesystems) {
    if (filters.excludeFsTypes.has(fs.type) || filters.excludeMountpoints.test(fs.mount) || seenMounts.has(fs.mount)) continue;
    seenMounts.add(fs.mount);
    const labels = { [LABEL.mountpoint]: fs.mount, [LABEL.device]: fs.fs, [LABEL.fstype]: fs.type };
    gauge(HOST.fsSize, fs.size, labels);
    gauge(HOST.fsUsed, fs.used, labels);
    gauge(HOST.fsAvailable, fs.available, labels);
    // As df prints Use%: space reserved for root counts as neither used nor available.
    gauge(HOST.fsUtilisation, fs.used + fs.available > 0 ? fs.used / (fs.used + fs.available) : null, labels);
  }

  counter(HOST.diskReads, diskIo?.rIO);
  counter(HOST.diskWrites, diskIo?.wIO);
  counter(HOST.diskReadBytes, fsStats?.rx);
  counter(HOST.diskWrittenBytes, fsStats?.wx);

  for (const net of nets) {
    if (filters.excludeInterfaces.test(net.iface)) continue;
    const labels = { [LABEL.iface]: net.iface };
    counter(HOST.netRxBytes, net.rx_bytes, labels);
    counter(HOST.netTxBytes, net.tx_bytes, labels);
    counter(HOST.netRxErrors, net.rx_errors, labels);
    counter(HOST.netTxErrors, net.tx_errors, labels);
    counter(HOST.netRxDrops, net.rx_dropped, labels);
    counter(HOST.netTxDrops, net.tx_dropped, labels);
    const packets = await readPackets(net.iface);
    counter(HOST.netRxPackets, packets?.rx, labels);
    counter(HOST.netTxPackets, packets?.tx, labels);
    gauge(HOST.netUp, net.operstate === 'up' ? 1 : 0, labels);
  }

  gauge(HOST.uptime, uptime());
  gauge(HOST.processes, processes);
  return out;
}

/** Packet counters are not in systeminformation; Linux has them in sysfs. */
async function readPackets(iface: string): Promise<{ rx: number; tx: number } | null> {
  if (process.platform !== 'linux' || iface.includes('/')) return null;
  try {
    const dir = `/sys/class/net/${iface}/statistics`;
    const [rx, tx] = await Promise.all([readFile(`${dir}/rx_packets`, 'utf8'), readFile(`${dir}/tx_packets`, 'utf8')]);
    return { rx: Number(rx), tx: Number(tx) };
  } catch {
    return null;
  }
}

/** Counting /proc entries is far cheaper than listing processes; elsewhere ask systeminformation. */
async function countProcesses(): Promise<number> {
  if (process.platform === 'linux') {
    const entries = await readdir('/proc');
    return entries.filter((e) => /^\d+$/.test(e)).length;
  }
  return (await si.processes()).all;
}
