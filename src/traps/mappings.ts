import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRAP_MAPPINGS_DIR, trapMappingFileSchema, type TrapMapping, type TrapMappings } from '../../collectors/index.ts';
import { atPath, locateIssue, parseLocated } from '../config/locate.ts';
import type { z } from 'zod';
import { ConfigError, formatProblem, type ConfigProblem } from '../errors.ts';

/** Mapping texts by file name, e.g. `{ 'rfc.yaml': '...' }` (tests pass their own). */
export type MappingSources = ReadonlyArray<{ file: string; text: string }>;

/** The shipped mapping files (`collectors/snmp/traps/*.yaml`), in name order. */
export function shippedMappingSources(dir = TRAP_MAPPINGS_DIR): MappingSources {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Checks and merges trap mapping files. Every problem is reported as `FILE:LINE:COL: message`:
 * schema errors, an OID mapped twice (in any file), a `cleared_by` naming an event no mapping produces.
 */
export function loadTrapMappings(sources: MappingSources = shippedMappingSources()): TrapMappings {
  const problems: ConfigProblem[] = [];
  const byOid = new Map<string, TrapMapping & { from: string }>();
  const clears: Array<{ event: string; problem: () => ConfigProblem }> = [];
  for (const { file, text } of sources) {
    const { doc, at, problems: syntax } = parseLocated(text, file);
    if (syntax.length > 0) {
      problems.push(...syntax);
      continue;
    }
    const result = trapMappingFileSchema.safeParse(doc.toJS());
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(...locateIssue(doc, issue, at));
      continue;
    }
    result.data.traps.forEach((m, i) => {
      const first = byOid.get(m.oid);
      if (first) problems.push(atPath(doc, ['traps', i, 'oid'], at, `traps[${i}].oid: ${m.oid} is already mapped (to ${first.event} in ${first.from})`));
      else byOid.set(m.oid, { ...m, from: file });
      if (m.cleared_by !== undefined) {
        clears.push({ event: m.cleared_by, problem: () => atPath(doc, ['traps', i, 'cleared_by'], at, `traps[${i}].cleared_by: no mapping produces the event "${m.cleared_by}"`) });
      }
    });
  }
  const events = new Set([...byOid.values()].map((m) => m.event));
  for (const c of clears) if (!events.has(c.event)) problems.push(c.problem());
  if (problems.length > 0) throw new ConfigError(problems);
  return new Map([...byOid].map(([oid, { from: _from, ...m }]) => [oid, m]));
}

/** For the config schema: `traps.mapping_files` that cannot be read or loaded become problems at that key (so `check` finds them). */
export function checkTrapMappings(traps: { mapping_files: readonly string[] }, ctx: z.RefinementCtx): void {
  const own: Array<{ file: string; text: string }> = [];
  traps.mapping_files.forEach((file, i) => {
    try {
      own.push({ file, text: readFileSync(file, 'utf8') });
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['mapping_files', i], message: `cannot read "${file}": ${(err as Error).message}` });
    }
  });
  if (own.length === 0) return;
  try {
    loadTrapMappings([...shippedMappingSources(), ...own]);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const p of err.problems) ctx.addIssue({ code: 'custom', path: ['mapping_files'], message: `in a mapping file: ${formatProblem(p)}` });
  }
}
