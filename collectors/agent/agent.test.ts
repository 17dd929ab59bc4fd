import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { parseConfigText } from '../../src/config/load.ts';
import { freePort, httpGet, stopProcess, waitFor } from '../../test/helpers/components.ts';
import { startSlaguard } from '../../test/helpers/slaguard.ts';

const TOKEN = 'agent-token-0123456789';
let agent: ReturnType<typeof startSlaguard>;
let agentUrl = '';
let app: App;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-test-'));
  writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
  const port = await freePort();
  agent = startSlaguard(['agent', '--listen', `127.0.0.1:${port}`, '--token-file', join(dir, 'token')]);
  agentUrl = `http://127.0.0.1:${port}/metrics`;
  await waitFor(`slaguard agent on port ${port}`, async () => (await httpGet(agentUrl.replace('/metrics', '/healthz'))).status === 200);

  const config = parseConfigText(
    `storage: { path: ':memory:' }
targets:
  - { name: db01, kind: agent, address: "${agentUrl}", options: { bearer_token: ${TOKEN} }, labels: { site: 主机房 } }
  - { name: db01-bad-token, kind: agent, address: "${agentUrl}", options: { bearer_token: wrong-token-0000 } }
  - { name: web01-node, kind: agent, address: "${inject('nodeExporter').url}" }
`,
    { file: 'test.yaml', baseDir: dir },
  );
  app = buildApp(config);
  app.start();
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await stopProcess(agent);
});

describe('agent collector', () => {
  it('polls a real `slaguard agent` with its bearer token: host series arrive with the target\'s labels', async () => {
    const outcome = await app.scheduler.pollNow('db01');
    expect(outcome?.error).toBeUndefined();
    const metrics = await app.exporter.render();
    expect(metrics).toMatch(/^slaguard_host_memory_total_bytes\{target="db01",site="主机房"\} [1-9]\d+$/m);
    expect(metrics).toMatch(/^slaguard_host_filesystem_size_bytes\{mountpoint="\/",.*target="db01",site="主机房"/m);
    expect(metrics).toMatch(/^slaguard_target_up\{kind="agent",target="db01",site="主机房"\} 1$/m);
    // the agent's own process metrics are not relayed as if they were the host's
    expect(metrics).not.toMatch(/^slaguard_(process|nodejs)_\w+\{target="db01"/m);
  });

  it('a wrong token is an AUTH failure and the target is down', async () => {
    const outcome = await app.scheduler.pollNow('db01-bad-token');
    expect(outcome?.error).toMatchObject({ code: 'AUTH' });
    expect(app.ledger.statusOf('db01-bad-token')).toMatchObject({ status: 'down' });
    expect(await app.exporter.render()).toMatch(/^slaguard_poll_errors_total\{reason="auth",target="db01-bad-token"\} 1$/m);
  });

  it('polls a real node_exporter: its counters and gauges arrive, typed as node_exporter typed them', async () => {
    const outcome = await app.scheduler.pollNow('web01-node');
    expect(outcome?.error).toBeUndefined();
    const metrics = await app.exporter.render();
    expect(metrics).toMatch(/^node_memory_MemTotal_bytes\{target="web01-node"\} [1-9]/m);
    expect(metrics).toMatch(/^# TYPE node_cpu_seconds_total counter$/m);
    expect(metrics).toMatch(/^node_cpu_seconds_total\{cpu="0",mode="idle",target="web01-node"\} \d/m);
    expect(metrics).not.toMatch(/^go_goroutines\{target="web01-node"/m);
  });
});
