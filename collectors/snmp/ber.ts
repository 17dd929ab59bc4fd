const MAX_DEPTH = 16;

/**
 * True when `buf` is exactly one well-formed BER SEQUENCE: every length fits its parent, every
 * constructed value is a run of whole TLVs, and nothing follows the end. A truncated or padded
 * packet fails, whatever net-snmp's more forgiving reader would make of it.
 */
export function berWellFormed(buf: Buffer): boolean {
  return buf.length > 0 && buf[0] === 0x30 && tlvEnd(buf, 0, buf.length, 0) === buf.length;
}

/** The end offset of the TLV at `pos` (within `limit`), or -1. */
function tlvEnd(buf: Buffer, pos: number, limit: number, depth: number): number {
  if (depth > MAX_DEPTH || pos + 2 > limit) return -1;
  const tag = buf[pos++]!;
  if ((tag & 0x1f) === 0x1f) return -1;
  let len = buf[pos++]!;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || pos + n > limit) return -1;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]!;
  }
  const end = pos + len;
  if (end > limit) return -1;
  if (tag & 0x20) {
    let p = pos;
    while (p < end) {
      p = tlvEnd(buf, p, end, depth + 1);
      if (p < 0) return -1;
    }
  }
  return end;
}
