import snmp from 'net-snmp';
import type * as Snmp from 'net-snmp';
import { CollectError } from '../../src/errors.ts';
import { berWellFormed } from './ber.ts';
import { decodeGetResponse, type DecodedResponse } from './pdu.ts';
import { Semaphore } from './semaphore.ts';

/** One decoded variable: Counter64 as bigint (no precision lost), OctetString as Buffer. */
export interface SnmpVarbind {
  oid: string;
  type: number;
  value: number | bigint | Buffer | string;
}

/** BER types, as in .snmprec files and net-snmp. */
export const SNMP_TYPE = { integer: 2, octetString: 4, null: 5, oid: 6, ipAddress: 64, counter32: 65, gauge32: 66, timeTicks: 67, opaque: 68, counter64: 70 } as const;

/**
 * The few operations collectors need from an SNMP agent, so they can run against a live agent
 * or a recording. Missing objects are simply absent from results.
 */
export interface SnmpSession {
  /** GET of many OIDs (packed into few PDUs). */
  get(oids: readonly string[], signal: AbortSignal): Promise<Map<string, SnmpVarbind>>;
  /** The first variable after each OID (GETNEXT), undefined past the end of the MIB view. */
  getNext(oids: readonly string[], signal: AbortSignal): Promise<Array<SnmpVarbind | undefined>>;
  /**
   * Every variable under `root`, in OID order (GETBULK, or GETNEXT for SNMPv1). With `expectedRows`
   * (what the last walk found), the first request asks for one more than that, so a table of known
   * size comes back in one PDU.
   */
  walk(root: string, signal: AbortSignal, expectedRows?: number): Promise<SnmpVarbind[]>;
  /** Several columns; those of small tables whose size is known are asked for together in one GETBULK. */
  walkColumns(roots: readonly string[], signal: AbortSignal, expectedRows: ReadonlyMap<string, number>): Promise<Map<string, SnmpVarbind[]>>;
  close(): void;
  /** Packets from the agent that could not be decoded, since the session opened. */
  readonly malformed?: number;
}

/** How to reach and authenticate to an agent. */
export interface SnmpEndpoint {
  host: string;
  port: number;
  version: 1 | 2 | 3;
  community: string;
  v3?: {
    username: string;
    level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
    authProtocol: keyof typeof snmp.AuthProtocols;
    authKey: string;
    privProtocol: keyof typeof snmp.PrivProtocols;
    privKey: string;
    context: string;
  };
  timeoutMs: number;
  retries: number;
  maxRepetitions: number;
  /** Requests in flight to this agent at once. */
  maxInFlight: number;
}

const GET_BATCH = 40;
/** Largest GETBULK page asked for a table of known size (snmpsim caps a response at 64 varbinds). */
const MAX_PAGE = 60;
/**
 * Most varbinds one GETBULK of several known-size columns asks for, until the agent shows its own cap
 * (Net-SNMP's snmpd answers at most 100, snmpsim 64): columns are then packed up to that cap.
 */
const MAX_PACKED = 1_024;
/** Rows one walk of an agent answering out of order may bring, at most: a bound on an agent that never repeats itself. */
const MAX_DISORDERED_ROWS = 100_000;
const TOO_BIG = 1;
/** net-snmp's ResponseInvalidCode.EOutOfOrder (not in its types). */
const RESPONSE_OUT_OF_ORDER = 8;

/** The parts of net-snmp's session that a response decoded here is handed to, as its own `onMsg` does. */
interface NetSnmpInternals {
  reqs: Record<number, { message: { version: number }; onResponse(req: unknown, message: { version: number; community: string; pdu: object }): void } | undefined>;
  proxy?: unknown;
  unregisterRequest(id: number): unknown;
  onMsg(packet: Buffer): void;
}

/** A net-snmp session for one agent, kept open between polls; `global` caps requests across all agents. */
export class NetSnmpSession implements SnmpSession {
  private readonly session: Snmp.Session;
  private readonly perTarget: Semaphore;
  private maxRepetitions: number;
  private getBatch = GET_BATCH;
  malformed = 0;
  /** Varbinds received, for benchmarks. */
  varbinds = 0;
  /** Requests answered, for benchmarks and tests. */
  requests = 0;
  private answered = false;
  /** Varbinds one packed GETBULK may ask of this agent: MAX_PACKED until it cuts a response short, refuses or loses one. */
  private capacity = MAX_PACKED;
  /** A packed request this large was cut short, refused (tooBig) or lost: never asked for again. */
  private ceiling = MAX_PACKED;
  /** Whether this agent has answered OIDs out of order (then walks follow its order, see `walkFrom`). */
  private disordered = false;
  /** The community as sent, for matching responses byte for byte (v1/v2c). */
  private readonly community: Buffer;

