import { readFileSync, writeFileSync } from 'node:fs';
import { chainLines, verifyEvidenceText } from '../sla/chain.ts';
import { parseEvidence } from '../sla/evidence.ts';
import { readMonthEvidence } from '../sla/ledger-read.ts';
import { isMonth } from '../sla/period.ts';
import { fail, loadOrExit } from './common.ts';
import { evidenceDigestLines, type DigestFlags } from './evidence-digest.ts';
import { openDbOrExit, pickAgencies } from './sla-common.ts';
import type { EvidenceExportFlags } from './sla.ts';

/** `slaguard evidence export`: a month's evidence as hash-chained JSON Lines, to a file or standard output. */
export function exportEvidence(f: EvidenceExportFlags): void {
  const config = loadOrExit(f.config);
  if (!isMonth(f.month)) fail(`--month: "${f.month}" is not a month (YYYY-MM)`);
  if (f.agency !== undefined) pickAgencies(config, f.agency);
  const db = openDbOrExit(config.storage.path);
  const lines = chainLines(readMonthEvidence(db, config.sla, f.month, f.agency));
  db.close();
  const text = lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length > 0 ? '\n' : '');
  if (f.out) {
    writeFileSync(f.out, text);
    console.error(`${f.out}: ${lines.length} lines, last hash ${lines[lines.length - 1]?.hash ?? 'none'}`);
  } else {
    process.stdout.write(text);
  }
}

/** `slaguard evidence verify FILE`: checks the hash chain, naming the first bad line, and prints each agency's evidence digest. */
export function verifyEvidence(file: string, flags: DigestFlags): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail(`${file}: ${(err as Error).message}`);
  }
  const result = verifyEvidenceText(text);
  if (!result.ok) fail(`${file}:${result.line}: ${result.message}`);
  console.log(result.chained
    ? `${file}: OK, ${result.lines} lines, chain intact (last hash ${result.head})`
    : `${file}: ${result.lines} lines well-formed, no chain (no hash fields): nothing to verify`);
  for (const line of evidenceDigestLines(parseEvidence(text, file).lines, flags)) console.log(line);
}
