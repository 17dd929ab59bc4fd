import { join } from 'node:path';
import { startProcess } from './components.ts';

/** The CLI as a user runs it. */
export const SLAGUARD_BIN = join(import.meta.dirname, '../../bin/slaguard.js');

/** Starts `slaguard ARGS...` as a child process (stdout and stderr kept for failure messages). */
export function startSlaguard(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return startProcess(process.execPath, [SLAGUARD_BIN, ...args], opts.env, opts.cwd);
}
