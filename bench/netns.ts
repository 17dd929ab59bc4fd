/** A network namespace of the bench's own with many interfaces, and servers started inside it. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

export class BenchNamespace {
  readonly name = `sgbench${process.pid}`;
  private readonly children: ChildProcess[] = [];

  /** Creates the namespace with loopback up and `pairs` veth pairs (2 × pairs interfaces; this kernel has no dummy driver). */
  create(pairs: number): void {
    execFileSync('ip', ['netns', 'add', this.name]);
    this.ip('link', 'set', 'lo', 'up');
    for (let i = 0; i < pairs; i++) {
      this.ip('link', 'add', `ve${i}a`, 'type', 'veth', 'peer', 'name', `ve${i}b`);
      this.ip('link', 'set', `ve${i}a`, 'up');
      this.ip('link', 'set', `ve${i}b`, 'up');
    }
  }

  /** Starts a command inside the namespace (`ip netns exec` execs it, so the PID is the command's). */
  start(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', this.name, command, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    this.children.push(child);
    return child;
  }

  /** Runs a command inside the namespace to completion and returns its stdout. */
  run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
    return execFileSync('ip', ['netns', 'exec', this.name, command, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  }

  /** Stops everything started and removes the namespace. */
  destroy(): void {
    for (const child of this.children) child.kill('SIGKILL');
    try {
      execFileSync('ip', ['netns', 'del', this.name]);
    } catch {
      // already gone
    }
  }

  private ip(...args: string[]): void {
    execFileSync('ip', ['-n', this.name, ...args]);
  }
}
