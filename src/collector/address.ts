import { isIP, isIPv4 } from 'node:net';
import { z } from 'zod';

const HOSTNAME_RE = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/**
 * Splits `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address; the port defaults to
 * `defaultPort`. Throws an Error saying what is wrong when the host is not a host name, IPv4 or
 * IPv6 address, or the port is not 1–65535.
 */
export function parseHostPort(address: string, defaultPort: number): { host: string; port: number } {
  let host = address;
  let portText: string | undefined;
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(address);
  if (v6) {
    host = v6[1]!;
    portText = v6[2];
    if (isIP(host) !== 6) throw new Error(`"${address}": "${host}" in brackets is not an IPv6 address`);
  } else if (address.indexOf(':') !== -1 && address.indexOf(':') === address.lastIndexOf(':')) {
    host = address.slice(0, address.indexOf(':'));
    portText = address.slice(address.indexOf(':') + 1);
  } else if (address.includes(':') && isIP(address) !== 6) {
    throw new Error(`"${address}" is not host[:port] (write an IPv6 address with a port as [addr]:port)`);
  }
  if (!v6 && isIP(host) === 0) {
    if (/^[\d.]+$/.test(host) && !isIPv4(host)) throw new Error(`"${address}": "${host}" is not an IPv4 address`);
    if (!HOSTNAME_RE.test(host)) throw new Error(`"${address}": "${host}" is not a host name or IP address`);
  }
  if (portText === undefined) return { host, port: defaultPort };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`"${address}": the port must be a number from 1 to 65535`);
  return { host, port };
}

/** A target address checked by `check` (which throws with the reason); the output is the text. */
export function checkedAddress(check: ((address: string) => unknown) | undefined) {
  return z.string().min(1).superRefine((address, ctx) => {
    try {
      check?.(address);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });
}

/** An `http://` or `https://` URL, as the http and agent kinds poll. */
export function parseHttpUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new Error(`"${address}" is not a URL (expected http://HOST[:PORT]/PATH or https://…)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${address}": only http:// and https:// URLs can be polled, not ${url.protocol}//`);
  return url;
}
