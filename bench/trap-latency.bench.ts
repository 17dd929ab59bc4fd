import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '../test/helpers/components.ts';
import { captureTrap } from '../test/helpers/trap-packets.ts';

/** One run's figures: traps sent, pages that arrived, and send-to-arrival latency in ms. */
export interface TrapLatency {
  sent: number; arrived: number; medianMs: number; p99Ms: number; maxMs: number;
  ratePerSecond: number; groupWait: string; loadBefore: number; loadAfter: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const addressOf = (i: number) => `127.10.${Math.floor(i / 250)}.${(i % 250) + 1}`;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

/**
 * A real `slaguard run` with `count` SNMP targets on distinct 127.10.x.y addresses; one UPS-MIB
 * on-battery trap (bytes of real snmptrap) from each address at `ratePerSecond`; the time from
 * each send to the webhook page naming that target, at a local HTTP receiver.
 * `DAEMON_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"` profiles the daemon; `KEEP=1` keeps its database.
 */
export async function benchTrapLatency(opts: { count?: number; ratePerSecond: number; groupWait: string; settleMs?: number }): Promise<TrapLatency> {
  const count = opts.count ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'sgbench-traplat-'));
  const [trapPort, httpPort] = [await freePort(), await freePort()];
  const sentAt = new Map<string, number>();
  const arrivedAt = new Map<string, number>();
  const hook = createServer((req, res) => {
    const at = performance.now();
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      res.end('ok');
      if (req.url !== '/pager') return;
      const page = JSON.parse(body) as { status: string; alerts: Array<{ labels: Record<string, string> }> };
      if (page.status !== 'firing') return;
      for (const a of page.alerts) if (a.labels.target && !arrivedAt.has(a.labels.target)) arrivedAt.set(a.labels.target, at);
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}`;
  const targets = Array.from({ length: count }, (_, i) => `  - { name: ups-${i}, kind: snmp, address: "${addressOf(i)}:9" }`).join('\n');
  writeFileSync(join(dir, 'slaguard.yaml'), `server: { listen: 127.0.0.1:${httpPort} }
storage: { path: ${join(dir, 'slaguard.db')} }
traps: { listen: 127.0.0.1:${trapPort}, communities: [public] }
defaults: { interval: 24h, timeout: 1s }
receivers:
  - { name: pager, webhook: { url: "${hookUrl}/pager" } }
  - { name: other, webhook: { url: "${hookUrl}/other" } }
alerting:
  route:
    receiver: other
    routes:
      - { receiver: pager, matchers: ['alertname="ups-on-battery-trap"'], group_by: [target], group_wait: ${opts.groupWait} }
targets:
${targets}
`);
  const daemon = spawn(process.execPath, [...(process.env.DAEMON_NODE_ARGS?.split(' ') ?? []), join(import.meta.dirname, '../bin/slaguard.js'), 'run', '-c', join(dir, 'slaguard.yaml')], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${httpPort}/healthz`)).ok) break;
      } catch { /* not listening yet */ }
      if (i > 600) throw new Error('slaguard did not start');
      await sleep(100);
    }
    await sleep(opts.settleMs ?? 5000);
    const packet = await captureTrap('v2c');
    const loadBefore = loadavg()[0]!;
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const wait = start + (i * 1000) / opts.ratePerSecond - performance.now();
      if (wait > 0) await sleep(wait);
      const socket = createSocket('udp4');
      await new Promise<void>((r) => socket.bind(0, addressOf(i), r));
      sentAt.set(`ups-${i}`, performance.now());
      await new Promise<void>((r, j) => socket.send(packet, trapPort, '127.0.0.1', (err) => (err ? j(err) : r())));
      socket.close();
    }
    const deadline = performance.now() + 120_000;
    while (arrivedAt.size < count && performance.now() < deadline) await sleep(200);
    const lat = [...arrivedAt].map(([t, at]) => at - sentAt.get(t)!).sort((a, b) => a - b);
    return {
      sent: sentAt.size, arrived: arrivedAt.size, medianMs: quantile(lat, 0.5), p99Ms: quantile(lat, 0.99), maxMs: lat.at(-1) ?? NaN,
      ratePerSecond: opts.ratePerSecond, groupWait: opts.groupWait, loadBefore, loadAfter: loadavg()[0]!,
    };
  } finally {
    daemon.kill('SIGTERM');
    await new Promise((r) => daemon.once('exit', r));
    hook.close();
    if (process.env.KEEP) console.log(dir); else rmSync(dir, { recursive: true, force: true });
  }
}
