import type { Socket } from 'node:dgram';
import type * as Snmp from 'net-snmp';
import snmp from 'net-snmp';
import { toLabel } from './values.ts';
import type { SnmpVarbind } from './session.ts';

/** A trap or inform as slaguard keeps it: mapped to an event kind, or `unknown`, never dropped. */
export interface TrapEvent {
  at: number;
  kind: string;
  severity: 'critical' | 'warning' | 'info';
  summary: string;
  trapOid: string;
  address: string;
  version: 'v1' | 'v2c' | 'v3';
  varbinds: Array<{ oid: string; value: string }>;
}

const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1.';

/** Trap OID → event. APC's enterprise traps are in their v2 form (enterprise.0.specific). */
export const TRAP_EVENTS: Readonly<Record<string, { kind: string; severity: TrapEvent['severity']; summary: string }>> = {
  '1.3.6.1.6.3.1.1.5.1': { kind: 'cold_start', severity: 'warning', summary: 'agent restarted (coldStart)' },
  '1.3.6.1.6.3.1.1.5.2': { kind: 'warm_start', severity: 'info', summary: 'agent reinitialised (warmStart)' },
  '1.3.6.1.6.3.1.1.5.3': { kind: 'link_down', severity: 'critical', summary: 'link down' },
  '1.3.6.1.6.3.1.1.5.4': { kind: 'link_up', severity: 'info', summary: 'link up' },
  '1.3.6.1.6.3.1.1.5.5': { kind: 'authentication_failure', severity: 'warning', summary: 'SNMP authentication failure at the agent' },
  '1.3.6.1.2.1.33.2.1': { kind: 'ups_on_battery', severity: 'critical', summary: 'UPS on battery (upsTrapOnBattery)' },
  '1.3.6.1.2.1.33.2.2': { kind: 'ups_test_completed', severity: 'info', summary: 'UPS self-test completed' },
  '1.3.6.1.2.1.33.2.3': { kind: 'ups_alarm_added', severity: 'critical', summary: 'UPS alarm raised (upsTrapAlarmEntryAdded)' },
  '1.3.6.1.2.1.33.2.4': { kind: 'ups_alarm_removed', severity: 'info', summary: 'UPS alarm cleared (upsTrapAlarmEntryRemoved)' },
  '1.3.6.1.4.1.318.0.5': { kind: 'ups_on_battery', severity: 'critical', summary: 'APC UPS on battery (upsOnBattery)' },
  '1.3.6.1.4.1.318.0.7': { kind: 'ups_low_battery', severity: 'critical', summary: 'APC UPS battery low (lowBattery)' },
  '1.3.6.1.4.1.318.0.9': { kind: 'ups_on_mains', severity: 'info', summary: 'APC UPS back on mains (powerRestored)' },
};

/** Turns a received notification into an event (v1 traps are put in their v2 form first). */
export function trapEvent(n: Snmp.Notification, at: number): TrapEvent {
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
  const known = TRAP_EVENTS[trapOid];
  const ifIndex = varbinds.find((vb) => vb.oid.startsWith(IF_INDEX))?.value;
  const summary = known ? `${known.summary}${ifIndex ? ` (ifIndex ${ifIndex})` : ''}` : `unmapped trap ${trapOid}`;
  return {
    at,
    kind: known?.kind ?? 'unknown',
    severity: known?.severity ?? 'warning',
    summary,
    trapOid,
    address: n.rinfo.address,
    version: isV1 ? 'v1' : ((n as { pdu: { scoped?: boolean } }).pdu.scoped ? 'v3' : 'v2c'),
    varbinds,
  };
}

export interface TrapReceiverOptions {
  host: string;
  port: number;
  /** Accepted v1/v2c communities; empty accepts any. */
  communities: readonly string[];
  users: ReadonlyArray<{ username: string; level: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv'; authProtocol: string; authKey: string; privProtocol: string; privKey: string }>;
  onEvent(event: TrapEvent): void;
  /** A packet that could not be decoded or was not authorised: counted, then dropped. */
  onDropped(reason: string, from: string | undefined): void;
}

/** Listens for traps and informs (v1, v2c, v3); resolves once bound. */
export function startTrapReceiver(opts: TrapReceiverOptions): Promise<{ close(): Promise<void> }> {
  const receiver = snmp.createReceiver(
    { port: opts.port, address: opts.host, transport: opts.host.includes(':') ? 'udp6' : 'udp4', disableAuthorization: opts.communities.length === 0 },
    (error, notification) => {
      if (error) {
        if ('syscall' in error) return; // a socket error while binding: reported by the promise below
        const reason = /authori|community|user|digest|decrypt/i.test(error.message) ? 'unauthorised' : 'malformed';
        opts.onDropped(reason, (error as { rinfo?: { address: string } }).rinfo?.address);
        return;
      }
      try {
        opts.onEvent(trapEvent(notification, Date.now()));
      } catch {
        opts.onDropped('malformed', notification?.rinfo?.address);
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
  const close = () => new Promise<void>((resolve) => receiver.close(() => resolve()));
  // net-snmp binds in the background; wait on its sockets (an internal field) to report the bind.
  const sockets = Object.values((receiver as unknown as { listener: { sockets: Record<string, Socket> } }).listener.sockets);
  return Promise.all(sockets.map((socket) => new Promise<void>((resolve, reject) => {
    socket.once('listening', resolve);
    socket.once('error', reject);
  }))).then(
    () => ({ close }),
    async (err: Error) => {
      await close().catch(() => undefined);
      throw new Error(`cannot listen for traps on ${opts.host}:${opts.port}: ${err.message}`, { cause: err });
    },
  );
}
