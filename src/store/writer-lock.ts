import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';

/** Another process holds the write lock of a database: this one must not write it. */
export class DbLockedError extends Error {
  override readonly name = 'DbLockedError';

  constructor(readonly dbPath: string, readonly holderPid: number | undefined) {
    super(
      `${dbPath} is in use by another slaguard (${holderPid === undefined ? 'PID unknown' : `PID ${holderPid}`}): ` +
        'only one process may write a ledger; stop that one first, or give this one its own storage.path',
    );
  }
}

/** The exclusive right to write one database, held until `release()` or the process's death. */
export interface WriterLock {
  readonly lockPath: string;
  release(): void;
}

const SCHEMA = 'CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, since INTEGER NOT NULL)';

/**
 * Takes the writer lock of the database at `dbPath`: a SQLite write transaction held open on
 * `DB.lock` for the life of the process. SQLite's POSIX advisory locks are dropped by the kernel
 * when the process dies (kill -9 included), so a stale lock cannot outlive its holder and a reused
 * PID cannot fake one. The holder's PID is committed in the lock file before the lock is taken
 * for good, so a refused process can name it. The lock file sits beside the database's real path,
 * so the same file reached through a symlink or another relative path meets the same lock.
 * Throws `DbLockedError` when another process holds it.
 */
export function acquireWriterLock(dbPath: string): WriterLock {
  const lockPath = `${realPath(dbPath)}.lock`;
  const db = new Database(lockPath, { timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    if (!begin(db)) throw new DbLockedError(dbPath, holderOf(db));
    db.exec(SCHEMA);
    db.prepare('INSERT OR REPLACE INTO holder (id, pid, since) VALUES (1, ?, ?)').run(process.pid, Date.now());
    db.exec('COMMIT');
    // Between the commit and this second begin another process may win; then it has written its PID.
    if (!begin(db) || holderOf(db) !== process.pid) throw new DbLockedError(dbPath, holderOf(db));
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    throw err;
  }
  let held = true;
  return {
    lockPath,
    release() {
      if (!held) return;
      held = false;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function begin(db: Database.Database): boolean {
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw err;
  }
}

function holderOf(db: Database.Database): number | undefined {
  try {
    return (db.prepare('SELECT pid FROM holder WHERE id = 1').pluck().get() as number | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `path` with every symlink resolved, in the file itself or in its directories (the file may not exist yet). */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}
