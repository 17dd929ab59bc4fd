import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Fails loudly, naming the Debian package, when a real component the tests need is missing. */
export function requireBinary(path: string, debianPackage: string): string {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: install it with "apt-get install ${debianPackage}" (.ci/run does). Tests never skip a missing component.`);
  }
  return path;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` every 100 ms until it returns true, failing after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/** Every process `startProcess` started that has not exited yet. */
const started = new Set<ChildProcess>();
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const killStarted = () => {
  for (const child of started) if (running(child)) child.kill('SIGKILL');
};
// A run that ends before its afterAll hooks leaves no process behind: this process exits, or
// (a test worker) loses the runner that forked it, as when the run is interrupted.
process.on('exit', killStarted);
process.once('disconnect', killStarted);

/** Starts a server binary, keeping its output for the error message if it dies early. */
export function startProcess(bin: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): ChildProcess & { output: () => string } {
  const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
  started.add(child);
  child.once('exit', () => started.delete(child));
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return Object.assign(child, { output: () => output });
}

/** SIGTERM, then wait for the exit. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Stops every process `startProcess` started that still runs: SIGTERM, then SIGKILL after `graceMs`.
 * Registered after every test file (test/setup/stop-started.ts), so a test failing midway leaves no daemon running.
 */
export async function stopStarted(graceMs = 15_000): Promise<void> {
  await Promise.all([...started].filter(running).map(async (child) => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }));
}

/** GET a URL and return status and text, or throw on network error. */
export async function httpGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { headers });
  return { status: res.status, text: await res.text() };
}
