import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlaguard } from '../helpers/slaguard.ts';

const dir = mkdtempSync(join(tmpdir(), 'storage-paths-'));
const readOnly = join(dir, 'ro');

/** Runs `slaguard run` with this storage.path; its exit code and everything it printed. */
async function runWith(storagePath: string): Promise<{ code: number | null; lines: string[] }> {
  const name = storagePath.replace(/\W/g, '_');
  writeFileSync(join(dir, `${name}.yaml`), `server: { listen: "127.0.0.1:59464" }\nstorage: { path: "${storagePath}" }\ntargets: []\n`);
  const child = startSlaguard(['run', '--config', join(dir, `${name}.yaml`)], { cwd: dir });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  return { code, lines: child.output().trim().split('\n') };
}

beforeAll(() => {
  mkdirSync(readOnly);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnly]);
  writeFileSync(join(dir, 'a-file'), 'not a directory');
  writeFileSync(join(dir, 'notes.db'), 'meeting notes, not a database '.repeat(200));
  mkdirSync(join(dir, 'folder.db'));
});
afterAll(() => {
  execFileSync('umount', ['-l', readOnly]);
  rmSync(dir, { recursive: true, force: true });
});

describe('unusable storage paths', () => {
  it('each ends in one line (the path, the cause, what to do) and exit 1, touching nothing', { timeout: 180_000 }, async () => {
    const notes = readFileSync(join(dir, 'notes.db'));
    const [ro, throughFile, notDb, isDir] = await Promise.all([
      runWith('ro/slaguard.db'), runWith('a-file/slaguard.db'), runWith('notes.db'), runWith('folder.db'),
    ]);
    expect(ro).toEqual({ code: 1, lines: [`${readOnly}/slaguard.db: the directory ${readOnly} is on a read-only file system; mount it read-write or set storage.path to a file in a writable directory`] });
    expect(throughFile).toEqual({ code: 1, lines: [`${dir}/a-file/slaguard.db: ${dir}/a-file is a file, not a directory; move that file away or set storage.path to a file in a writable directory`] });
    expect(notDb).toEqual({ code: 1, lines: [`${dir}/notes.db: is not a slaguard database (not SQLite, or damaged); move it away (slaguard then creates a new one) or set storage.path to a file in a writable directory`] });
    expect(isDir).toEqual({ code: 1, lines: [`${dir}/folder.db: is a directory, not a database file; remove it or set storage.path to a file in a writable directory`] });
    expect(readFileSync(join(dir, 'notes.db'))).toEqual(notes);
  });
});
