import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { visit, type Document } from 'yaml';
import { collectorKinds } from '../../collectors/index.ts';
import { ConfigError, type ConfigProblem } from '../errors.ts';
import { loadRulePacks } from '../rules/load.ts';
import { atPath, locateIssue, parseLocated, type At } from './locate.ts';
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
  const { doc, at, problems } = parseLocated(text, opts.file);
  if (problems.length > 0) throw new ConfigError(problems);

  problems.push(...substituteEnv(doc, opts.env ?? process.env, at));
  const result = withLoadContext({ baseDir: opts.baseDir }, () => configSchema.safeParse(doc.toJS() ?? {}));
  if (!result.success) problems.push(...result.error.issues.flatMap((issue) => locateIssue(doc, issue, at)));
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  const rules = loadRules(doc, at, opts.baseDir);
  problems.push(...rules.problems);
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return { ...result.data, rules: { ...result.data.rules, loaded: rules.rules } };
}

/** Loads the rule packs the config names (or the default pack), located problems included. */
function loadRules(doc: Document, at: At, baseDir: string): ReturnType<typeof loadRulePacks> {
  const raw = (doc.toJS() ?? {}) as { rule_files?: unknown; rules?: { depends_on?: unknown } };
  const patterns = Array.isArray(raw.rule_files) && raw.rule_files.every((p) => typeof p === 'string') ? (raw.rule_files as string[]) : undefined;
  if (raw.rule_files !== undefined && patterns === undefined) return { rules: [], problems: [] };
  const loaded = loadRulePacks(patterns, baseDir, (i, message) => atPath(doc, ['rule_files', i], at, message));
  const ids = new Set(loaded.rules.map((r) => r.spec.id));
  const deps = Array.isArray(raw.rules?.depends_on) ? (raw.rules.depends_on as Array<{ rule?: unknown }>) : [];
  deps.forEach((d, i) => {
    if (typeof d?.rule === 'string' && !ids.has(d.rule)) loaded.problems.push(atPath(doc, ['rules', 'depends_on', i, 'rule'], at, `rules.depends_on[${i}].rule: no rule "${d.rule}" is loaded`));
  });
  return loaded;
}

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

