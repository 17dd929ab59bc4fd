import { createHmac } from 'node:crypto';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recorded } from './http-recorder.ts';

/** The webhook body slaguard sends (the fields the end-to-end tests check). */
export interface WebhookBody {
  idempotencyKey: string;
  receiver: string;
  lang: string;
  status: string;
  title: string;
  text: string;
  context?: Record<string, string>;
  alerts: Array<{ labels: Record<string, string>; status: string }>;
}

/** True when the request carries a valid `X-Slaguard-Signature` for `secret`, computed here as the README documents it. */
export function signedBy(req: Recorded, secret: string): boolean {
  const ts = String(req.headers['x-slaguard-timestamp'] ?? '');
  const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex')}`;
  return ts !== '' && req.headers['x-slaguard-signature'] === expected;
}

/** The parsed bodies of the requests to `path`. */
export const bodies = (requests: readonly Recorded[], path: string): WebhookBody[] =>
  requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as WebhookBody);

const UPS_LINES = readFileSync(join(import.meta.dirname, '../fixtures/ups-e2e.snmprec'), 'utf8').trimEnd().split('\n');
let steps = 0;

/**
 * Rewrites the snmpsim recording `NAME.snmprec` (community test/NAME) from the Eaton 93E's UPS-MIB lines:
 * on battery (upsOutputSource 5, upsSecondsOnBattery 120, upsBatteryStatus normal) or on mains (3, 0).
 */
export function writeUps(dataDir: string, name: string, onBattery: boolean): void {
  const set: Record<string, string> = {
    '1.3.6.1.2.1.33.1.4.1.0': `2|${onBattery ? 5 : 3}`,
    '1.3.6.1.2.1.33.1.2.2.0': `2|${onBattery ? 120 : 0}`,
  };
  const lines = UPS_LINES.map((l) => {
    const oid = l.slice(0, l.indexOf('|'));
    return set[oid] !== undefined ? `${oid}|${set[oid]}` : l;
  });
  const file = join(dataDir, `${name}.snmprec`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  // snmpsimd notices a changed file by its mtime in whole seconds: give each step its own second.
  const mtime = Math.floor(Date.now() / 1000) + 10 * ++steps;
  utimesSync(file, mtime, mtime);
}
