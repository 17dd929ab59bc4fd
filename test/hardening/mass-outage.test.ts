import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTING, RULES } from '../../src/metrics/names.ts';
import { openDbReadOnly } from '../../src/store/db.ts';
import { freePort, waitFor } from '../helpers/components.ts';
import { startRecorder } from '../helpers/http-recorder.ts';
import { startSlaguard } from '../helpers/slaguard.ts';

/** Enough targets that a cost per alert change growing with the open alerts stalls the daemon (it did before issue 6 was fixed). */
const N = 4000;
/** A loopback port nothing listens on: every poll is refused at once, as in a network partition. */
const CLOSED = 'http://127.0.0.1:9/';
const dir = mkdtempSync(join(tmpdir(), 'mass-outage-'));
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let daemon: ReturnType<typeof startSlaguard> | undefined;
let base = '';

/** /healthz answers that did not come within 10 s (the daemon's event loop was stuck), watched the whole run. */
const unanswered: string[] = [];
let watching = true;
let watcher: Promise<void> | undefined;

const metrics = async () => (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(20_000) })).text();
const sum = (text: string, name: string, labels: RegExp) =>
  [...text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))].filter((m) => labels.test(m[1]!)).reduce((a, m) => a + Number(m[2]), 0);

interface HookBody { title: string; text: string; alerts: Array<{ status: string; labels: Record<string, string> }> }
const notifications = () => recorder.requests.filter((r) => r.path === '/noc').map((r) => ({ bytes: r.body.length, body: JSON.parse(r.body) as HookBody }));

beforeAll(async () => {
  recorder = await startRecorder();
  base = `http://127.0.0.1:${await freePort()}`;
  writeFileSync(join(dir, 'rules.yaml'), `rules:
  - id: http-probe-failing
    kind: target_status
    severity: critical
    status: [down]
    kinds: [http]
    for: 1s
    labels: { category: application }
    summary: { zh-CN: "应用 {{ $labels.target }} 访问失败", en: "Application {{ $labels.target }} probe failing" }
    description: { zh-CN: "HTTP 探测失败。", en: "The HTTP probe fails." }
`);
  const targets = Array.from({ length: N }, (_, i) =>
    `  - { name: app-${String(i).padStart(4, '0')}, kind: http, address: "${CLOSED}", interval: 20s, timeout: 5s, labels: { site: site-${i % 7} } }`);
  writeFileSync(join(dir, 'slaguard.yaml'), `server: { listen: "${base.slice('http://'.length)}" }
storage: { path: data/slaguard.db }
scheduler: { shutdown_grace: 5s }
rule_files: [rules.yaml]
receivers:
  - { name: noc, webhook: { url: "${recorder.url}/noc" } }
alerting:
  lang: en
  route: { receiver: noc, group_by: [category], group_wait: 2s, group_interval: 3s }
targets:
${targets.join('\n')}
`);
  daemon = startSlaguard(['run', '--config', join(dir, 'slaguard.yaml'), '--log-level', 'warn'], { cwd: dir });
  await waitFor('the daemon listening', async () => (await fetch(`${base}/healthz`)).ok, 60_000);
  watcher = (async () => {
    while (watching && daemon?.exitCode === null) {
      const at = new Date().toISOString();
      try {
        await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
      } catch (err) {
        if (watching && daemon?.exitCode === null) unanswered.push(`${at}: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
}, 90_000);

afterAll(async () => {
  watching = false;
  const d = daemon;
  if (d !== undefined && d.exitCode === null && d.signalCode === null) {
    const exited = new Promise((r) => d.once('exit', r));
    d.kill('SIGKILL');
    await exited;
  }
  await watcher;
  await recorder?.stop();
});

describe(`${N} targets going down at once (a network partition)`, () => {
  it('every target alert fires, one incident each, /healthz answers throughout, and one bounded notification counts them all', { timeout: 150_000 }, async () => {
    let firing = 0;
    await waitFor(`all ${N} alerts firing on /metrics`, async () => (firing = sum(await metrics(), RULES.alerts.name, /state="firing"/)) === N, 90_000)
      .catch((err: Error) => { throw new Error(`${err.message} (${firing} firing at the last look; /healthz unanswered: ${unanswered.length})`); });
    await waitFor(`${N} open incidents on /metrics`, async () => sum(await metrics(), ALERTING.incidentsOpen.name, /level=/) === N, 30_000);
    await waitFor(`a notification counting all ${N} firing alerts`, () => notifications().some((n) => n.body.title.endsWith(`and ${N - 1} more`)), 30_000);

    const all = notifications();
    const full = all.find((n) => n.body.title.endsWith(`and ${N - 1} more`))!;
    expect(full.body.alerts.length).toBe(100);
    expect(full.body.alerts.every((a) => a.status === 'firing' && a.labels.alertname === 'http-probe-failing')).toBe(true);
    expect(full.body.text).toContain(`… and ${N - 20} more alerts not listed here (${N - 20} firing, 0 resolved)`);
    expect(full.body.text.split('\n\n').length).toBe(20 + 2);
    // bounded: about the same size with 4,000 alerts as with 100
    expect(Math.max(...all.map((n) => n.bytes))).toBeLessThan(150_000);
    expect(unanswered).toEqual([]);
  });

  it('SIGTERM stops it cleanly: exit 0, and every target gets its "slaguard stopped" row', { timeout: 120_000 }, async () => {
    const d = daemon!;
    watching = false;
    await watcher;
    const exited = new Promise<number | null>((r) => d.once('exit', (code) => r(code)));
    d.kill('SIGTERM');
    let code: number | null | 'hung' = 'hung';
    await waitFor('the daemon exiting after SIGTERM', async () => {
      code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 200))]);
      return code !== 'hung';
    }, 60_000);
    expect(code, d.output().slice(-2000)).toBe(0);
    const db = openDbReadOnly(join(dir, 'data', 'slaguard.db'));
    try {
      const stopped = db.prepare("SELECT COUNT(DISTINCT target) AS n FROM status_transitions WHERE status = 'unknown' AND reason = 'slaguard stopped'").get() as { n: number };
      const down = db.prepare("SELECT COUNT(DISTINCT target) AS n FROM status_transitions WHERE status = 'down'").get() as { n: number };
      const runs = db.prepare('SELECT stop_kind FROM daemon_runs').all();
      const incidents = db.prepare('SELECT COUNT(*) AS n FROM incidents').get() as { n: number };
      expect({ stopped: stopped.n, down: down.n, runs, incidents: incidents.n }).toEqual({ stopped: N, down: N, runs: [{ stop_kind: 'clean' }], incidents: N });
    } finally {
      db.close();
    }
  });
});
