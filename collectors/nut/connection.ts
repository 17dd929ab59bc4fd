import { connect, type Socket } from 'node:net';
import { CollectError } from '../../src/errors.ts';
import { errorName, splitWords } from './protocol.ts';

const MAX_BUFFERED_CHARS = 1_048_576;
const AUTH_ERRORS = new Set(['ACCESS-DENIED', 'USERNAME-REQUIRED', 'PASSWORD-REQUIRED', 'INVALID-PASSWORD', 'INVALID-USERNAME']);
const STALE_ERRORS = new Set(['DATA-STALE', 'DRIVER-NOT-CONNECTED']);

/** The `CollectError` an `ERR <name>` answer stands for: AUTH, PROTOCOL `stale`, or PROTOCOL `protocol`. */
export function answerError(address: string, command: string, name: string): CollectError {
  const shown = command.startsWith('PASSWORD') ? 'PASSWORD' : command;
  const said = `upsd at ${address} answered "ERR ${name}" to ${shown}`;
  if (AUTH_ERRORS.has(name)) {
    return new CollectError('AUTH', `${said}: check username and password; the user needs "upsmon secondary" in upsd.users`);
  }
  if (STALE_ERRORS.has(name)) {
    return new CollectError('PROTOCOL', `${said}: upsd has no fresh data from the UPS driver`, { reason: 'stale' });
  }
  return new CollectError('PROTOCOL', said, { reason: 'protocol' });
}

/**
 * One conversation with upsd on one TCP connection: a command, then its answer, in turn.
 * Every failure is a `CollectError`; an abort of `signal` destroys the socket and fails with TIMEOUT.
 * `close()` must be called when done.
 */
export class NutConnection {
  private readonly socket: Socket;
  private readonly lines: string[] = [];
  private partial = '';
  private connected = false;
  private failure: CollectError | undefined;
  private waiter: { resolve: (line: string) => void; reject: (err: CollectError) => void } | undefined;
  private readonly onAbort = () => {
    this.lines.length = 0;
    this.fail(new CollectError('TIMEOUT', `no answer from upsd at ${this.address} before the deadline`, { reason: 'timeout' }));
  };

  private constructor(
    host: string,
    port: number,
    readonly address: string,
    private readonly signal: AbortSignal,
  ) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => this.onData(chunk));
    this.socket.on('error', (err: NodeJS.ErrnoException) => this.fail(this.networkError(err)));
    this.socket.on('close', () => this.fail(new CollectError('UNREACHABLE', `upsd at ${address} closed the connection`, { reason: 'connect' })));
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Connects to upsd; resolves once the TCP connection is up. */
  static async open(host: string, port: number, address: string, signal: AbortSignal): Promise<NutConnection> {
    if (signal.aborted) throw new CollectError('TIMEOUT', `deadline passed before connecting to upsd at ${address}`, { reason: 'timeout' });
    const conn = new NutConnection(host, port, address, signal);
    await new Promise<void>((resolve, reject) => {
      conn.waiter = { resolve: () => resolve(), reject };
      conn.socket.once('connect', () => {
        conn.connected = true;
        conn.waiter = undefined;
        resolve();
      });
    }).catch((err: unknown) => {
      conn.close();
      throw err;
    });
    return conn;
  }

  /** Sends one command and returns its one-line answer; an `ERR` answer throws. */
  async request(command: string): Promise<string> {
    this.send(command);
    const line = await this.readLine();
    const name = errorName(line);
    if (name !== undefined) throw answerError(this.address, command, name);
    return line;
  }

  /** `LIST <what>`: the words of each line between `BEGIN LIST` and `END LIST`, each line checked to start with `item`. */
  async list(what: string, item: string): Promise<string[][]> {
    const command = `LIST ${what}`;
    this.send(command);
    const first = await this.readLine();
    const name = errorName(first);
    if (name !== undefined) throw answerError(this.address, command, name);
    if (first !== `BEGIN ${command}`) throw this.protocolError(command, first);
    const items: string[][] = [];
    for (let line = await this.readLine(); line !== `END ${command}`; line = await this.readLine()) {
      let words: string[];
      try {
        words = splitWords(line);
      } catch {
        throw this.protocolError(command, line);
      }
      if (words[0] !== item) throw this.protocolError(command, line);
      items.push(words);
    }
    return items;
  }

  /** Destroys the socket and stops listening to the signal; safe to call more than once. */
  close(): void {
    this.signal.removeEventListener('abort', this.onAbort);
    this.failure ??= new CollectError('UNREACHABLE', `connection to upsd at ${this.address} closed`, { reason: 'connect' });
    this.socket.destroy();
  }

  private send(command: string): void {
    if (this.failure === undefined) this.socket.write(`${command}\n`);
  }

  private readLine(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  private onData(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop()!;
    for (const part of parts) this.lines.push(part.replace(/\r$/, ''));
    if (this.partial.length > MAX_BUFFERED_CHARS) {
      this.fail(new CollectError('PROTOCOL', `${this.address} sent a line longer than ${MAX_BUFFERED_CHARS} characters: not upsd?`, { reason: 'protocol' }));
      return;
    }
    const waiter = this.waiter;
    if (waiter === undefined || this.lines.length === 0) return;
    this.waiter = undefined;
    waiter.resolve(this.lines.shift()!);
  }

  private fail(err: CollectError): void {
    if (this.failure !== undefined) return;
    this.failure = err;
    this.socket.destroy();
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(err);
  }

  private networkError(err: NodeJS.ErrnoException): CollectError {
    const code = err.code ?? err.message;
    if (this.connected) {
      return new CollectError('UNREACHABLE', `connection to upsd at ${this.address} broke: ${code}`, { reason: 'connect', cause: err });
    }
    const dns = err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN';
    return new CollectError('UNREACHABLE', `cannot connect to upsd at ${this.address}: ${code}`, { reason: dns ? 'dns' : 'connect', cause: err });
  }

  private protocolError(command: string, line: string): CollectError {
    return new CollectError('PROTOCOL', `upsd at ${this.address} gave an unexpected answer to ${command}: ${JSON.stringify(line.slice(0, 200))}`, {
      reason: 'protocol',
    });
  }
}
