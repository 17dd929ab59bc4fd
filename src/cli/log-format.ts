import { Writable } from 'node:stream';

/** How `slaguard run` writes: JSON log lines (for journald, files, pipes) or plain lines for a person. */
export type LogFormat = 'json' | 'pretty';

/** The `--log-format` values. */
export const LOG_FORMAT_CHOICES = ['auto', 'json', 'pretty'] as const;

/** `auto` is plain on a terminal and JSON everywhere else; `json` and `pretty` say so outright. */
export function chooseLogFormat(flag: string, isTTY: boolean | undefined): LogFormat {
  if (flag === 'json' || flag === 'pretty') return flag;
  return isTTY === true ? 'pretty' : 'json';
}

/** The URL people open for the status page of a daemon listening on `host:port`. */
export function statusPageUrl(listen: { host: string; port: number }, tls: boolean): string {
  const host = listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host === '::' ? '::1' : listen.host;
  return `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${listen.port}/`;
}

/** The one plain start-up line: where the status page is and where the ledger is kept. */
export function startupLine(opts: { version: string; url: string; db: string; targets: number }): string {
  return `slaguard ${opts.version}: status page ${opts.url} · ${opts.targets} target${opts.targets === 1 ? '' : 's'} · ledger ${opts.db} (Ctrl-C to stop)`;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/** Turns one pino JSON line into `HH:MM:SS LEVEL message key=value…`. */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : '';
  const extras = Object.entries(entry).filter(([k]) => !HIDDEN.has(k)).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [time, (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5), String(entry.msg ?? ''), ...extras].filter((p) => p !== '').join(' ');
}

/** A destination for pino that writes `prettyLine`s to `out`. */
export function prettyDestination(out: NodeJS.WritableStream): Writable {
  let rest = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') out.write(`${prettyLine(line)}\n`);
      done();
    },
  });
}
