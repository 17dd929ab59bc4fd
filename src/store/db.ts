import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';
import { storageError, StorageError } from './storage-error.ts';
import { acquireWriterLock, DbLockedError, type WriterLock } from './writer-lock.ts';

export type Db = Database.Database;
export { DbLockedError, StorageError };

const writers = new WeakSet<Db>();

/**
 * Opens (creating if needed) the embedded SQLite store for writing and brings its schema up to date.
 * Takes the database's writer lock first (see `acquireWriterLock`): a second process gets
 * `DbLockedError` and nothing is written; the lock goes with `db.close()` or the process.
 * An unusable path gives `StorageError` (one line: path, cause, fix).
 * WAL mode with synchronous=FULL: a committed SLA record survives `kill -9` and power loss.
 */
export function openDb(path: string): Db {
  if (path === ':memory:') {
    const db = configure(new Database(path));
    writers.add(db);
    return db;
  }
  let lock: WriterLock | undefined;
  let db: Db | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (isDirectory(path)) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    lock = acquireWriterLock(path);
    const opened = new Database(path);
    try {
      db = configure(opened);
    } catch (err) {
      opened.close();
      throw err;
    }
  } catch (err) {
    lock?.release();
    if (err instanceof DbLockedError) throw err;
    throw storageError(path, err);
  }
  const close = db.close.bind(db);
  db.close = () => {
    close();
    lock.release();
    return db;
  };
  writers.add(db);
  return db;
}

/**
 * Opens an existing database for reading only (reports, evidence export, the CLI), safe while the
 * daemon runs: no lock taken, no migration, no checkpoint, no write of any kind (query_only).
 * SQLite may create the empty `-wal`/`-shm` companions a WAL reader needs; the database is unchanged.
 */
export function openDbReadOnly(path: string): Db {
  if (!existsSync(path)) throw new StorageError(path, 'there is no database here', 'check the path (the daemon creates the database when it first starts)');
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    throw storageError(path, err);
  }
}

/** Whether `db` was opened by `openDb` in this process and so holds its writer lock. */
export function holdsWriterLock(db: Db): boolean {
  return writers.has(db) && db.open;
}

function configure(db: Db): Db {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Applies every migration newer than the schema's version, each in its own transaction. */
export function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  // Branches add migrations out of order in the list; they always apply in version order.
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    })();
  }
}