  constructor(private readonly endpoint: SnmpEndpoint, private readonly global: Semaphore) {
    const options: Snmp.SessionOptions = {
      port: endpoint.port,
      retries: endpoint.retries,
      timeout: endpoint.timeoutMs,
      transport: endpoint.host.includes(':') ? 'udp6' : 'udp4',
      version: endpoint.version === 1 ? snmp.Version1 : endpoint.version === 2 ? snmp.Version2c : snmp.Version3,
      backwardsGetNexts: false,
    };
    if (endpoint.version === 3 && endpoint.v3) {
      const v3 = endpoint.v3;
      const user: Snmp.User = { name: v3.username, level: snmp.SecurityLevel[v3.level] };
      if (v3.level !== 'noAuthNoPriv') Object.assign(user, { authProtocol: snmp.AuthProtocols[v3.authProtocol], authKey: v3.authKey });
      if (v3.level === 'authPriv') Object.assign(user, { privProtocol: snmp.PrivProtocols[v3.privProtocol], privKey: v3.privKey });
      this.session = snmp.createV3Session(endpoint.host, user, { ...options, context: v3.context });
    } else {
      this.session = snmp.createSession(endpoint.host, endpoint.community, options);
    }
    // net-snmp reports a datagram it cannot decode as an 'error' event: count it, drop it.
    this.session.on('error', () => this.malformed++);
    const raw = this.session as unknown as { dgram: NodeJS.EventEmitter };
    raw.dgram.removeAllListeners('message');
    raw.dgram.on('message', (packet: Buffer) => this.receive(packet));
    this.community = Buffer.from(endpoint.community);
    this.perTarget = new Semaphore(endpoint.maxInFlight);
    this.maxRepetitions = endpoint.maxRepetitions;
  }

  /**
   * One datagram from the agent. One that is not exactly one well-formed BER message (truncated,
   * padded, a length that does not fit) is counted as malformed and dropped. A plain v1/v2c GetResponse
   * to a request in flight is decoded here (pdu.ts) and handed on as net-snmp's `onMsg` would; net-snmp
   * decodes everything else, with its own checks and errors.
   */
  receive(packet: Buffer): void {
    if (!berWellFormed(packet)) {
      this.malformed++;
      return;
    }
    const raw = this.session as unknown as NetSnmpInternals;
    try {
      const decoded = this.endpoint.version === 3 ? undefined : decodeGetResponse(packet, this.community);
      if (decoded !== undefined && this.handOn(raw, decoded)) return;
      raw.onMsg(packet);
    } catch {
      this.malformed++;
    }
  }

  /** Gives a decoded response to the request waiting for it (false: let net-snmp deal with it, e.g. a version mismatch). */
  private handOn(raw: NetSnmpInternals, decoded: DecodedResponse): boolean {
    const req = raw.reqs[decoded.id];
    if (req === undefined) return true; // no request waits for it: dropped, as net-snmp drops it
    if (req.message.version !== decoded.version || raw.proxy) return false;
    raw.unregisterRequest(decoded.id);
    const { version, id, errorStatus, errorIndex, varbinds } = decoded;
    req.onResponse(req, { version, community: this.endpoint.community, pdu: { type: 0xa2, id, errorStatus, errorIndex, varbinds } });
    return true;
  }

  async get(oids: readonly string[], signal: AbortSignal): Promise<Map<string, SnmpVarbind>> {
    const out = new Map<string, SnmpVarbind>();
    const batches: string[][] = [];
    for (let i = 0; i < oids.length; i += this.getBatch) batches.push(oids.slice(i, i + this.getBatch));
    await Promise.all(batches.map((batch) => this.getBatchSplitting(batch, signal, out)));
    return out;
  }

  async getNext(oids: readonly string[], signal: AbortSignal): Promise<Array<SnmpVarbind | undefined>> {
    const varbinds = await this.request<Snmp.Varbind[]>(signal, (cb) => this.session.getNext([...oids], cb));
    return oids.map((_, i) => {
      const vb = varbinds[i];
      if (vb === undefined || snmp.isVarbindError(vb)) return undefined;
      const value = decode(vb);
      return value === undefined ? undefined : { oid: vb.oid, type: vb.type, value };
    });
  }

