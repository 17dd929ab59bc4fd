import { dirname, resolve } from 'node:path';
import { isAlias, visit, type Document } from 'yaml';
import { collectorKinds } from '../../collectors/index.ts';
import { ConfigError } from '../errors.ts';
import { parseWithTypedVars, substituteEnv } from './env.ts';
import { parseLocated, locateIssue, type At } from './locate.ts';
import { MAX_CONFIG_BYTES, readRegularFile } from './read-file.ts';
import { buildConfigSchema, type Config } from './schema.ts';
import { withLoadContext } from './secret.ts';

/** The config schema for the collector kinds this build ships. */
export const configSchema = buildConfigSchema(collectorKinds);

/** How many alias expansions a config may make (YAML's guard against "billion laughs"). */
const MAX_ALIAS_COUNT = 10_000;

/**
 * Reads and checks a config file (a regular file of at most 1 MiB, opened without blocking);
 * throws `ConfigError` listing every problem with file:line:col.
 */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): Config {
  let text: string;
  try {
    text = readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (err) {
    throw new ConfigError([{ file, line: 1, col: 1, message: `cannot read config file: ${(err as Error).message}` }]);
  }
  return parseConfigText(text, { file, baseDir: dirname(resolve(file)), env });
}

/** Checks config text (the embedded defaults, a file, a test's string). */
export function parseConfigText(text: string, opts: { file: string; baseDir: string; env?: NodeJS.ProcessEnv }): Config {
  const { doc, at, problems } = parseLocated(text, opts.file);
  if (problems.length > 0) throw new ConfigError(problems);

  const { problems: envProblems, wholeVars } = substituteEnv(doc, opts.env ?? process.env, at);
  problems.push(...envProblems);
  const raw = toPlain(doc, at);
  const result = withLoadContext({ baseDir: opts.baseDir }, () => parseWithTypedVars(raw ?? {}, wholeVars, (value) => configSchema.safeParse(value)));
  if (!result.success) problems.push(...result.error.issues.flatMap((issue) => locateIssue(doc, issue, at)));
  if (problems.length > 0 || !result.success) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new ConfigError(problems);
  }
  return result.data;
}

function toPlain(doc: Document, at: At): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    let offset: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        if (isAlias(node)) offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    const why = err instanceof ReferenceError ? `aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (a "billion laughs" document?)` : (err as Error).message;
    throw new ConfigError([at(offset, `YAML: ${why}`)]);
  }
}
