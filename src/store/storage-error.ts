import { accessSync, constants, statSync } from 'node:fs';
import { dirname, parse, sep } from 'node:path';

/** The database path cannot be used; `message` is one line: the path, the cause, what to do. */
export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(readonly path: string, readonly why: string, readonly fix: string, cause?: unknown) {
    super(`${path}: ${why}; ${fix}`, cause === undefined ? undefined : { cause });
  }
}

const FIX_PATH = 'set storage.path to a file in a writable directory';

/** Explains why opening the database at `path` failed, looking at the file system to tell the causes apart. */
export function storageError(path: string, err: unknown): StorageError {
  const code = (err as { code?: string }).code ?? '';
  const fileThere = kindOf(path);
  if (fileThere === 'directory') return new StorageError(path, 'is a directory, not a database file', `remove it or ${FIX_PATH}`, err);
  const blocker = firstNonDirectory(dirname(path));
  if (blocker !== undefined || code === 'ENOTDIR') {
    return new StorageError(path, `${blocker ?? 'a part of the path'} is a file, not a directory`, `move that file away or ${FIX_PATH}`, err);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StorageError(path, 'is not a slaguard database (not SQLite, or damaged)', `move it away (slaguard then creates a new one) or ${FIX_PATH}`, err);
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new StorageError(path, 'the disk is full', 'free some space and start slaguard again', err);
  const dir = dirname(path);
  const dirDenied = notWritable(dir);
  if (dirDenied === 'EROFS') return new StorageError(path, `the directory ${dir} is on a read-only file system`, `mount it read-write or ${FIX_PATH}`, err);
  if (dirDenied !== undefined) return new StorageError(path, `the directory ${dir} is read-only for this user`, `give the user slaguard runs write access to it or ${FIX_PATH}`, err);
  if (fileThere === 'file' && notWritable(path) !== undefined) return new StorageError(path, 'the file is read-only for this user', `give the user slaguard runs write access to it or ${FIX_PATH}`, err);
  return new StorageError(path, `cannot be opened (${(err as Error).message ?? String(err)})`, FIX_PATH, err);
}

function kindOf(path: string): 'file' | 'directory' | 'other' | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

/** The first existing component of `dir` that is not a directory (so nothing can be created under it). */
function firstNonDirectory(dir: string): string | undefined {
  const { root } = parse(dir);
  let at = root;
  for (const part of dir.slice(root.length).split(sep).filter(Boolean)) {
    at = at === root ? `${root}${part}` : `${at}${sep}${part}`;
    const kind = kindOf(at);
    if (kind === undefined) return undefined;
    if (kind !== 'directory') return at;
  }
  return undefined;
}

/** Why `path` cannot be written (EROFS, EACCES...), or undefined when it can. */
function notWritable(path: string): string | undefined {
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code ?? 'EACCES';
  }
}

/** The one line to print when the daemon cannot use its database (lock held, unusable path, SQLite refusing); a stack only for a bug. */
export function storageProblem(path: string, err: unknown): string {
  if (err instanceof StorageError || (err as Error)?.name === 'DbLockedError') return (err as Error).message;
  if ((err as Error)?.name === 'SqliteError') return storageError(path, err).message;
  return (err as Error)?.stack ?? String(err);
}
