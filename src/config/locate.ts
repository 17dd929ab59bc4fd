import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { ConfigProblem } from '../errors.ts';

/**
 * Where things are in a file a user wrote (config, rule packs, profiles): every problem found in
 * one becomes `FILE:LINE:COL: message` through these helpers, so all such files report alike.
 */

/** Makes a located problem from a source offset. */
export type At = (offset: number | undefined, message: string) => ConfigProblem;

/** Parses YAML keeping source positions; YAML syntax errors come back as located problems. */
export function parseLocated(text: string, file: string): { doc: Document; at: At; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const at: At = (offset, message) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, col: pos.col, message };
  };
  const problems = doc.errors.map((e) => at(e.pos[0], `YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`));
  return { doc, at, problems };
}

/** The located problem for a path in the document (the deepest node that exists). */
export function atPath(doc: Document, path: ReadonlyArray<string | number>, at: At, message: string): ConfigProblem {
  return at(deepestNode(doc, path).node?.range?.[0], message);
}

/** Turns one zod issue into problems located at the YAML node it is about. */
export function locateIssue(doc: Document, issue: z.core.$ZodIssue, at: At): ConfigProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length > 0 ? `${formatPath(path)}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => at(keyOffset(doc, path, key), `${formatPath([...path, key])}: unknown key "${key}"`));
  }
  if (issue.code === 'custom' && issue.params?.at === 'key' && path.length > 0) {
    return [at(keyOffset(doc, path.slice(0, -1), String(path[path.length - 1])), `${where}${issue.message}`)];
  }
  const { node, found } = deepestNode(doc, path);
  if (found) return [at(node?.range?.[0], `${where}${issue.message}`)];
  const parent = path.length > 1 ? `${formatPath(path.slice(0, -1))}: ` : '';
  const detail = issue.code === 'invalid_type' ? '' : ` (${issue.message})`;
  return [at(node?.range?.[0], `${parent}missing required key "${String(path[path.length - 1])}"${detail}`)];
}

/** `a.b[2].c`, as problems name a place in a file. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function deepestNode(doc: Document, path: ReadonlyArray<string | number>): { node: Node | undefined; found: boolean } {
  let node = doc.contents as Node | null;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) return { node: node ?? undefined, found: false };
    node = next;
  }
  return { node: node ?? undefined, found: true };
}

function child(node: Node | null, segment: string | number): Node | undefined {
  if (isSeq(node) && typeof segment === 'number') return (node.items[segment] as Node | undefined) ?? undefined;
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
    return (pair?.value as Node | null | undefined) ?? (pair?.key as Node | undefined);
  }
  return undefined;
}

function keyOffset(doc: Document, path: ReadonlyArray<string | number>, key: string): number | undefined {
  const { node } = deepestNode(doc, path);
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key)) return pair.key.range?.[0];
  }
  return node?.range?.[0];
}

/** How many alias expansions one YAML file may make (YAML's guard against "billion laughs"). */
export const MAX_ALIAS_COUNT = 10_000;

/** The document as plain data, or the located problem when its aliases expand beyond `MAX_ALIAS_COUNT` (or it cannot be converted). */
export function toPlainLocated(doc: Document, at: At): { value: unknown } | { problem: ConfigProblem } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    let offset: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        if (isAlias(node)) offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    const why = err instanceof ReferenceError ? `aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (a "billion laughs" document?)` : (err as Error).message;
    return { problem: at(offset, `YAML: ${why}`) };
  }
}
