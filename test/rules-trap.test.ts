import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import type { Alert } from '../src/rules/types.ts';
import { freePort, requireBinary, waitFor } from './helpers/components.ts';

let app: App;
let port = 0;
const snmptrap = requireBinary('/usr/bin/snmptrap', 'snmp');
const persist = mkdtempSync(join(tmpdir(), 'snmptrap-'));
const changes: Array<{ alert: Alert; previous: string }> = [];

const send = (args: string[]) => {
  const run = spawnSync(snmptrap, args, { encoding: 'utf8', env: { ...process.env, SNMP_PERSISTENT_DIR: persist, MIBS: '' } });
  if (run.status !== 0) throw new Error(`snmptrap failed: ${run.stderr}`);
};

beforeAll(async () => {
  port = await freePort();
  app = buildApp(parseConfigText(`storage: { path: ':memory:' }
traps: { listen: 127.0.0.1:${port}, communities: [public] }
targets:
  - { name: ups-a1, kind: snmp, address: 127.0.0.1, interval: 1h, labels: { site: 主机房 } }
`, { file: 'traps.yaml', baseDir: process.cwd() }));
  app.rules.onChange((alert, previous) => changes.push({ alert, previous }));
  await app.start();
});
afterAll(async () => app?.stop());

describe('a trap through the default pack', () => {
  it('a UPS-MIB on-battery trap from snmptrap fires ups-on-battery-trap at once, in Chinese; APC power-restored resolves it', async () => {
    send(['-v2c', '-c', 'public', `127.0.0.1:${port}`, '', '1.3.6.1.2.1.33.2.1', '1.3.6.1.2.1.33.1.2.3.0', 'i', '12']);
    await waitFor('the on-battery alert', () => app.rules.firing('ups-on-battery-trap').length === 1);
    expect(app.rules.firing('ups-on-battery-trap')[0]).toMatchObject({
      severity: 'critical',
      labels: { alertname: 'ups-on-battery-trap', target: 'ups-a1', site: '主机房' },
      summary: { 'zh-CN': 'UPS ups-a1 发出电池供电告警（Trap）' },
    });
    // APC's powerRestored (v1, enterprise-specific 9) is the opposite event
    send(['-v1', '-c', 'public', `127.0.0.1:${port}`, '1.3.6.1.4.1.318', '127.0.0.1', '6', '9', '0']);
    await waitFor('the alert to resolve', () => app.rules.active().length === 0);
    expect(changes.map((c) => `${c.previous}->${c.alert.state}`)).toEqual(['inactive->firing', 'firing->resolved']);
  });
});
