/** The varbind shape net-snmp hands to its request callbacks; Counter64 is a bigint here (net-snmp's is a Buffer). */
export interface DecodedVarbind {
  oid: string;
  type: number;
  value: number | bigint | Buffer | string | null;
}

/** A v1/v2c GetResponse, as net-snmp's own decoder would give it. */
export interface DecodedResponse {
  version: number;
  id: number;
  errorStatus: number;
  errorIndex: number;
  varbinds: DecodedVarbind[];
}

const GET_RESPONSE = 0xa2;
const EMPTY = Buffer.alloc(0);

/**
 * Decodes a v1/v2c GetResponse whose community is `community`, in one pass and without net-snmp's
 * per-field reader objects. Only the plain form is taken: every length definite and exact, integers of
 * 1–4 bytes (Counter32, Gauge32, TimeTicks 1–5), OID arcs under 2^28, the value types agents send for
 * GET and GETBULK. Anything else (SNMPv3, another PDU, another community, Boolean, BitString, an odd
 * encoding) gives undefined, and net-snmp's decoder, which knows every case and its errors, takes the packet.
 * `buf` must already be well-formed BER (berWellFormed).
 */
export function decodeGetResponse(buf: Buffer, community: Buffer): DecodedResponse | undefined {
  const r = { pos: 0, end: 0 };
  if (!enter(buf, r, 0x30, buf.length)) return undefined;
  const messageEnd = r.end;
  const version = smallInt(buf, r, messageEnd);
  if (version !== 0 && version !== 1) return undefined;
  if (!enter(buf, r, 0x04, messageEnd) || r.end - r.pos !== community.length || buf.compare(community, 0, community.length, r.pos, r.end) !== 0) return undefined;
  r.pos = r.end;
  if (!enter(buf, r, GET_RESPONSE, messageEnd) || r.end !== messageEnd) return undefined;
  const pduEnd = r.end;
  const id = smallInt(buf, r, pduEnd);
  const errorStatus = smallInt(buf, r, pduEnd);
  const errorIndex = smallInt(buf, r, pduEnd);
  if (id === undefined || errorStatus === undefined || errorIndex === undefined) return undefined;
  if (!enter(buf, r, 0x30, pduEnd) || r.end !== pduEnd) return undefined;
  const varbinds: DecodedVarbind[] = [];
  while (r.pos < pduEnd) {
    if (!enter(buf, r, 0x30, pduEnd)) return undefined;
    const varbindEnd = r.end;
    if (!enter(buf, r, 0x06, varbindEnd)) return undefined;
    const oid = oidText(buf, r.pos, r.end);
    if (oid === undefined) return undefined;
    r.pos = r.end;
    if (r.pos + 2 > varbindEnd) return undefined;
    const type = buf[r.pos]!;
    if (!enter(buf, r, type, varbindEnd) || r.end !== varbindEnd) return undefined;
    const value = valueOf(buf, type, r.pos, r.end);
    if (value === undefined) return undefined;
    varbinds.push({ oid, type, value });
    r.pos = varbindEnd;
  }
  return { version, id, errorStatus, errorIndex, varbinds };
}

/** Steps into the TLV at `r.pos` if its tag is `tag` and it ends within `limit`: r.pos at its contents, r.end after them. */
function enter(buf: Buffer, r: { pos: number; end: number }, tag: number, limit: number): boolean {
  let p = r.pos;
  if (p + 2 > limit || buf[p] !== tag) return false;
  let len = buf[p + 1]!;
  p += 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > limit) return false;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  if (p + len > limit) return false;
  r.pos = p;
  r.end = p + len;
  return true;
}

/** An INTEGER of 1–4 bytes (two's complement) at `r.pos`, stepping over it; undefined otherwise. */
function smallInt(buf: Buffer, r: { pos: number; end: number }, limit: number): number | undefined {
  if (!enter(buf, r, 0x02, limit)) return undefined;
  const value = signed(buf, r.pos, r.end, 4);
  r.pos = r.end;
  return value;
}

function signed(buf: Buffer, start: number, end: number, maxBytes: number): number | undefined {
  const len = end - start;
  if (len === 0 || len > maxBytes) return undefined;
  let value = (buf[start]! << 24) >> 24;
  for (let i = start + 1; i < end; i++) value = value * 256 + buf[i]!;
  return value;
}

/** Where an OID's text is written before it becomes one string (room for 128 arcs of 10 digits). */
const scratch = Buffer.alloc(1_408);

/** Dotted text of an OID's contents, as net-snmp writes it; undefined for an empty OID, an arc of 2^28 or more, or a last arc cut off. */
function oidText(buf: Buffer, start: number, end: number): string | undefined {
  if (start === end) return undefined;
  let at = 0;
  let value = 0;
  let bytes = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const byte = buf[i]!;
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) {
      if (++bytes === 4) return undefined;
      continue;
    }
    if (at + 24 > scratch.length) return undefined;
    if (first) {
      at = writeNumber(Math.floor(value / 40), at);
      scratch[at++] = 0x2e;
      at = writeNumber(value % 40, at);
      first = false;
    } else {
      scratch[at++] = 0x2e;
      at = writeNumber(value, at);
    }
    value = 0;
    bytes = 0;
  }
  return bytes === 0 ? scratch.toString('latin1', 0, at) : undefined;
}

/** Writes `n` (0 ≤ n < 2^28) in decimal at `at` in the scratch buffer; returns the offset after it. */
function writeNumber(n: number, at: number): number {
  if (n < 10) {
    scratch[at] = 0x30 + n;
    return at + 1;
  }
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  for (let i = at + digits - 1; i >= at; i--) {
    scratch[i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  return at + digits;
}

/** A value's contents → what net-snmp gives (Counter64 as bigint); undefined for a type or form left to net-snmp. */
function valueOf(buf: Buffer, type: number, start: number, end: number): DecodedVarbind['value'] | undefined {
  switch (type) {
    case 0x02: // Integer32
      return signed(buf, start, end, 4);
    case 0x04: // OctetString
    case 0x44: // Opaque
      return start === end ? EMPTY : buf.subarray(start, end);
    case 0x06: // OID
      return oidText(buf, start, end);
    case 0x40: // IpAddress
      return end - start === 4 ? `${buf[start]}.${buf[start + 1]}.${buf[start + 2]}.${buf[start + 3]}` : undefined;
    case 0x41: // Counter32
    case 0x42: // Gauge32
    case 0x43: { // TimeTicks
      const value = signed(buf, start, end, 5);
      return value === undefined ? undefined : value >>> 0;
    }
    case 0x46: { // Counter64
      const len = end - start;
      if (len > 9) return undefined;
      if (len <= 6) {
        let n = 0;
        for (let i = start; i < end; i++) n = n * 256 + buf[i]!;
        return BigInt(n);
      }
      let hi = 0;
      for (let i = start; i < end - 4; i++) hi = hi * 256 + buf[i]!;
      return (BigInt(hi) << 32n) + BigInt(buf.readUInt32BE(end - 4));
    }
    case 0x05: // Null
    case 0x80: // noSuchObject
    case 0x81: // noSuchInstance
    case 0x82: // endOfMibView
      return start === end ? null : undefined;
    default:
      return undefined;
  }
}
