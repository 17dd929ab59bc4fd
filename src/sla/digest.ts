import { createHash } from 'node:crypto';
import type { StatusLine } from './evidence.ts';
import { parseUtcSeconds } from './fast-time.ts';

const j = JSON.stringify;
const CHUNK = 1 << 16;

/**
 * The evidence digest (SHA-256 of the sorted canonical lines, each with a newline) without sorting
 * every line as a string: when every status time has the ledger's form `YYYY-MM-DDTHH:MM:SSZ`, its
 * text orders as its seconds do, so the status lines of all services are merged by time and only
 * lines of the same second are ordered by the rest of their canonical text. Status lines
 * (`{"at":…`) sort after every other type (`{"acknowledged"`, `{"agency"`, `{"announced_at"`).
 * Returns undefined when a time has another form (the caller then sorts the strings).
 */
export function statusDigest(otherCanonical: readonly string[], columns: ReadonlyArray<{ lines: readonly StatusLine[]; at: Float64Array }>): string | undefined {
  const restIds: Int32Array[] = [];
  const rests: string[] = [];
  const restIndex = new Map<string, Map<string, number>>();
  for (const { lines, at } of columns) {
    const ids = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (parseUtcSeconds(l.at) !== at[i]) return undefined;
      const key = `${l.state}\n${l.service}`;
      let byReason = restIndex.get(key);
      if (byReason === undefined) restIndex.set(key, (byReason = new Map()));
      let id = byReason.get(l.reason);
      if (id === undefined) {
        id = rests.length;
        rests.push(`,"reason":${j(l.reason)},"service":${j(l.service)},"state":${j(l.state)},"type":"status"}\n`);
        byReason.set(l.reason, id);
      }
      ids[i] = id;
    }
    restIds.push(ids);
  }
  const rank = new Int32Array(rests.length);
  Array.from(rests.keys()).sort((a, b) => (rests[a]! < rests[b]! ? -1 : rests[a]! > rests[b]! ? 1 : 0)).forEach((id, r) => { rank[id] = r; });

  const hash = createHash('sha256');
  let buf = '';
  for (const c of [...new Set(otherCanonical)].sort()) buf += `${c}\n`;
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
    let at = '';
    group.length = 0;
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!;
      let h = heads[k]!;
      while (h < col.at.length && col.at[h] === min) {
        at = col.lines[h]!.at;
        group.push(restIds[k]![h]!);
        h++;
      }
      heads[k] = h;
    }
    if (group.length > 1) group.sort((a, b) => rank[a]! - rank[b]!);
    const prefix = `{"at":"${at}"`;
    for (const id of group) buf += prefix + rests[id]!;
    if (buf.length > CHUNK) {
      hash.update(buf);
      buf = '';
    }
  }
  hash.update(buf);
  return hash.digest('hex');
}
