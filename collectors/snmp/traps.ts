import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import type * as Snmp from 'net-snmp';
import snmp from 'net-snmp';
import { berWellFormed } from './ber.ts';
import type { SnmpVarbind } from './session.ts';
import { renderSummary, type TrapMappings } from './trap-mappings.ts';
import { udpSocketDrops } from './udp-drops.ts';
import { toLabel } from './values.ts';

/** A trap or inform as slaguard keeps it: mapped to an event kind, or `unknown`, never dropped. */
export interface TrapEvent {
  at: number;
  kind: string;
  severity: 'critical' | 'warning' | 'info';
  /** English summary; `summaries` has both languages. */
  summary: string;
  summaries: { 'zh-CN': string; en: string };
  /** The event kind that ends this one, from the mapping. */
  clearedBy?: string;
  trapOid: string;
  address: string;
  version: 'v1' | 'v2c' | 'v3';
  varbinds: Array<{ oid: string; value: string }>;
}

/** Why a packet became no event: `malformed` (not well-formed BER, or not decodable), `unauthorised`, `not_a_trap` (a discovery request or other PDU, answered or ignored). */
export type TrapDropReason = 'malformed' | 'unauthorised' | 'not_a_trap';

/** What one datagram became: exactly one of an event or a counted drop. */
export type TrapOutcome = { event: TrapEvent } | { dropped: TrapDropReason };

const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';

/** Turns a received notification into an event (v1 traps are put in their v2 form first). */
export function trapEvent(n: Snmp.Notification, at: number, mappings: TrapMappings): TrapEvent {
  const { pdu } = n;
  const isV1 = pdu.type === snmp.PduType.Trap;
  let trapOid: string;
  if (isV1) {
    trapOid = pdu.generic !== undefined && pdu.generic < 6 ? `1.3.6.1.6.3.1.1.5.${pdu.generic + 1}` : `${pdu.enterprise}.0.${pdu.specific}`;
  } else {
    trapOid = String(pdu.varbinds.find((vb) => vb.oid === SNMP_TRAP_OID)?.value ?? 'unknown');
  }
  const varbinds = pdu.varbinds
    .filter((vb) => vb.oid !== SNMP_TRAP_OID && vb.oid !== SYS_UPTIME)
    .map((vb) => ({ oid: vb.oid, value: toLabel(vb as SnmpVarbind) ?? '' }));
  const known = mappings.get(trapOid);
  const address = n.rinfo.address;
  const summaries = known
    ? { 'zh-CN': renderSummary(known.summary['zh-CN'], varbinds, address), en: renderSummary(known.summary.en, varbinds, address) }
    : { 'zh-CN': `未映射的 trap ${trapOid}`, en: `unmapped trap ${trapOid}` };
  return {
    at,
    kind: known?.event ?? 'unknown',
    severity: known?.severity ?? 'warning',
    summary: summaries.en,
    summaries,
    ...(known?.cleared_by ? { clearedBy: known.cleared_by } : {}),
    trapOid,
    address,
    version: isV1 ? 'v1' : ((n as { pdu: { scoped?: boolean } }).pdu.scoped ? 'v3' : 'v2c'),
    varbinds,
  };
}

