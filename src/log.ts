import { pino, type Logger } from 'pino';
import { redactDeep, redactSecrets } from './redact.ts';

export type { Logger };

/**
 * Paths whose values are secrets, hidden in every log line. A field that only names a secret's
 * holder (a token's `name`) stays readable, so the log can say who did what.
 */
export const REDACT_PATHS = [
  'token', '*.token', 'tokens[*].token', '*.tokens[*].token', 'password', '*.password', 'community', '*.community',
  'auth_key', '*.auth_key', 'priv_key', '*.priv_key', 'authKey', '*.authKey', 'privKey', '*.privKey',
  'secret', '*.secret', 'pass', '*.pass', 'auth.pass',
  'headers.authorization', 'req.headers.authorization',
];

/**
 * The one root logger; parts take `logger.child({ part })`. Besides the paths above, every string
 * logged (messages, fields, error messages and stacks) passes through `redactSecrets`, so an
 * address with `user:password@` or a secret from the config never reaches a log file.
 */
export function createLogger(opts: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level ?? process.env.SLAGUARD_LOG_LEVEL ?? 'info',
    redact: REDACT_PATHS,
    formatters: { log: (obj) => redactDeep(withPlainErrors(obj)) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return pino(options, (opts.destination ?? stdoutDestination()) as pino.DestinationStream);
}

/**
 * Standard output, written synchronously: nothing waits in a buffer at exit, so a reader that went
 * away (`slaguard run | head`, a dead log shipper) cannot make the exit-time flush spin on EPIPE
 * forever, which hung `SIGTERM`; lines nobody can read any more are dropped.
 */
function stdoutDestination(): pino.DestinationStream {
  const dest = pino.destination({ dest: 1, sync: true });
  dest.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  return dest;
}

/** Errors as the fields pino would print, so their message and stack can be redacted too. */
function withPlainErrors(obj: Record<string, unknown>): Record<string, unknown> {
  let out = obj;
  for (const [k, v] of Object.entries(obj)) {
    if (v instanceof Error) {
      if (out === obj) out = { ...obj };
      out[k] = { type: v.name, message: v.message, stack: v.stack, ...('code' in v ? { code: (v as { code: unknown }).code } : {}) };
    }
  }
  return out;
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
