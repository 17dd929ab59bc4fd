import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpGet, requireBinary, startProcess, stopProcess, waitFor } from '../helpers/components.ts';

/** A real influxd (Debian `influxdb`, 1.x API) on loopback that a test can stop and start again on the same data. */
export interface Influxd {
  readonly port: number;
  readonly url: string;
  /** Starts the server (again), on the same port and data dir; resolves once /ping answers. */
  start(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Runs an InfluxQL query; returns the `series` of the first result. */
  query(db: string, q: string): Promise<Array<{ name: string; columns: string[]; values: unknown[][] }>>;
}

/** Writes `DIR/influxdb.conf` (and its data folders) for an influxd of our own on loopback, with nothing reported or monitored. */
export function writeInfluxdConfig(dir: string, httpPort: number, rpcPort: number): void {
  for (const sub of ['meta', 'data', 'wal']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'influxdb.conf'), `reporting-enabled = false
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false
[continuous_queries]
  enabled = false
`);
}

/** Prepares a fresh data dir and free ports (HTTP, unless `port` is given, and the RPC port) and starts influxd (unless `start: false`). */
export async function startInfluxd(opts: { start?: boolean; port?: number } = {}): Promise<Influxd> {
  const bin = requireBinary('/usr/bin/influxd', 'influxdb');
  const dir = mkdtempSync(join(tmpdir(), 'influxd-'));
  const port = opts.port ?? (await freePort());
  writeInfluxdConfig(dir, port, await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: ReturnType<typeof startProcess> | undefined;
  const server: Influxd = {
    port, url,
    async start() {
      const proc = startProcess(bin, ['-config', join(dir, 'influxdb.conf')]);
      child = proc;
      await waitFor(`influxd on ${url}`, async () => {
        if (proc.exitCode !== null) throw new Error(`influxd exited: ${proc.output().slice(-500)}`);
        return (await httpGet(`${url}/ping`)).status === 204;
      });
    },
    async stop() {
      await stopProcess(child);
      child = undefined;
    },
    async query(db, q) {
      const res = await fetch(`${url}/query?${new URLSearchParams({ db, q, epoch: 'ms' })}`);
      const body = (await res.json()) as { results: Array<{ series?: Array<{ name: string; columns: string[]; values: unknown[][] }>; error?: string }> };
      if (body.results[0]?.error) throw new Error(body.results[0].error);
      return body.results[0]?.series ?? [];
    },
  };
  if (opts.start !== false) await server.start();
  return server;
}
