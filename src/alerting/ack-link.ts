import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/db.ts';

/** Result of checking a signed acknowledge link. */
export type LinkCheck = 'ok' | 'expired' | 'invalid';

/** The secret that signs acknowledge links: the config's, else one generated once and kept in the database. */
export function ackSecret(db: Db, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const row = db.prepare("SELECT value FROM alerting_settings WHERE key = 'ack_link_secret'").get() as { value: string } | undefined;
  if (row) return row.value;
  const secret = randomBytes(32).toString('hex');
  db.prepare("INSERT INTO alerting_settings (key, value) VALUES ('ack_link_secret', ?)").run(secret);
  return secret;
}

const sign = (secret: string, id: string, exp: number) => createHmac('sha256', secret).update(`ack\n${id}\n${exp}`).digest('base64url');

/** Signed, expiring links to acknowledge one incident: `BASE/ack/INC-000042?exp=UNIX_SECONDS&sig=HMAC`. */
export class AckLinks {
  constructor(private readonly secret: () => string, private readonly baseUrl: () => string | undefined, private readonly validFor: () => number) {}

  /** The link for an incident, valid from `now` for the configured time; undefined without a base URL. */
  url(incidentId: string, now: number): string | undefined {
    const base = this.baseUrl();
    if (base === undefined) return undefined;
    const exp = Math.floor((now + this.validFor()) / 1000);
    return `${base.replace(/\/+$/, '')}/ack/${encodeURIComponent(incidentId)}?exp=${exp}&sig=${sign(this.secret(), incidentId, exp)}`;
  }

  /** Checks a link's parts: the signature first (a tampered expiry is invalid, not expired), then the time. */
  check(incidentId: string, exp: string | undefined, sig: string | undefined, now: number): LinkCheck {
    if (exp === undefined || sig === undefined || !/^\d{1,12}$/.test(exp)) return 'invalid';
    const want = Buffer.from(sign(this.secret(), incidentId, Number(exp)));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return 'invalid';
    return Number(exp) * 1000 < now ? 'expired' : 'ok';
  }
}
