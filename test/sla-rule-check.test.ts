import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { parseConfigText } from '../src/config/load.ts';
import { FakeClock, MIN, ScriptedAlerts } from './helpers/alerting.ts';

/** An SLA service whose health is a rule check follows that rule's alerts through the daemon's wiring. */
const clock = new FakeClock(Date.now());
const source = new ScriptedAlerts(clock);
let app: App;

beforeAll(async () => {
  app = buildApp(parseConfigText(`storage: { path: ':memory:' }
sla:
  agencies:
    - id: power
      name: { zh-CN: 动力环境, en: Power }
      contract: { version: "1", effective: "2026-01-01" }
      services:
        - { id: ups-power, category: infrastructure, health: { checks: [ { rule: ups-on-battery } ] }, availability: 99.9 }
`, { file: 'sla-rule-check.yaml', baseDir: process.cwd() }), { alertSource: source, alertingClock: clock });
  await app.start();
});
afterAll(async () => app?.stop());

async function state(): Promise<string | undefined> {
  const body = (await app.server.inject({ method: 'GET', url: '/metrics' })).body;
  return /^slaguard_sla_service_state\{[^}]*state="(\w+)"[^}]*service="ups-power"[^}]*\} 1$|^slaguard_sla_service_state\{[^}]*service="ups-power"[^}]*state="(\w+)"[^}]*\} 1$/m.exec(body)?.slice(1).find(Boolean);
}

describe('an SLA { rule: ID } check', () => {
  it('is down while any alert of the rule fires, and up once the last one resolves', async () => {
    const a = source.fire('ups-on-battery', { target: 'ups-1' });
    expect(await state()).toBe('down');
    clock.advance(MIN);
    const b = source.fire('ups-on-battery', { target: 'ups-2' });
    clock.advance(MIN);
    source.resolve(a);
    expect(await state()).toBe('down');
    clock.advance(MIN);
    source.resolve(b);
    expect(await state()).toBe('up');
  });
});
