import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths redacted in every log line: secrets must never reach a log file. */
export const REDACT_PATHS = [
  'token', '*.token', 'password', '*.password', 'community', '*.community',
  'auth_key', '*.auth_key', 'secret', '*.secret', 'pass', '*.pass', 'auth.pass', 'priv_key', '*.priv_key', 'headers.authorization', 'req.headers.authorization',
];

/** The one root logger; parts take `logger.child({ part })`. */
export function createLogger(opts: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const options = { level: opts.level ?? process.env.SLAGUARD_LOG_LEVEL ?? 'info', redact: REDACT_PATHS };
  return opts.destination ? pino(options, opts.destination as pino.DestinationStream) : pino(options);
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
