import { GENESIS, linkHash } from './canonical.ts';
import { bodyOf, checkLine, type EvidenceLine } from './evidence.ts';

/** Adds `prev` and `hash` to each line, chaining them in order from GENESIS (or `prev`). */
export function chainLines(lines: readonly EvidenceLine[], prev = GENESIS): Array<EvidenceLine & { prev: string; hash: string }> {
  return lines.map((line) => {
    const body = bodyOf(line);
    const hash = linkHash(body, prev);
    const out = { ...body, prev, hash };
    prev = hash;
    return out;
  });
}

/** The outcome of checking a file's chain. */
export type VerifyResult =
  | { ok: true; lines: number; chained: boolean; head: string | undefined }
  | { ok: false; line: number; message: string };

/**
 * Checks a JSON Lines evidence file: every line well-formed, and when it carries hash fields, each
 * `hash` equal to SHA-256(canonical line + "\n" + prev) and each `prev` equal to the line before's
 * `hash`. A file with no hash fields at all is valid but unchained; one that mixes is bad where a
 * line lacks them. Line numbers count from 1, blank lines included.
 */
export function verifyEvidenceText(text: string): VerifyResult {
  const rows = text.split('\n');
  let prev: string | undefined;
  let chained: boolean | undefined;
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i]!;
    if (raw.trim() === '') continue;
    const n = i + 1;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(raw) as Record<string, unknown>;
    } catch (err) {
      return { ok: false, line: n, message: `not JSON: ${(err as Error).message}` };
    }
    const line = checkLine(value);
    if (typeof line === 'string') return { ok: false, line: n, message: line };
    const has = typeof value.hash === 'string' && typeof value.prev === 'string';
    chained ??= has;
    if (chained !== has) return { ok: false, line: n, message: chained ? 'no hash fields, but the lines before are chained' : 'hash fields, but the lines before are not chained' };
    count++;
    if (!has) continue;
    if (prev !== undefined && value.prev !== prev) return { ok: false, line: n, message: `"prev" does not match the hash of the line before (${prev})` };
    const expected = linkHash(bodyOf(line as EvidenceLine), value.prev as string);
    if (value.hash !== expected) return { ok: false, line: n, message: `"hash" does not match the line's content (expected ${expected}): the line was changed` };
    prev = value.hash as string;
  }
  return { ok: true, lines: count, chained: chained ?? false, head: prev };
}
