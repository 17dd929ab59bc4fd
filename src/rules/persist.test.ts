import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packFromText, rulesRig, sample, target } from '../../test/helpers/rules.ts';
import { openDb } from '../store/db.ts';
import { SqliteAlertStore } from './persist.ts';

const CHARGE = 'slaguard_ups_battery_charge_ratio';
const texts = 'summary: { zh-CN: "电量低 {{ $value | percent }}", en: "charge low {{ $value | percent }}" }\n    description: { zh-CN: 说明, en: details }';
const low = packFromText(`rules:\n  - id: low\n    kind: threshold\n    severity: critical\n    metric: ${CHARGE}\n    below: 0.3\n    for: 2m\n    ${texts}\n`);
const other = packFromText(`rules:\n  - id: other\n    kind: threshold\n    severity: critical\n    metric: ${CHARGE}\n    below: 0.1\n    ${texts}\n`);
const ups = target('ups1');
const dbPath = () => join(mkdtempSync(join(tmpdir(), 'alerts-')), 'slaguard.db');
const store = (db: ReturnType<typeof openDb>) => new SqliteAlertStore(db);
/** Each simulated run opens the database as the daemon does; the previous run is dead by then, and its lock is gone with it. */
const opened: Array<ReturnType<typeof openDb>> = [];
const run = (path: string) => {
  for (const db of opened.splice(0)) db.close();
  const db = openDb(path);
  opened.push(db);
  return db;
};

describe('alert state across restarts', () => {
  it('a firing alert survives kill -9: no second "firing", and it resolves exactly once', () => {
    const path = dbPath();
    const first = rulesRig(low, { db: run(path), alertStore: store });
    first.pollFor(ups, 3 * 60_000, () => [sample(CHARGE, 0.2)]);
    const fired = first.firing('low')[0]!;
    expect(first.changes.map((c) => c.alert.state)).toEqual(['pending', 'firing']);
    // no close: the process died here; a new one opens the same database
    const second = rulesRig(low, { db: run(path), alertStore: store, t0: first.timers.now() + 5 * 60_000 });
    expect(second.firing('low')).toEqual([fired]);
    second.poll(ups, [sample(CHARGE, 0.15)]);
    expect(second.changes).toEqual([]);
    second.poll(ups, [sample(CHARGE, 0.9)]);
    expect(second.changes.map((c) => [c.previous, c.alert.state, c.alert.fingerprint])).toEqual([['firing', 'resolved', fired.fingerprint]]);
    const third = rulesRig(low, { db: run(path), alertStore: store });
    expect(third.active()).toEqual([]);
  });

  it('a pending alert resumes its `for` from when it became pending', () => {
    const path = dbPath();
    const first = rulesRig(low, { db: run(path), alertStore: store });
    first.poll(ups, [sample(CHARGE, 0.2)]);
    const second = rulesRig(low, { db: run(path), alertStore: store, t0: first.timers.now() + 60_000 });
    expect(second.active('low')).toMatchObject([{ state: 'pending', activeAt: first.timers.now() }]);
    second.advance(60_000);
    expect(second.changes.map((c) => [c.previous, c.alert.state])).toEqual([['pending', 'firing']]);
  });

  it('an alert of a rule removed while slaguard was down resolves once at start', () => {
    const path = dbPath();
    const first = rulesRig(other, { db: run(path), alertStore: store });
    first.poll(ups, [sample(CHARGE, 0.05)]);
    const second = rulesRig(low, { db: run(path), alertStore: store });
    expect(second.changes.map((c) => [c.alert.rule, c.previous, c.alert.state])).toEqual([['other', 'firing', 'resolved']]);
    expect(rulesRig(low, { db: run(path), alertStore: store }).changes).toEqual([]);
  });
});

describe('alert state on a full disk', () => {
  it('a refused write neither throws into the engine nor loses a change: every alert fires, waits in memory and is written once there is room', () => {
    const path = dbPath();
    let alertStore: SqliteAlertStore | undefined;
    const rig = rulesRig(low, { db: run(path), alertStore: (db) => (alertStore = new SqliteAlertStore(db, { retryMs: 3_600_000 })) });
    const pages = rig.db.pragma('page_count', { simple: true }) as number;
    rig.db.pragma(`max_page_count = ${pages}`);
    const fleet = Array.from({ length: 60 }, (_, i) => target(`ups${i}`));
    for (const t of fleet) rig.poll(t, [sample(CHARGE, 0.2)]);
    rig.advance(3 * 60_000);
    expect(rig.changes.filter((c) => c.alert.state === 'firing')).toHaveLength(60);
    expect(alertStore!.writeHealth()).toMatchObject({ waiting: 60, failing: 'database or disk is full' });
    expect(alertStore!.writeHealth().failures).toBeGreaterThan(0);

    rig.db.pragma('max_page_count = 1073741823');
    expect(alertStore!.write()).toBe(true);
    expect(alertStore!.writeHealth()).toMatchObject({ waiting: 0, failing: undefined });
    const restarted = rulesRig(low, { db: run(path), alertStore: store });
    expect(restarted.firing('low')).toHaveLength(60);
  });
});
