import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { freePort, httpGet, requireBinary, startProcess, stopProcess, waitFor } from '../helpers/components.ts';

/** What tests get: Alertmanager's URL, and the recorder its webhook receiver posts to (`GET /received` lists the bodies). */
export interface AlertmanagerInfo {
  url: string;
  hookUrl: string;
}

/**
 * Starts a real Alertmanager (Debian prometheus-alertmanager, no clustering) whose one route sends
 * every group (by alertname, 1 s waits, resolved too) to a webhook recorder served from this process.
 */
export async function startAlertmanager(dir: string): Promise<{ info: AlertmanagerInfo; process: ChildProcess; close(): Promise<void> }> {
  const bin = requireBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');
  const received: unknown[] = [];
  const hook: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST') received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'GET' ? JSON.stringify(received) : '{}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  hook.unref();
  const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}`;

  const amDir = join(dir, 'alertmanager');
  mkdirSync(amDir);
  writeFileSync(join(amDir, 'alertmanager.yml'), `route:
  receiver: hook
  group_by: ['alertname']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: hook
    webhook_configs:
      - url: '${hookUrl}/hook'
        send_resolved: true
`);
  const port = await freePort();
  const am = startProcess(bin, [
    `--config.file=${join(amDir, 'alertmanager.yml')}`, `--storage.path=${join(amDir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=',
  ]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`Alertmanager on ${url}`, async () => (await httpGet(`${url}/-/ready`)).status === 200);
  } catch (err) {
    await stopProcess(am);
    hook.close();
    throw new Error(`${(err as Error).message}\n${am.output().slice(-500)}`, { cause: err });
  }
  return {
    info: { url, hookUrl },
    process: am,
    close: () => new Promise<void>((r) => hook.close(() => r())),
  };
}
