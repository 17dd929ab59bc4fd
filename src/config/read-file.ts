import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

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
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`not a regular file (${kindOf(stats)})`);
    if (stats.size > maxBytes) throw new Error(`too large (${stats.size} bytes; at most ${maxBytes})`);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n = 1; n > 0 && length <= maxBytes; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) throw new Error(`too large (more than ${maxBytes} bytes)`);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
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
