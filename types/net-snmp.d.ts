declare module 'net-snmp' {
  export interface Varbind {
    oid: string;
    type: number;
    value: unknown;
  }
  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    idBitsSize?: 16 | 32;
    context?: string;
    backwardsGetNexts?: boolean;
  }
  export interface User {
    name: string;
    level: number;
    authProtocol?: string;
    authKey?: string;
    privProtocol?: string;
    privKey?: string;
  }
  export interface Session {
    get(oids: string[], cb: (error: Error | null, varbinds: Varbind[]) => void): void;
    getNext(oids: string[], cb: (error: Error | null, varbinds: Varbind[]) => void): void;
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: (error: Error | null, varbinds: Varbind[][] | Varbind[]) => void): void;
    close(): void;
    on(event: 'error', cb: (err: Error) => void): void;
  }
  export interface Receiver {
    close(cb?: () => void): void;
    getAuthorizer(): { addCommunity(c: string): void; addUser(u: User): void };
  }
  export interface Notification {
    pdu: { type: number; enterprise?: string; agentAddr?: string; generic?: number; specific?: number; upTime?: number; varbinds: Varbind[] };
    rinfo: { address: string; port: number; family: string; size: number };
  }
  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: User, options?: SessionOptions): Session;
  export function createReceiver(options: Record<string, unknown>, cb: (error: Error | null, notification: Notification) => void): Receiver;
  export function isVarbindError(vb: Varbind): boolean;
  export function varbindError(vb: Varbind): string;
  export const Version1: number;
  export const Version2c: number;
  export const Version3: number;
  export const ObjectType: Record<string, number | string>;
  export const SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
  export const AuthProtocols: Record<'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512', string>;
  export const PrivProtocols: Record<'des' | 'aes' | 'aes256b' | 'aes256r', string>;
  export const PduType: Record<string, number>;
  export class RequestTimedOutError extends Error {}
  export class RequestFailedError extends Error { status: number }
  export class ResponseInvalidError extends Error { code: number }
  const snmp: {
    createSession: typeof createSession;
    createV3Session: typeof createV3Session;
    createReceiver: typeof createReceiver;
    isVarbindError: typeof isVarbindError;
    varbindError: typeof varbindError;
    Version1: number; Version2c: number; Version3: number;
    ObjectType: typeof ObjectType;
    SecurityLevel: typeof SecurityLevel;
    AuthProtocols: typeof AuthProtocols;
    PrivProtocols: typeof PrivProtocols;
    PduType: typeof PduType;
    RequestTimedOutError: typeof RequestTimedOutError;
    RequestFailedError: typeof RequestFailedError;
    ResponseInvalidError: typeof ResponseInvalidError;
  };
  export default snmp;
}
