import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { classRulesSchema, profileSchema, type ClassRule, type Profile } from './profile-schema.ts';

const DIR = join(import.meta.dirname, 'profiles');
let cache: ReadonlyMap<string, Profile> | undefined;
let rulesCache: readonly ClassRule[] | undefined;

/** Every profile shipped in `profiles/*.yaml`, checked once and kept; a broken file is a startup error listing FILE:LINE:COL problems. */
export function loadProfiles(): ReadonlyMap<string, Profile> {
  if (cache) return cache;
  const profiles = new Map<string, Profile>();
  const problems: string[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    const result = parseFile(join(DIR, file), `profiles/${file}`, profileSchema, problems);
    if (result === undefined) continue;
    if (`${result.name}.yaml` !== file) problems.push(`profiles/${file}:1:1: name "${result.name}" must match the file name`);
    profiles.set(result.name, result);
  }
  if (problems.length > 0) throw new Error(`SNMP profiles are broken:\n${problems.join('\n')}`);
  cache = profiles;
  return profiles;
}

/** The declared class rules (classes.yaml), checked once and kept; a broken file is a startup error. */
export function loadClassRules(): readonly ClassRule[] {
  if (rulesCache) return rulesCache;
  const problems: string[] = [];
  const result = parseFile(join(import.meta.dirname, 'classes.yaml'), 'classes.yaml', classRulesSchema, problems);
  if (result === undefined) throw new Error(`SNMP class rules are broken:\n${problems.join('\n')}`);
  rulesCache = result.rules;
  return rulesCache;
}

/** Parses and checks one YAML file; problems go to `problems` as `NAME:LINE:COL: message`. */
export function parseFile<S extends z.ZodType>(path: string, name: string, schema: S, problems: string[]): z.output<S> | undefined {
  return parseText(readFileSync(path, 'utf8'), name, schema, problems);
}

/** As `parseFile`, on text already read. */
export function parseText<S extends z.ZodType>(text: string, name: string, schema: S, problems: string[]): z.output<S> | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined, message: string) => {
    const { line, col } = lines.linePos(offset ?? 0);
    return `${name}:${line}:${col}: ${message}`;
  };
  if (doc.errors.length > 0) {
    problems.push(...doc.errors.map((e) => at(e.pos[0], e.message.split('\n')[0]!)));
    return undefined;
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const where = path.length > 0 ? `${path.join('.')}: ` : '';
    problems.push(at(offsetOf(doc, path), `${where}${issue.message}`));
  }
  return undefined;
}

/** Start offset of the deepest node along `path` that exists (the parent of a missing key). */
function offsetOf(doc: Document, path: ReadonlyArray<string | number>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return undefined;
}
