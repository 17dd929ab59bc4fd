import { createHash } from 'node:crypto';
import type { StatusColumn } from './select.ts';

const STATE_NAME = ['up', 'down', 'unknown'] as const;

const j = JSON.stringify;
const CHUNK = 1 << 20;

/**
 * The evidence digest (SHA-256 of the sorted canonical lines, each with a newline) without sorting
 * every line as a string: when every status time has the ledger's form `YYYY-MM-DDTHH:MM:SSZ`, its
 * text orders as its seconds do, so the status lines of all services are merged by time and only
 * lines of the same second are ordered by the rest of their canonical text. Status lines
 * (`{"at":…`) sort after every other type (`{"acknowledged"`, `{"agency"`, `{"announced_at"`).
 * Columns are one service each. Returns undefined when a time has another form (the caller then sorts the strings).
 */
export function statusDigest(otherCanonical: readonly string[], columns: readonly StatusColumn[]): string | undefined {
  const restIds: Int32Array[] = [];
  const rests: Buffer[] = [];
  for (const { service, state, reason, reasons, uniform } of columns) {
    if (!uniform) return undefined;
    const ids = new Int32Array(state.length);
    const byCode = new Int32Array(reasons.length * 3).fill(-1);
    for (let i = 0; i < state.length; i++) {
      const key = reason[i]! * 3 + state[i]!;
      let id = byCode[key]!;
      if (id < 0) {
        id = rests.length;
        rests.push(Buffer.from(`","reason":${j(reasons[reason[i]!])},"service":${j(service)},"state":${j(STATE_NAME[state[i]!])},"type":"status"}\n`));
        byCode[key] = id;
      }
      ids[i] = id;
    }
    restIds.push(ids);
  }
  const rank = new Int32Array(rests.length);
  const texts = rests.map((b) => b.toString());
  Array.from(texts.keys()).sort((a, b) => (texts[a]! < texts[b]! ? -1 : texts[a]! > texts[b]! ? 1 : 0)).forEach((id, r) => { rank[id] = r; });

  const hash = createHash('sha256');
  hash.update([...new Set(otherCanonical)].sort().map((c) => `${c}\n`).join(''));
  const chunk = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  const heads = new Int32Array(columns.length);
  const group: number[] = [];
  for (;;) {
    let min = Number.POSITIVE_INFINITY;
    for (let k = 0; k < columns.length; k++) {
      const h = heads[k]!;
      const col = columns[k]!;
      if (h < col.at.length && col.at[h]! < min) min = col.at[h]!;
    }
    if (min === Number.POSITIVE_INFINITY) break;
    const at = utcText(min);
    group.length = 0;
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!;
      let h = heads[k]!;
      while (h < col.at.length && col.at[h] === min) {
        group.push(restIds[k]![h]!);
        h++;
      }
      heads[k] = h;
    }
    for (let g = 1; g < group.length; g++) {
      const id = group[g]!;
      let h = g - 1;
      while (h >= 0 && rank[group[h]!]! > rank[id]!) { group[h + 1] = group[h]!; h--; }
      group[h + 1] = id;
    }
    for (const id of group) {
      const rest = rests[id]!;
      if (pos + 27 + rest.length > CHUNK) {
        hash.update(chunk.subarray(0, pos));
        pos = 0;
        if (27 + rest.length > CHUNK) {
          hash.update(`{"at":"${at}`);
          hash.update(rest);
          continue;
        }
      }
      chunk[pos] = 123; chunk[pos + 1] = 34; chunk[pos + 2] = 97; chunk[pos + 3] = 116; chunk[pos + 4] = 34; chunk[pos + 5] = 58; chunk[pos + 6] = 34;
      pos += 7;
      for (let c = 0; c < 20; c++) chunk[pos + c] = at.charCodeAt(c);
      pos += 20;
      if (rest.length > 64) {
        rest.copy(chunk, pos);
      } else {
        for (let c = 0; c < rest.length; c++) chunk[pos + c] = rest[c]!;
      }
      pos += rest.length;
    }
  }
  hash.update(chunk.subarray(0, pos));
  return hash.digest('hex');
}

let textDay = Number.NaN;
let textDate = '';
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** `YYYY-MM-DDTHH:MM:SSZ` of whole epoch seconds (the ledger's form), the date cached per UTC day. */
function utcText(t: number): string {
  const day = Math.floor(t / 86_400);
  if (day !== textDay) {
    textDay = day;
    textDate = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const rest = t - day * 86_400;
  return `${textDate}${TWO[Math.floor(rest / 3600)]}:${TWO[Math.floor(rest / 60) % 60]}:${TWO[rest % 60]}Z`;
}
