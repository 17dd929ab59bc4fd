import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { openDbReadOnly } from '../store/db.ts';
import { renderAgency, type RenderResult, type RenderSetup } from './report-render.ts';

/** How many threads `renderAgencies` uses by default: one per core, at most one per agency; none of its own under 4 agencies (a thread costs more to start than such a run). */
export function defaultThreads(agencies: number): number {
  return agencies < 4 ? 1 : Math.min(availableParallelism(), agencies);
}

/**
 * Computes and renders the reports of `agencies` (each from the ledger, read-only), spread over
 * `threads` worker threads (each with its own connection), or in this thread when `threads` is 1.
 * Results come back in the order of `agencies`; `onResult` sees each in that order as soon as it can.
 */
export async function renderAgencies(setup: RenderSetup, agencies: readonly string[], threads = defaultThreads(agencies.length), onResult: (r: RenderResult) => void = () => {}): Promise<RenderResult[]> {
  const results = new Array<RenderResult | undefined>(agencies.length);
  let shown = 0;
  const settle = (i: number, r: RenderResult) => {
    results[i] = r;
    while (shown < agencies.length && results[shown] !== undefined) onResult(results[shown++]!);
  };
  if (threads <= 1) {
    const db = openDbReadOnly(setup.dbPath);
    try {
      for (const [i, agency] of agencies.entries()) settle(i, await renderAgency(db, setup, { agency }));
    } finally {
      db.close();
    }
    return results as RenderResult[];
  }
  let next = 0;
  const run = () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('./report-worker-entry.mjs', import.meta.url), { workerData: setup });
    let current = -1;
    const feed = () => {
      if (next >= agencies.length) {
        worker.postMessage(null);
        return;
      }
      current = next++;
      worker.postMessage({ agency: agencies[current] });
    };
    worker.on('message', (r: RenderResult) => {
      settle(current, r);
      feed();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`report worker exited with code ${code}`))));
    feed();
  });
  await Promise.all(Array.from({ length: threads }, run));
  return results as RenderResult[];
}
