/** Text forms of the upsd network protocol (NUT `docs/net-protocol.txt`): lines, words, quoting, addresses. */

/** Port upsd listens on unless told otherwise. */
export const NUT_DEFAULT_PORT = 3493;

/**
 * Splits one protocol line into words: blanks separate words, a double-quoted part may hold blanks,
 * and a backslash takes the next character literally. Throws on an unterminated quote or escape.
 */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      if (i + 1 >= line.length) throw new Error(`line ends inside an escape: ${line}`);
      word += line[++i];
      inWord = true;
    } else if (c === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quoted) throw new Error(`unterminated quote: ${line}`);
  if (inWord) words.push(word);
  return words;
}

/** One argument as upsd reads it back whole: bare when it can be, else quoted with `"` and `\` escaped. */
export function quoteArg(value: string): string {
  if (/^[^\s"\\]+$/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The error name of an `ERR <NAME> [detail]` answer, or undefined for any other line. */
export function errorName(line: string): string | undefined {
  const m = /^ERR\s+(\S+)/.exec(line);
  return m?.[1];
}

/** A `host[:port]` target address (IPv6 as `[addr]:port` or bare); throws with the reason on a bad one. */
export function parseAddress(address: string): { host: string; port: number } {
  const trimmed = address.trim();
  if (trimmed.includes('@')) {
    throw new Error(`"${address}" looks like upsc's UPS@HOST form: give the host as the address and the UPS name as the "ups" option`);
  }
  if (trimmed.includes('/')) throw new Error(`"${address}" is not host[:port] (no scheme or path)`);
  let host = trimmed;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(trimmed);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
  } else if (trimmed.split(':').length === 2) {
    [host, portText] = trimmed.split(':') as [string, string];
  }
  if (host === '') throw new Error(`"${address}" has no host`);
  if (portText === undefined) return { host, port: NUT_DEFAULT_PORT };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`"${address}" has no valid port (1-65535) after the colon`);
  return { host, port };
}