  async walk(root: string, signal: AbortSignal, expectedRows?: number): Promise<SnmpVarbind[]> {
    const out: SnmpVarbind[] = [];
    await this.walkFrom(root, root, out, signal, expectedRows === undefined ? undefined : Math.min(expectedRows + 1, MAX_PAGE));
    return out;
  }

  async walkColumns(roots: readonly string[], signal: AbortSignal, expectedRows: ReadonlyMap<string, number>): Promise<Map<string, SnmpVarbind[]>> {
    const out = new Map<string, SnmpVarbind[]>();
    const singles: Array<Promise<void>> = [];
    const one = (root: string) => singles.push(this.walk(root, signal, expectedRows.get(root)).then((vbs) => void out.set(root, vbs)));
    if (this.endpoint.version === 1 || this.disordered) {
      roots.forEach(one);
    } else {
      const known = roots.filter((r) => expectedRows.has(r)).sort((a, b) => expectedRows.get(a)! - expectedRows.get(b)!);
      roots.filter((r) => !expectedRows.has(r)).forEach(one);
      // Pack columns so that columns × (rows + 1) fits one response: within MAX_PAGE always; beyond it
      // up to what this agent answers whole, and only columns of about the same length.
      let batch: string[] = [];
      const flush = () => {
        if (batch.length === 1) one(batch[0]!);
        else if (batch.length > 1) singles.push(this.bulkColumns(batch, signal, expectedRows.get(batch.at(-1)!)! + 1, out));
        batch = [];
      };
      for (const root of known) {
        const reps = expectedRows.get(root)! + 1; // shortest first: the largest of the batch
        const asked = (batch.length + 1) * reps;
        const wasted = batch.reduce((n, r) => n + reps - expectedRows.get(r)! - 1, 0);
        if (asked > MAX_PAGE && (asked > this.capacity || wasted * 4 > asked)) flush();
        batch.push(root);
      }
      flush();
    }
    await Promise.all(singles);
    return out;
  }

  /** One GETBULK for several columns; a column that did not end inside the response is walked on from there. */
  private async bulkColumns(roots: string[], signal: AbortSignal, reps: number, out: Map<string, SnmpVarbind[]>): Promise<void> {
    let rows: Snmp.Varbind[][];
    const asked = roots.length * reps;
    try {
      rows = await this.request<Snmp.Varbind[][]>(signal, (cb) => this.session.getBulk(roots, 0, reps, cb as never));
    } catch (err) {
      // too big for the agent, or lost: column by column (which backs off on its own)
      if (isOutOfOrder(err) && !this.disordered) this.answersOutOfOrder();
      else if (!isTooBig(err) && !(err instanceof CollectError && err.code === 'TIMEOUT' && !signal.aborted)) throw err;
      if (asked > MAX_PAGE) this.shrink(MAX_PAGE, asked);
      await Promise.all(roots.map(async (root) => void out.set(root, await this.walk(root, signal))));
      return;
    }
    const answered = rows.reduce((n, r) => n + (r?.length ?? 0), 0);
    // Cut short (snmpd: 100 varbinds, snmpsim: 64), in whole repetitions: the agent's cap is below `asked`, less than one more repetition above `answered`.
    if (answered < asked) this.shrink(answered + roots.length - 1, asked);
    await Promise.all(roots.map(async (root, i) => {
      const list: SnmpVarbind[] = [];
      out.set(root, list);
      const page = rows[i] ?? [];
      if (page.length === 0 && answered < asked) return void list.push(...(await this.walk(root, signal)));
      // the rest of a column the agent cut short in one page if the table kept its size; a grown table in max-repetitions pages
      const rest = page.length < reps ? Math.min(reps - page.length, MAX_PAGE) : undefined;
      if (this.take(root, page, list) && page.length > 0) await this.walkFrom(root, page[page.length - 1]!.oid, list, signal, rest);
    }));
  }

  /** After a packed request of `asked` varbinds was cut short, refused or lost: ask at most `allowed` from now on, never `asked` again. */
  private shrink(allowed: number, asked: number): void {
    this.ceiling = Math.max(MAX_PAGE, Math.min(this.ceiling, asked - 1));
    this.capacity = Math.max(MAX_PAGE, Math.min(this.ceiling, allowed));
  }

  /** Appends the varbinds of `page` inside `root`; true if the column may go on past the page. */
  private take(root: string, page: readonly Snmp.Varbind[], out: SnmpVarbind[]): boolean {
    const prefix = `${root}.`;
    for (const vb of page) {
      if (!vb.oid.startsWith(prefix) || snmp.isVarbindError(vb)) return false;
      const value = decode(vb);
      if (value === undefined) continue;
      vb.value = value; // net-snmp's own object, reused: one allocation less per varbind
      out.push(vb as SnmpVarbind);
    }
    return true;
  }

