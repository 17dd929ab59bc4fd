import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbLockedError, openDb, openDbReadOnly } from './db.ts';
import { StatusLedger } from './status-ledger.ts';

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'db-')), 'slaguard.db');
const digest = (path: string) => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent');

describe('openDb', () => {
  it('lets one writer in at a time, naming the holder; the lock goes with close()', () => {
    const path = dbPath();
    const first = openDb(path);
    let refused: unknown;
    try {
      openDb(path);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DbLockedError);
    expect((refused as Error).message).toBe(
      `${path} is in use by another slaguard (PID ${process.pid}): only one process may write a ledger; stop that one first, or give this one its own storage.path`,
    );
    first.close();
    openDb(path).close();
  });

  it('refuses a second writer that reaches the same database through a symlink to the file or to its directory', () => {
    const path = dbPath();
    const other = join(dirname(path), 'other');
    mkdirSync(other);
    symlinkSync(path, join(other, 'link.db'));
    symlinkSync(dirname(path), join(other, 'dir'));
    const first = openDb(path);
    try {
      expect(() => openDb(join(other, 'link.db'))).toThrow(DbLockedError);
      expect(() => openDb(join(other, 'dir', 'slaguard.db'))).toThrow(`${join(other, 'dir', 'slaguard.db')} is in use by another slaguard (PID ${process.pid})`);
    } finally {
      first.close();
    }
    const viaLink = openDb(join(other, 'link.db'));
    expect(() => openDb(path)).toThrow(DbLockedError);
    viaLink.close();
  });
});

describe('openDbReadOnly', () => {
  it('reads the ledger while the writer has it open and changes neither the database nor its WAL', () => {
    const path = dbPath();
    const db = openDb(path);
    const ledger = new StatusLedger(db, { now: 1_000, version: 'test' });
    ledger.register('web', 1_000);
    ledger.record('web', 'up', 'ok', 2_000);
    ledger.flush();
    const before = [digest(path), digest(`${path}-wal`)];

    const reader = openDbReadOnly(path);
    expect(reader.prepare('SELECT status FROM status_transitions ORDER BY id').pluck().all()).toEqual(['unknown', 'up']);
    expect(() => reader.prepare("INSERT INTO events (at, source, kind, severity, summary, details) VALUES (1, 'x', 'x', 'info', 'x', '{}')").run()).toThrow(/readonly/);
    reader.close();

    expect([digest(path), digest(`${path}-wal`)]).toEqual(before);
    ledger.record('web', 'down', 'x', 3_000);
    expect(ledger.flush()).toBe(true);
    db.close();
  });

  it('never creates a database and names a missing one in one line', () => {
    const path = dbPath();
    expect(() => openDbReadOnly(path)).toThrow(`${path}: there is no database here; check the path (the daemon creates the database when it first starts)`);
    expect(existsSync(path)).toBe(false);
  });
});
