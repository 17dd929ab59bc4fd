import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConfigError, type ConfigProblem } from '../errors.ts';
import { parseConfigText } from './load.ts';
import { withoutTargets } from './header.ts';
import { MAX_MAIN_CONFIG_BYTES, readRegularFile } from './read-file.ts';
import type { Config } from './schema.ts';

/** What the config worker is asked to read. */
export interface WorkerRequest {
  text: string;
  file: string;
  baseDir: string;
  env: NodeJS.ProcessEnv;
}

/** What it answers: targets in chunks then `done`, or the config's problems, or a crash. */
export type WorkerReply = { targets: Config['targets'] } | { done: number } | { problems: ConfigProblem[] } | { failed: string };

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

/** The whole config, its targets read in a worker thread (for reloads that must not stall HTTP). */
export async function loadConfigAsync(file: string, env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const { first, targets } = loadStaged(file, env);
  return targets === undefined ? first : { ...first, targets: await targets };
}

const WORKER = new URL('./load-worker.ts', import.meta.url).href;
const TSX = import.meta.resolve('tsx/esm/api');

function targetsInWorker(request: WorkerRequest): Promise<Config['targets']> {
  // The worker loads TypeScript through tsx, as bin/slaguard.js does.
  const worker = new Worker(`import(${JSON.stringify(TSX)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER)}); })`, { eval: true, workerData: request });
  return new Promise((resolvePromise, reject) => {
    const targets: Config['targets'] = [];
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (reply: WorkerReply) => {
      if ('targets' in reply) for (const t of reply.targets) targets.push(t);
      else if ('done' in reply) settle(() => resolvePromise(targets));
      else if ('problems' in reply) settle(() => reject(new ConfigError(reply.problems)));
      else settle(() => reject(new Error(`reading the targets failed: ${reply.failed}`)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the config worker stopped (exit code ${code}) before reading the targets`))));
  });
}