  private async walkFrom(root: string, start: string, out: SnmpVarbind[], signal: AbortSignal, firstPage: number | undefined): Promise<void> {
    let cursor = start;
    let pageSize = firstPage;
    let seen: Set<string> | undefined;
    for (;;) {
      let page: Snmp.Varbind[];
      try {
        page = await this.nextPage(cursor, signal, pageSize);
      } catch (err) {
        if (this.disordered || !isOutOfOrder(err)) throw err;
        this.answersOutOfOrder();
        continue;
      }
      pageSize = undefined;
      if (this.disordered) {
        // an agent that answers out of order: follow its order, each OID once, until it leaves the column or repeats itself
        seen ??= new Set(out.map((vb) => vb.oid));
        const fresh = page.filter((vb) => !seen!.has(vb.oid));
        if (fresh.length === 0 || out.length + fresh.length > MAX_DISORDERED_ROWS) return;
        for (const vb of fresh) seen.add(vb.oid);
        if (!this.take(root, fresh, out)) return;
        cursor = page[page.length - 1]!.oid;
        continue;
      }
      if (page.length === 0 || !this.take(root, page, out)) return;
      const last = page[page.length - 1]!.oid;
      if (compareOids(last, cursor) <= 0) return; // an agent going backwards would loop forever
      cursor = last;
    }
  }

  /** The agent answered a walk with OIDs out of order (seen on wireless controllers): accept its order from now on, walk column by column. */
  private answersOutOfOrder(): void {
    this.disordered = true;
    (this.session as unknown as { backwardsGetNexts: boolean }).backwardsGetNexts = true;
  }

  close(): void {
    this.session.close();
  }

  private async getBatchSplitting(batch: string[], signal: AbortSignal, out: Map<string, SnmpVarbind>): Promise<void> {
    try {
      const varbinds = await this.request<Snmp.Varbind[]>(signal, (cb) => this.session.get(batch, cb));
      for (const vb of varbinds) {
        if (snmp.isVarbindError(vb)) continue;
        const value = decode(vb);
        if (value !== undefined) out.set(vb.oid, { oid: vb.oid, type: vb.type, value });
      }
    } catch (err) {
      if (isTooBig(err) && batch.length > 1) {
        this.getBatch = Math.max(1, Math.floor(batch.length / 2));
        const half = Math.ceil(batch.length / 2);
        await Promise.all([this.getBatchSplitting(batch.slice(0, half), signal, out), this.getBatchSplitting(batch.slice(half), signal, out)]);
        return;
      }
      // SNMPv1 fails a whole GET for one missing object: ask one by one.
      if (this.endpoint.version === 1 && err instanceof CollectError && err.reason === 'nosuchname' && batch.length > 1) {
        for (const oid of batch) await this.getBatchSplitting([oid], signal, out).catch(() => undefined);
        return;
      }
      if (err instanceof CollectError && err.reason === 'nosuchname') return;
      throw err;
    }
  }

  /** One GETBULK (GETNEXT for v1) page; max-repetitions halves after a timeout or tooBig, down to 1. */
  private async nextPage(cursor: string, signal: AbortSignal, pageSize?: number): Promise<Snmp.Varbind[]> {
    for (;;) {
      // after a back-off, never more than the backed-off size
      const size = pageSize === undefined || this.maxRepetitions < this.endpoint.maxRepetitions ? this.maxRepetitions : pageSize;
      try {
        if (this.endpoint.version === 1) {
          return await this.request<Snmp.Varbind[]>(signal, (cb) => this.session.getNext([cursor], cb));
        }
        const rows = await this.request<Snmp.Varbind[][] | Snmp.Varbind[]>(signal, (cb) => this.session.getBulk([cursor], 0, size, cb));
        return rows.flat() as Snmp.Varbind[];
      } catch (err) {
        const retryable = isTooBig(err) || (err instanceof CollectError && err.code === 'TIMEOUT' && !signal.aborted);
        if (!retryable || this.maxRepetitions === 1) throw err;
        this.maxRepetitions = Math.max(1, Math.floor(this.maxRepetitions / 2));
      }
    }
  }

