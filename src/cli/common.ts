import { loadConfigFile } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { ConfigError, formatProblem } from '../errors.ts';

/** Prints one message for the operator and exits 1. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Loads a config, or prints every problem as FILE:LINE:COL and exits 1. */
export function loadOrExit(file: string): Config {
  try {
    return loadConfigFile(file);
  } catch (err) {
    if (err instanceof ConfigError) fail(`${err.problems.map(formatProblem).join('\n')}\n${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} found`);
    throw err;
  }
}
