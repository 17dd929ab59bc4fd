import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SECRET_BYTES, readRegularFile } from './read-file.ts';

describe('readRegularFile', () => {
  it('names a Unix socket as what it is, like a FIFO or a device', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'read-file-')), 'agent.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      expect(() => readRegularFile(path, MAX_SECRET_BYTES)).toThrow(/^not a regular file \(a socket\)$/);
    } finally {
      server.close();
    }
  });
});
