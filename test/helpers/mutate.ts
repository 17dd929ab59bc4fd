import fc from 'fast-check';

/** A generated packet and how it was made. */
export interface Mutant {
  how: 'truncated' | 'bit-flip' | 'length' | 'random' | 'random-sequence';
  packet: Buffer;
}

/** Offsets of every BER length byte in a well-formed packet (where corrupting a length bites). */
function lengthOffsets(buf: Buffer): number[] {
  const out: number[] = [];
  const walk = (pos: number, end: number) => {
    while (pos < end) {
      const tag = buf[pos]!;
      out.push(pos + 1);
      let len = buf[pos + 1]!;
      let head = 2;
      if (len & 0x80) {
        const n = len & 0x7f;
        len = 0;
        for (let i = 0; i < n; i++) len = len * 256 + buf[pos + 2 + i]!;
        head += n;
      }
      if (tag & 0x20) walk(pos + head, pos + head + len);
      pos += head + len;
    }
  };
  walk(0, buf.length);
  return out;
}

/** Mutations of valid packets: truncation, bit flips, a corrupted length field, random bytes (bare or behind a SEQUENCE header). */
export function mutants(seeds: readonly Buffer[]): fc.Arbitrary<Mutant> {
  const seed = fc.integer({ min: 0, max: seeds.length - 1 }).map((i) => seeds[i]!);
  return fc.oneof(
    fc.tuple(seed, fc.nat()).map(([s, n]): Mutant => ({ how: 'truncated', packet: Buffer.from(s.subarray(0, n % s.length)) })),
    fc.tuple(seed, fc.array(fc.nat(), { minLength: 1, maxLength: 4 })).map(([s, bits]): Mutant => {
      const p = Buffer.from(s);
      for (const b of bits) p[Math.floor((b % (p.length * 8)) / 8)]! ^= 1 << (b % 8);
      return { how: 'bit-flip', packet: p };
    }),
    fc.tuple(seed, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, which, value]): Mutant => {
      const p = Buffer.from(s);
      const offsets = lengthOffsets(p);
      p[offsets[which % offsets.length]!] = value;
      return { how: 'length', packet: p };
    }),
    fc.uint8Array({ maxLength: 300 }).map((b): Mutant => ({ how: 'random', packet: Buffer.from(b) })),
    fc.uint8Array({ maxLength: 120 }).map((b): Mutant => ({ how: 'random-sequence', packet: Buffer.concat([Buffer.from([0x30, b.length]), b]) })),
  );
}