/** Who may send traps, and what they mean. */
export interface TrapDecoderOptions {
  /** Accepted v1/v2c communities; empty accepts any. */
  communities: readonly string[];
  users: ReadonlyArray<{ username: string; level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv'; authProtocol: string; authKey: string; privProtocol: string; privKey: string }>;
  mappings: TrapMappings;
}

/** Decodes datagrams into outcomes, synchronously (net-snmp's receiver without its socket); informs and v3 discovery are answered on `socket`. */
export interface TrapDecoder {
  decode(packet: Buffer, rinfo: RemoteInfo, socket: Pick<Socket, 'send'>): TrapOutcome;
}

/** A decoder with its own net-snmp receiver (whose sockets are inert stand-ins: slaguard owns the real one). */
export function createTrapDecoder(opts: TrapDecoderOptions): TrapDecoder {
  let last: TrapOutcome | undefined;
  const inert = { createSocket: () => Object.assign(new EventEmitter(), { bind() {}, close(cb?: () => void) { cb?.(); }, address: () => ({}) }) };
  const receiver = snmp.createReceiver(
    { port: 1, disableAuthorization: opts.communities.length === 0, dgramModule: inert } as unknown as Parameters<typeof snmp.createReceiver>[0],
    (error, notification) => {
      if (error) {
        last = { dropped: /authori|community|user|digest|decrypt|authentication|privacy/i.test(error.message) ? 'unauthorised' : /Unexpected PDU|GetRequests/i.test(error.message) ? 'not_a_trap' : 'malformed' };
        return;
      }
      try {
        last = { event: trapEvent(notification, Date.now(), opts.mappings) };
      } catch {
        last = { dropped: 'malformed' };
      }
    },
  );
  const authorizer = receiver.getAuthorizer();
  for (const c of opts.communities) authorizer.addCommunity(c);
  for (const u of opts.users) {
    const user: Snmp.User = { name: u.username, level: snmp.SecurityLevel[u.level] };
    if (u.level !== 'noAuthNoPriv') Object.assign(user, { authProtocol: snmp.AuthProtocols[u.authProtocol as 'sha'], authKey: u.authKey });
    if (u.level === 'authPriv') Object.assign(user, { privProtocol: snmp.PrivProtocols[u.privProtocol as 'aes'], privKey: u.privKey });
    authorizer.addUser(user);
  }
  const onMsg = (receiver as unknown as { onMsg(socket: unknown, buf: Buffer, rinfo: RemoteInfo): void }).onMsg.bind(receiver);
  return {
    decode(packet, rinfo, socket) {
      if (!berWellFormed(packet)) return { dropped: 'malformed' };
      last = undefined;
      try {
        onMsg(socket, packet, rinfo);
      } catch {
        return { dropped: 'malformed' };
      }
      return last ?? { dropped: 'not_a_trap' };
    },
  };
}

/** Where to listen, and where outcomes go. */
export interface TrapReceiverOptions extends TrapDecoderOptions {
  host: string;
  port: number;
  /** Socket receive buffer asked for, in bytes (the kernel caps it at net.core.rmem_max). */
  receiveBuffer: number;
  onEvent(event: TrapEvent): void;
  /** A packet that became no event, or `count` datagrams the kernel dropped (`kernel`). */
  onDropped(reason: TrapDropReason | 'kernel', from: string | undefined, count: number): void;
}

/** A listening trap receiver. */
export interface TrapReceiver {
  /** The receive buffer the kernel granted (it reports twice what is usable). */
  readonly receiveBuffer: number;
  /** Reports datagrams the kernel dropped since the last call (through `onDropped('kernel')`). */
  checkKernelDrops(): void;
  close(): Promise<void>;
}

/** Listens for traps and informs (v1, v2c, v3) on one UDP socket; resolves once bound. */
export async function startTrapReceiver(opts: TrapReceiverOptions): Promise<TrapReceiver> {
  const decoder = createTrapDecoder(opts);
  const transport = opts.host.includes(':') ? 'udp6' : 'udp4';
  const socket = createSocket({ type: transport, recvBufferSize: opts.receiveBuffer });
  socket.on('message', (packet, rinfo) => {
    const outcome = decoder.decode(packet, rinfo, socket);
    if ('event' in outcome) opts.onEvent(outcome.event);
    else opts.onDropped(outcome.dropped, rinfo.address, 1);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', (err) => {
      socket.close();
      reject(new Error(`cannot listen for traps on ${opts.host}:${opts.port}: ${err.message}`, { cause: err }));
    });
    socket.bind(opts.port, opts.host, () => resolve());
  });
  const port = socket.address().port;
  let reported = udpSocketDrops(transport, port) ?? 0;
  const checkKernelDrops = () => {
    const now = udpSocketDrops(transport, port);
    if (now !== undefined && now > reported) {
      opts.onDropped('kernel', undefined, now - reported);
      reported = now;
    }
  };
  return {
    receiveBuffer: socket.getRecvBufferSize(),
    checkKernelDrops,
    close: () => new Promise<void>((resolve) => {
      checkKernelDrops();
      socket.close(() => resolve());
    }),
  };
}
