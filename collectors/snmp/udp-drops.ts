import { readFileSync } from 'node:fs';

/**
 * Datagrams the kernel dropped on the UDP socket bound to `port` (the `drops` column of
 * /proc/net/udp or /proc/net/udp6, summed over sockets on that port); undefined where there is no /proc.
 */
export function udpSocketDrops(transport: 'udp4' | 'udp6', port: number): number | undefined {
  let text: string;
  try {
    text = readFileSync(transport === 'udp4' ? '/proc/net/udp' : '/proc/net/udp6', 'utf8');
  } catch {
    return undefined;
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let drops = 0;
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 13 || !fields[1]!.endsWith(`:${hexPort}`)) continue;
    drops += Number(fields[fields.length - 1]);
  }
  return drops;
}
