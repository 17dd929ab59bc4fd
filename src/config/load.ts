import { dirname, resolve } from 'node:path';
import type { Document } from 'yaml';
import { collectorKinds } from '../../collectors/index.ts';
import { ConfigError, type ConfigProblem } from '../errors.ts';
import { loadRulePacks } from '../rules/load.ts';
import { parseWithTypedVars, substituteDollars, substituteEnv } from './env.ts';
import { fastYaml } from './fast-yaml.ts';
import { atPath, locateIssue, parseLocated, toPlainLocated, type At } from './locate.ts';
import { MAX_MAIN_CONFIG_BYTES, readRegularFile } from './read-file.ts';
import { buildConfigSchema, type Config } from './schema.ts';
import { withLoadContext } from './secret.ts';

/** The config schema for the collector kinds this build ships. */
export const configSchema = buildConfigSchema(collectorKinds);

/**
 * Reads and checks a config file (a regular file of at most 64 MiB, opened without blocking);
 * throws `ConfigError` listing every problem with file:line:col.
 */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readRegularFile(file, MAX_MAIN_CONFIG_BYTES);
  } catch (err) {
    throw new ConfigError([{ file, line: 1, col: 1, message: `cannot read config file: ${(err as Error).message}` }]);
  }
  return parseConfigText(text, { file, baseDir: dirname(resolve(file)), env });
}

/**
 * Checks config text (the embedded defaults, a file, a test's string). A file in the plain shape
 * of YAML is read and checked fast; when that finds any problem (or the file is not of that
 * shape) it is read again with source positions, so every problem is located.
 */
export function parseConfigText(text: string, opts: { file: string; baseDir: string; env?: NodeJS.ProcessEnv }): Config {
  return parseFast(text, opts) ?? parseWithLocations(text, opts);
}

/** The config when the fast reader reads it and it has no problem at all; undefined otherwise. */
function parseFast(text: string, opts: { baseDir: string; env?: NodeJS.ProcessEnv }): Config | undefined {
  const fast = fastYaml(text);
  if (fast === undefined) return undefined;
  const { unset, wholeVars } = substituteDollars(fast.value, fast.dollars, opts.env ?? process.env);
  if (unset) return undefined;
  const result = withLoadContext({ baseDir: opts.baseDir }, () => parseWithTypedVars(fast.value ?? {}, wholeVars, (value) => configSchema.safeParse(value)));
  if (!result.success) return undefined;
  const rules = loadRules(fast.value, () => ({ file: '', line: 0, col: 0, message: '' }), opts.baseDir);
  if (rules.problems.length > 0) return undefined;
  return { ...result.data, rules: { ...result.data.rules, loaded: rules.rules } };
}

function parseWithLocations(text: string, opts: { file: string; baseDir: string; env?: NodeJS.ProcessEnv }): Config {
  const { doc, at, problems } = parseLocated(text, opts.file);
  if (problems.length > 0) throw new ConfigError(problems);

  const { problems: envProblems, wholeVars } = substituteEnv(doc, opts.env ?? process.env, at);
  problems.push(...envProblems);
  const raw = toPlain(doc, at);
  const result = withLoadContext({ baseDir: opts.baseDir }, () => parseWithTypedVars(raw ?? {}, wholeVars, (value) => configSchema.safeParse(value)));
  if (!result.success) problems.push(...result.error.issues.flatMap((issue) => locateIssue(doc, issue, at)));
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  const rules = loadRules(raw, (path, message) => atPath(doc, path, at, message), opts.baseDir);
  problems.push(...rules.problems);
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return { ...result.data, rules: { ...result.data.rules, loaded: rules.rules } };
}

/** Loads the rule packs the config names (or the default pack), located problems included. */
function loadRules(plain: unknown, locate: (path: Array<string | number>, message: string) => ConfigProblem, baseDir: string): ReturnType<typeof loadRulePacks> {
  const raw = (plain ?? {}) as { rule_files?: unknown; rules?: { depends_on?: unknown } };
  const patterns = Array.isArray(raw.rule_files) && raw.rule_files.every((p) => typeof p === 'string') ? (raw.rule_files as string[]) : undefined;
  if (raw.rule_files !== undefined && patterns === undefined) return { rules: [], problems: [] };
  const loaded = loadRulePacks(patterns, baseDir, (i, message) => locate(['rule_files', i], message));
  const ids = new Set(loaded.rules.map((r) => r.spec.id));
  const deps = Array.isArray(raw.rules?.depends_on) ? (raw.rules.depends_on as Array<{ rule?: unknown }>) : [];
  deps.forEach((d, i) => {
    if (typeof d?.rule === 'string' && !ids.has(d.rule)) loaded.problems.push(locate(['rules', 'depends_on', i, 'rule'], `rules.depends_on[${i}].rule: no rule "${d.rule}" is loaded`));
  });
  return loaded;
}

function toPlain(doc: Document, at: At): unknown {
  const plain = toPlainLocated(doc, at);
  if ('problem' in plain) throw new ConfigError([plain.problem]);
  return plain.value;
}
