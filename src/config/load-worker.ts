import { parentPort, workerData } from 'node:worker_threads';
import { fingerprintOf } from '../collector/fingerprint.ts';
import { ConfigError } from '../errors.ts';
import { withoutTargets } from './header.ts';
import { parseConfigText } from './load.ts';
import { STAGED_MIN_BYTES, type WorkerReply, type WorkerRequest } from './load-async.ts';
import { MAX_MAIN_CONFIG_BYTES, readRegularFile } from './read-file.ts';

/** Targets per message: each message is copied into the main thread in one go, so keep them small. */
const CHUNK = 1000;

const request = workerData as WorkerRequest;
const post = (reply: WorkerReply) => parentPort!.postMessage(reply);
let asked: (() => void) | undefined;
parentPort!.on('message', () => asked?.());
/** Waits until the main thread asks for more: it takes one message per turn, never a backlog at once. */
const more = () => new Promise<void>((resolve) => (asked = resolve));

async function read(): Promise<void> {
  let text = request.text;
  if (text === undefined) {
    try {
      text = readRegularFile(request.file, MAX_MAIN_CONFIG_BYTES);
    } catch (err) {
      post({ problems: [{ file: request.file, line: 1, col: 1, message: `cannot read config file: ${(err as Error).message}` }] });
      return;
    }
    const header = withoutTargets(text);
    const staged = header !== undefined && text.length - header.length >= STAGED_MIN_BYTES;
    post({ header: staged ? header : text, staged });
    if (!staged) {
      post({ done: 0 });
      return;
    }
  }
  const { targets } = parseConfigText(text, request);
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK);
    post({ targets: chunk, prints: chunk.map(fingerprintOf) });
    await more();
  }
  post({ done: targets.length });
}

read().catch((err: unknown) => {
  if (err instanceof ConfigError) post({ problems: [...err.problems] });
  else post({ failed: (err as Error).stack ?? String(err) });
});
