import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDbReadOnly } from '../src/store/db.ts';
import { startProcess, stopProcess, waitFor } from './helpers/components.ts';
import { startRecorder } from './helpers/http-recorder.ts';

const CHILD = join(import.meta.dirname, 'helpers/outbox-child.ts');
const COUNT = 60;
const dir = mkdtempSync(join(tmpdir(), 'slaguard-outbox-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('outbox across kill -9', () => {
  it('loses no notification when the process dies twice mid-delivery; doubles stay within the in-flight window', async () => {
    // the receiver holds each answer 50 ms, so sends are in flight whenever the kill lands
    const receiver = await startRecorder(() => ({ status: 200, body: {}, delayMs: 50 }));
    const dbPath = join(dir, 'slaguard.db');
    const keys = () => new Set(receiver.requests.map((r) => String(r.headers['idempotency-key'])));
    const run = () => startProcess(process.execPath, ['--import', 'tsx', CHILD, dbPath, `${receiver.url}/hook`, String(COUNT)]);
    try {
      for (const killAt of [10, 30]) {
        const child = run();
        await waitFor(`the child to deliver ${killAt} (${child.output()})`, () => receiver.requests.length >= killAt, 60_000);
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
        expect(keys().size).toBeLessThan(COUNT);
      }
      const last = run();
      await waitFor(`every key at the receiver (${last.output()})`, () => keys().size === COUNT, 60_000);
      await waitFor('the last child to record every delivery', () => {
        const db = openDbReadOnly(dbPath); // the child holds the writer lock; a reader changes nothing
        try {
          return db.prepare(`SELECT COUNT(*) FROM outbox WHERE state = 'delivered'`).pluck().get() === COUNT;
        } finally {
          db.close();
        }
      }, 30_000);
      await stopProcess(last);

      const expected = Array.from({ length: COUNT }, (_, i) => `crash-${i}`);
      expect([...keys()].sort()).toEqual(expected.sort());
      const doubles = receiver.requests.length - COUNT;
      console.log(`outbox crash test: ${receiver.requests.length} requests for ${COUNT} notifications, ${doubles} doubles after 2 kills`);
      // at most the sends in flight at each kill (concurrency 4) come again
      expect(doubles).toBeLessThanOrEqual(2 * 4);
    } finally {
      await receiver.stop();
    }
  }, 180_000);
});
