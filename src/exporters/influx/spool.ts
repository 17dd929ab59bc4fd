import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { InfluxPoint } from './points.ts';

const SEGMENT_RE = /^(\d{16})-(\d+)\.jsonl$/;

interface Segment {
  seq: number;
  points: number;
  bytes: number;
  file: string;
}

/**
 * The disk buffer: one file per batch (`SEQ-POINTS.jsonl`, a point per line), replayed oldest first.
 * Bounded in bytes: past the bound whole oldest segments are deleted and their points reported as dropped.
 * A segment is written to a temporary file, flushed and renamed, so a crash leaves whole segments only.
 */
export class Spool {
  private readonly segments: Segment[] = [];
  private bytesUsed = 0;
  private pointsHeld = 0;

  constructor(private readonly dir: string, private readonly maxBytes: number) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      const m = SEGMENT_RE.exec(name);
      if (m === null) {
        if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
        continue;
      }
      const file = join(dir, name);
      this.segments.push({ seq: Number(m[1]), points: Number(m[2]), bytes: statSync(file).size, file });
    }
    this.segments.sort((a, b) => a.seq - b.seq);
    for (const s of this.segments) {
      this.bytesUsed += s.bytes;
      this.pointsHeld += s.points;
    }
  }

  /** Points held on disk. */
  get points(): number {
    return this.pointsHeld;
  }

  /** Bytes held on disk. */
  get bytes(): number {
    return this.bytesUsed;
  }

  /** The sequence number of the oldest segment, undefined when empty. */
  get oldestSeq(): number | undefined {
    return this.segments[0]?.seq;
  }

  /** The sequence number after the newest segment (numbers keep rising across restarts). */
  get nextSeq(): number {
    return (this.segments.at(-1)?.seq ?? 0) + 1;
  }

  /** Stores a batch under its sequence number (an older one sorts before those already held); returns the points dropped to stay in bounds. */
  push(seq: number, points: readonly InfluxPoint[]): number {
    const text = points.map((p) => JSON.stringify(p)).join('\n');
    const name = `${String(seq).padStart(16, '0')}-${points.length}.jsonl`;
    const file = join(this.dir, name);
    const tmp = `${file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    const segment = { seq, points: points.length, bytes: Buffer.byteLength(text), file };
    let i = this.segments.length;
    while (i > 0 && this.segments[i - 1]!.seq > seq) i--;
    this.segments.splice(i, 0, segment);
    this.bytesUsed += segment.bytes;
    this.pointsHeld += segment.points;
    let dropped = 0;
    while (this.bytesUsed > this.maxBytes && this.segments.length > 0) {
      const oldest = this.segments[0]!;
      dropped += oldest.points;
      this.remove(oldest.seq);
    }
    return dropped;
  }

  /** The oldest segment, read back; undefined when the buffer is empty. */
  oldest(): { seq: number; points: InfluxPoint[] } | undefined {
    const s = this.segments[0];
    if (s === undefined) return undefined;
    const text = readFileSync(s.file, 'utf8');
    return { seq: s.seq, points: text === '' ? [] : text.split('\n').map((line) => JSON.parse(line) as InfluxPoint) };
  }

  /** The points a segment holds (from its name). */
  pointsOf(seq: number): number {
    return this.segments.find((s) => s.seq === seq)?.points ?? 0;
  }

  /** Deletes a segment (written, or dropped). */
  remove(seq: number): void {
    const i = this.segments.findIndex((s) => s.seq === seq);
    if (i < 0) return;
    const [s] = this.segments.splice(i, 1);
    rmSync(s!.file, { force: true });
    this.bytesUsed -= s!.bytes;
    this.pointsHeld -= s!.points;
  }
}
