import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { ConfigProblem } from '../errors.ts';
import type { DollarString } from './fast-yaml.ts';
import type { At } from './locate.ts';

const VAR_RE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const WHOLE_VAR_RE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;

/** A plain (unquoted) value that was wholly one `${VAR}`: its place, and the text it became. */
export interface WholeVar {
  path: Array<string | number>;
  text: string;
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in string values (`$$` stands for a literal `$`); returns
 * the problems (unset variables) and the unquoted values that were wholly one variable, which may
 * then take the type the schema expects (`port: ${PORT}` is a number).
 */
export function substituteEnv(doc: Document, env: NodeJS.ProcessEnv, at: At): { problems: ConfigProblem[]; wholeVars: WholeVar[] } {
  const problems: ConfigProblem[] = [];
  const wholeVars: WholeVar[] = [];
  const walk = (node: unknown, path: Array<string | number>): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('$')) {
      const whole = node.type === 'PLAIN' && WHOLE_VAR_RE.test(node.value);
      node.value = substituteText(node.value, env, (name) =>
        problems.push(at(node.range?.[0], `environment variable ${name} is not set (use \${${name}:-default} for a default)`)));
      if (whole) wholeVars.push({ path, text: node.value as string });
    }
  };
  walk((doc as { contents: Node | null }).contents, []);
  return { problems, wholeVars };
}

/**
 * `substituteEnv` for a plain value read by the fast YAML reader, changed in place at the strings
 * it noted; `unset` is true when a variable is missing (the caller then reads the file with
 * locations to say where).
 */
export function substituteDollars(raw: unknown, dollars: readonly DollarString[], env: NodeJS.ProcessEnv): { unset: boolean; wholeVars: WholeVar[] } {
  let unset = false;
  const wholeVars: WholeVar[] = [];
  for (const { path, plain } of dollars) {
    let parent = raw as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    const text = parent[key] as string;
    parent[key] = substituteText(text, env, () => (unset = true));
    if (plain && WHOLE_VAR_RE.test(text)) wholeVars.push({ path, text: parent[key] as string });
  }
  return { unset, wholeVars };
}

function substituteText(text: string, env: NodeJS.ProcessEnv, unset: (name: string) => void): string {
  return text.replace(VAR_RE, (match, name?: string, fallback?: string) => {
    if (name === undefined) return '$';
    // as in the shell, ${VAR:-default} also applies when VAR is set but empty
    const value = fallback !== undefined && !env[name] ? fallback : env[name];
    if (value === undefined) unset(name);
    return value ?? match;
  });
}

/**
 * Parses `raw` with `parse`, giving each whole-variable value the number or boolean it spells when
 * the schema wants one there; a value the schema rejects either way stays the string it was.
 */
export function parseWithTypedVars<T>(
  raw: unknown,
  wholeVars: readonly WholeVar[],
  parse: (value: unknown) => z.ZodSafeParseResult<T>,
): z.ZodSafeParseResult<T> {
  const first = parse(raw);
  if (first.success || wholeVars.length === 0) return first;
  const issueAt = (issues: readonly z.core.$ZodIssue[], path: ReadonlyArray<string | number>) =>
    issues.find((i) => i.path.length === path.length && i.path.every((p, k) => p === path[k]));
  const candidates = wholeVars.filter((v) => v.path.length > 0 && typed(v.text) !== undefined && issueAt(first.error.issues, v.path) !== undefined);
  if (candidates.length === 0) return first;
  const second = parse(withValues(raw, candidates.map((v) => ({ path: v.path, value: typed(v.text) }))));
  if (second.success) return second;
  const kept = candidates.filter((v) => {
    const before = issueAt(first.error.issues, v.path)!;
    return (before.code === 'invalid_type' && (before.expected === 'number' || before.expected === 'boolean')) || issueAt(second.error.issues, v.path) === undefined;
  });
  if (kept.length === candidates.length) return second;
  return kept.length === 0 ? first : parse(withValues(raw, kept.map((v) => ({ path: v.path, value: typed(v.text) }))));
}

function typed(text: string): number | boolean | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function withValues(raw: unknown, changes: ReadonlyArray<{ path: ReadonlyArray<string | number>; value: unknown }>): unknown {
  const copy = structuredClone(raw);
  for (const { path, value } of changes) {
    let node = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1]!] = value;
  }
  return copy;
}
