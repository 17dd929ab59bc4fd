import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { probeSnmpDevice } from '../../collectors/index.ts';
import { buildApp, type App } from '../../src/app.ts';
import { parseConfigText } from '../../src/config/load.ts';
import { targetSeries } from '../../src/state/series-sink.ts';

const key = (s: { name: string; labels: Readonly<Record<string, string>> }) =>
  `${s.name}{${Object.keys(s.labels).filter((k) => k !== 'target').sort().map((k) => `${k}=${s.labels[k]}`).join(',')}}`;

/** Issue 6 item 20: `slaguard snmp probe` printed some series two or three times; the daemon exported each once. */
const RECORDINGS = ['ups/eaton-93e-80', 'ups/eatonups', 'power-env/tripplite-poweralert', 'power-env/apc-7902b', 'network/huawei-s5720'];

let app: App;
beforeAll(async () => {
  const sim = `127.0.0.1:${inject('snmpsim').port}`;
  const targets = RECORDINGS.map((c, i) => `  - { name: dev${i}, kind: snmp, address: "${sim}", interval: 1h, timeout: 20s, options: { community: "${c}" } }`);
  app = buildApp(parseConfigText(`storage: { path: ':memory:' }\nscheduler: { jitter: false }\ntargets:\n${targets.join('\n')}\n`, { file: 'p.yaml', baseDir: process.cwd() }));
  await app.start();
  await Promise.all(app.scheduler.targets().map((t) => app.scheduler.pollNow(t.name)));
}, 60_000);
afterAll(async () => app?.stop());

describe('snmp probe and the daemon show the same series', () => {
  it.each(RECORDINGS.map((community, i) => ({ community, target: `dev${i}` })))('$community', async ({ community, target }) => {
    const probe = await probeSnmpDevice(`127.0.0.1:${inject('snmpsim').port}`, { community }, 20_000);
    const probed = probe.samples.map(key);
    expect(probed.filter((k, i) => probed.indexOf(k) !== i), 'series the probe prints twice').toEqual([]);
    const exported = targetSeries(app.store, target).map(key);
    expect(new Set(probed)).toEqual(new Set(exported));
  });
});
