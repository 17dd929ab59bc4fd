import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** The largest config file slaguard reads. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** The largest main config file (100,000 targets take about 13 MB). */
export const MAX_MAIN_CONFIG_BYTES = 64 * 1024 * 1024;
/** The largest secret file (token, password, community, key) slaguard reads. */
export const MAX_SECRET_BYTES = 64 * 1024;

/**
 * Reads a regular file of at most `maxBytes` as UTF-8. Opens without blocking (a FIFO with no
 * writer, a device) and refuses anything that is not a regular file or is too large, so a wrong
 * path can never hang or exhaust the process; throws an Error whose message says why.
 */
export function readRegularFile(file: string, maxBytes: number): string {
  const fd = openNonBlocking(file);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`not a regular file (${kindOf(stats)})`);
    if (stats.size > maxBytes) throw new Error(`too large (${stats.size} bytes; at most ${maxBytes})`);
    // Sized by the file (a file that grew meanwhile is read on, up to the limit), not by the limit.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stats.size + 1 - length, 64 * 1024), maxBytes + 1 - length));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw new Error(`too large (more than ${maxBytes} bytes)`);
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function openNonBlocking(file: string): number {
  try {
    return openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    // A Unix socket cannot be opened at all (ENXIO): say what it is, as for a FIFO or a device.
    if ((err as { code?: string }).code === 'ENXIO') throw new Error(`not a regular file (${kindOf(statSync(file))})`);
    throw err;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