  private async request<T>(signal: AbortSignal, send: (cb: (error: Error | null, result: T) => void) => void): Promise<T> {
    if (signal.aborted) throw abortError(this.endpoint, this.answered);
    // this agent's cap first, so a request waiting on its own agent never holds a global place
    const release = await this.acquire(this.perTarget, signal);
    try {
      const releaseGlobal = await this.acquire(this.global, signal);
      try {
        return await new Promise<T>((resolve, reject) => {
          const onAbort = () => reject(abortError(this.endpoint, this.answered));
          signal.addEventListener('abort', onAbort, { once: true });
          send((error, result) => {
            signal.removeEventListener('abort', onAbort);
            if (error) return reject(mapError(error, this.endpoint));
            this.answered = true;
            this.requests++;
            this.varbinds += Array.isArray(result) ? (result as unknown[]).reduce<number>((n, r) => n + (Array.isArray(r) ? r.length : 1), 0) : 0;
            resolve(result);
          });
        });
      } finally {
        releaseGlobal();
      }
    } finally {
      release();
    }
  }

  private async acquire(semaphore: Semaphore, signal: AbortSignal): Promise<() => void> {
    try {
      return await semaphore.acquire(signal);
    } catch {
      throw abortError(this.endpoint, this.answered);
    }
  }
}

function abortError(e: SnmpEndpoint, answered: boolean): CollectError {
  const what = answered ? 'no complete answer before the deadline' : noAnswer(e);
  return new CollectError('TIMEOUT', `${e.host}:${e.port}: ${what}`, { reason: 'timeout' });
}

function noAnswer(e: SnmpEndpoint): string {
  const likely = e.version === 3 ? 'wrong user, keys or security level, or agent down?' : 'wrong community or agent down?';
  return `no answer (SNMPv${e.version === 2 ? '2c' : e.version}; ${likely})`;
}

function isTooBig(err: unknown): boolean {
  return err instanceof CollectError && err.reason === 'toobig';
}

/** net-snmp errors → the collector error codes, with the agent named. */
/** Whether net-snmp refused a response because its OIDs do not follow the ones asked for. */
function isOutOfOrder(err: unknown): boolean {
  const cause = err instanceof CollectError ? (err as { cause?: unknown }).cause : err;
  return cause instanceof snmp.ResponseInvalidError && (cause as { code?: number }).code === RESPONSE_OUT_OF_ORDER;
}

function mapError(error: Error, e: SnmpEndpoint): CollectError {
  const where = `${e.host}:${e.port}`;
  if (error instanceof snmp.RequestTimedOutError) {
    return new CollectError('TIMEOUT', `${where}: ${noAnswer(e)}`, { reason: 'timeout', cause: error });
  }
  if (/digital envelope routines::unsupported|ERR_OSSL_EVP_UNSUPPORTED/.test(error.message) && e.v3?.privProtocol === 'des') {
    return new CollectError('CONFIG', `${where}: DES privacy needs Node's legacy OpenSSL provider: run slaguard with NODE_OPTIONS=--openssl-legacy-provider (or use AES)`, { reason: 'config', cause: error });
  }
  if (/authentication|wrong digest|unknown user|unknownusername|usmStats|decrypt|notInTimeWindow|unsupported security/i.test(error.message)) {
    return new CollectError('AUTH', `${where}: SNMPv3 authentication failed: ${error.message}`, { reason: 'auth', cause: error });
  }
  if (error instanceof snmp.RequestFailedError) {
    const reason = error.status === TOO_BIG ? 'toobig' : error.status === 2 ? 'nosuchname' : error.status === 16 ? 'auth' : 'protocol';
    return new CollectError(reason === 'auth' ? 'AUTH' : 'PROTOCOL', `${where}: ${error.message}`, { reason, cause: error });
  }
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/.test(error.message)) {
    return new CollectError('UNREACHABLE', `${where}: ${error.message}`, { reason: 'connect', cause: error });
  }
  return new CollectError('PROTOCOL', `${where}: ${error.message}`, { reason: 'protocol', cause: error });
}

/** net-snmp's value → ours; undefined for Null, NoSuch*, EndOfMibView. */
function decode(vb: Snmp.Varbind): SnmpVarbind['value'] | undefined {
  const v = vb.value;
  if (v === null || v === undefined) return undefined;
  if (vb.type === SNMP_TYPE.counter64 && Buffer.isBuffer(v)) return v.length === 0 ? 0n : BigInt(`0x${v.toString('hex')}`);
  if (typeof v === 'number' || typeof v === 'string' || Buffer.isBuffer(v) || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/** Numeric OID order (1.3.6.1.10 after 1.3.6.1.9). */
export function compareOids(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}
