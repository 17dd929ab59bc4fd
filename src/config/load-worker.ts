import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError } from '../errors.ts';
import { parseConfigText } from './load.ts';
import type { WorkerReply, WorkerRequest } from './load-async.ts';

/** Targets per message: each message is copied into the main thread in one go, so keep them small. */
const CHUNK = 2000;

const request = workerData as WorkerRequest;
const post = (reply: WorkerReply) => parentPort!.postMessage(reply);
try {
  const { targets } = parseConfigText(request.text, request);
  for (let i = 0; i < targets.length; i += CHUNK) post({ targets: targets.slice(i, i + CHUNK) });
  post({ done: targets.length });
} catch (err) {
  if (err instanceof ConfigError) post({ problems: [...err.problems] });
  else post({ failed: (err as Error).stack ?? String(err) });
}
