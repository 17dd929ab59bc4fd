import { afterEach, describe, expect, it } from 'vitest';
import type { Target } from '../collector/types.ts';
import { openDb, type Db } from '../store/db.ts';
import { StatusLedger } from '../store/status-ledger.ts';
import { FleetIndex } from './fleet-index.ts';

const target = (name: string, kind = 'http', site = 'a'): Target => ({ name, kind, address: '', options: {}, intervalMs: 60_000, timeoutMs: 1_000, labels: { site } });
const shown = (index: FleetIndex) => index.rows().map((r) => `${r.name}:${r.kind}:${r.site}:${r.status}`);

let db: Db;
afterEach(() => db.close());

describe('FleetIndex (the status page rows of a large fleet)', () => {
  it('follows a new target list: new names in order, removed ones gone, changed kind or site, statuses kept', () => {
    db = openDb(':memory:');
    const ledger = new StatusLedger(db, { now: 0, version: 'test' });
    let targets: Target[] = [target('svc-c'), target('svc-a'), target('svc-b')];
    const index = new FleetIndex(ledger, () => targets);
    ledger.record('svc-c', 'down', 'HTTP 500', 1);
    expect(shown(index)).toEqual(['svc-a:http:a:unknown', 'svc-b:http:a:unknown', 'svc-c:http:a:down']);
    ledger.record('svc-a', 'up', 'ok', 2);
    expect(shown(index)).toEqual(['svc-a:http:a:up', 'svc-b:http:a:unknown', 'svc-c:http:a:down']);

    // a reload: new objects, svc-b removed, svc-a moved to another site, two new names (one already in the ledger)
    ledger.record('svc-0', 'up', 'ok', 3);
    targets = [target('svc-d', 'snmp'), target('svc-c'), target('svc-a', 'http', 'b'), target('svc-0')];
    expect(shown(index)).toEqual(['svc-0:http:a:up', 'svc-a:http:b:up', 'svc-c:http:a:down', 'svc-d:snmp:a:unknown']);
    expect(index.target('svc-b')).toBeUndefined();
    expect(index.target('svc-d')).toBe(targets[0]);
    ledger.record('svc-d', 'down', 'timeout', 4);
    ledger.record('svc-b', 'up', 'ok', 5);
    expect(shown(index)).toEqual(['svc-0:http:a:up', 'svc-a:http:b:up', 'svc-c:http:a:down', 'svc-d:snmp:a:down']);

    // the same names again, nothing else changed
    targets = targets.map((t) => ({ ...t }));
    expect(shown(index)).toEqual(['svc-0:http:a:up', 'svc-a:http:b:up', 'svc-c:http:a:down', 'svc-d:snmp:a:down']);
    expect(index.target('svc-a')).toBe(targets[2]);
  });
});
