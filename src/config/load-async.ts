import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fingerprintOf, rememberFingerprint } from '../collector/fingerprint.ts';
import { ConfigError, type ConfigProblem } from '../errors.ts';
import { parseConfigText } from './load.ts';
import { withoutTargets } from './header.ts';
import { MAX_MAIN_CONFIG_BYTES, readRegularFile } from './read-file.ts';
import type { Config } from './schema.ts';

/** What the config worker is asked to read: the file's text, or (on a reload) the file itself. */
export interface WorkerRequest {
  text?: string;
  file: string;
  baseDir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * What it answers: when it read the file, first what the main thread checks itself (`staged`: the
 * file without its targets; else the whole file, and no targets follow); then targets in chunks with
 * their fingerprints (the next chunk when the main thread posts for more), then `done`; or the config's problems, or a crash.
 */
export type WorkerReply = { header: string; staged: boolean } | { targets: Config['targets']; prints: string[] } | { done: number } | { problems: ConfigProblem[] } | { failed: string };

/** A targets section at least this large (about 2,000 targets) is read after listening; a smaller config is read whole at once. */
export const STAGED_MIN_BYTES = 256 * 1024;

/** A config read in two steps: everything but the targets now, the targets when `targets` settles. */
export interface StagedConfig {
  /** The config with the targets left out when they come later (or the whole config when they do not). */
  first: Config;
  /** The targets, read and checked in a worker thread; rejects with a `ConfigError` listing every problem. */
  targets: Promise<Config['targets']> | undefined;
}

/**
 * Reads a config file so that slaguard can listen before a large fleet's targets are checked:
 * the rest of the file is checked at once (located problems throw a `ConfigError` listing every
 * problem of the whole file), the targets in a worker thread that never holds the event loop.
 * A file whose targets are few (under `STAGED_MIN_BYTES`) or cannot be split off is checked whole, at once.
 */
export function loadStaged(file: string, env: NodeJS.ProcessEnv = process.env): StagedConfig {
  let text: string;
  try {
    text = readRegularFile(file, MAX_MAIN_CONFIG_BYTES);
  } catch (err) {
    throw new ConfigError([{ file, line: 1, col: 1, message: `cannot read config file: ${(err as Error).message}` }]);
  }
  const opts = { file, baseDir: dirname(resolve(file)), env };
  const header = withoutTargets(text);
  if (header === undefined || text.length - header.length < STAGED_MIN_BYTES) return { first: parseConfigText(text, opts), targets: undefined };
  let first: Config;
  try {
    first = parseConfigText(header, opts);
  } catch {
    return { first: parseConfigText(text, opts), targets: undefined };
  }
  const targets = targetsInWorker({ text, ...opts });
  targets.catch(() => undefined);
  return { first, targets };
}

/** The running target of a name: a target read again unchanged is kept as that object, and the copy just read is let go at once. */
export type RunningTargets = (name: string) => Config['targets'][number] | undefined;

/**
 * The whole config for a reload that must not stall HTTP: a large file is read and split in a worker
 * thread, and a large fleet's targets are checked there too, arriving a chunk per turn of the event
 * loop; only the rest of the file is checked here. Rejects with a `ConfigError` listing every problem.
 */
export async function loadConfigAsync(file: string, env: NodeJS.ProcessEnv = process.env, running?: RunningTargets): Promise<Config> {
  // A small file is read here at once (a worker thread takes longer to start than it takes to read).
  const size = await stat(file).then((st) => (st.isFile() ? st.size : -1), () => -1);
  if (size < STAGED_MIN_BYTES) {
    const { first, targets: later } = loadStaged(file, env);
    return later === undefined ? first : { ...first, targets: await later };
  }
  const opts = { file, baseDir: dirname(resolve(file)), env };
  const { header, targets } = readInWorker(opts, running);
  targets.catch(() => undefined);
  const { text, staged } = await header;
  if (!staged) return parseConfigText(text, opts);
  let first: Config;
  try {
    first = parseConfigText(text, opts);
  } catch (err) {
    // The worker checks the whole file and lists every problem; should it find none, check it whole here.
    await targets;
    if (err instanceof ConfigError) return parseConfigText(readRegularFile(file, MAX_MAIN_CONFIG_BYTES), opts);
    throw err;
  }
  return { ...first, targets: await targets };
}

const WORKER = new URL('./load-worker.ts', import.meta.url).href;
const TSX = import.meta.resolve('tsx/esm/api');

function targetsInWorker(request: WorkerRequest): Promise<Config['targets']> {
  return readInWorker(request).targets;
}

function readInWorker(request: WorkerRequest, running?: RunningTargets): { header: Promise<{ text: string; staged: boolean }>; targets: Promise<Config['targets']> } {
  // The worker loads TypeScript through tsx, as bin/slaguard.js does.
  const worker = new Worker(`import(${JSON.stringify(TSX)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER)}); })`, { eval: true, workerData: request });
  let gotHeader: (header: { text: string; staged: boolean }) => void = () => undefined;
  let noHeader: (err: unknown) => void = () => undefined;
  const header = new Promise<{ text: string; staged: boolean }>((resolveHeader, rejectHeader) => {
    gotHeader = resolveHeader;
    noHeader = rejectHeader;
  });
  header.catch(() => undefined);
  const targets = new Promise<Config['targets']>((resolvePromise, reject) => {
    const received: Config['targets'] = [];
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    const fail = (err: unknown) => settle(() => {
      noHeader(err);
      reject(err);
    });
    worker.on('message', (reply: WorkerReply) => {
      if ('header' in reply) gotHeader({ text: reply.header, staged: reply.staged });
      else if ('targets' in reply) {
        reply.targets.forEach((t, i) => {
          const print = reply.prints[i]!;
          const now = running?.(t.name);
          if (now !== undefined && fingerprintOf(now) === print) received.push(now);
          else {
            rememberFingerprint(t, print);
            received.push(t);
          }
        });
        setImmediate(() => worker.postMessage('more'));
      } else if ('done' in reply) settle(() => resolvePromise(received));
      else if ('problems' in reply) fail(new ConfigError(reply.problems));
      else fail(new Error(`reading the targets failed: ${reply.failed}`));
    });
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`the config worker stopped (exit code ${code}) before reading the targets`)));
  });
  return { header, targets };
}
