import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { collectorKinds } from '../../collectors/index.ts';
import { ConfigError, type ConfigProblem } from '../errors.ts';
import { buildConfigSchema, type Config } from './schema.ts';
import { withLoadContext } from './secret.ts';

/** The config schema for the collector kinds this build ships. */
export const configSchema = buildConfigSchema(collectorKinds);

/** Reads and checks a config file; throws `ConfigError` listing every problem with file:line:col. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ file, line: 1, col: 1, message: `cannot read config file: ${(err as Error).message}` }]);
  }
  return parseConfigText(text, { file, baseDir: dirname(resolve(file)), env });
}

/** Checks config text (the embedded defaults, a file, a test's string). */
export function parseConfigText(text: string, opts: { file: string; baseDir: string; env?: NodeJS.ProcessEnv }): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const at = (offset: number | undefined, message: string): ConfigProblem => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file: opts.file, line: pos.line, col: pos.col, message };
  };

  const problems: ConfigProblem[] = doc.errors.map((e) => at(e.pos[0], `YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`));
  if (problems.length > 0) throw new ConfigError(problems);

  problems.push(...substituteEnv(doc, opts.env ?? process.env, at));
  const result = withLoadContext({ baseDir: opts.baseDir }, () => configSchema.safeParse(doc.toJS() ?? {}));
  if (!result.success) problems.push(...result.error.issues.flatMap((issue) => locateIssue(doc, issue, at)));
  if (problems.length > 0 || !result.success) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new ConfigError(problems);
  }
  return result.data;
}

type At = (offset: number | undefined, message: string) => ConfigProblem;

/** Replaces `${VAR}` and `${VAR:-default}` in string values; `$$` stands for a literal `$`. */
function substituteEnv(doc: Document, env: NodeJS.ProcessEnv, at: At): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('$')) return;
      node.value = node.value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (match, name?: string, fallback?: string) => {
        if (name === undefined) return '$';
        // as in the shell, ${VAR:-default} also applies when VAR is set but empty
        const value = fallback !== undefined && !env[name] ? fallback : env[name];
        if (value === undefined) problems.push(at(node.range?.[0], `environment variable ${name} is not set (use \${${name}:-default} for a default)`));
        return value ?? match;
      });
    },
  });
  return problems;
}

/** Turns one zod issue into problems located at the YAML node it is about. */
function locateIssue(doc: Document, issue: z.core.$ZodIssue, at: At): ConfigProblem[] {
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

function formatPath(path: ReadonlyArray<string | number>): string {
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
