/** Writes config.schema.json for editors (`npm run gen`); a test fails when it is out of date. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { rulePackSchema } from '../rules/schema.ts';
import { configSchema } from './load.ts';

/** The JSON Schema of the config file as an operator writes it (durations as strings, defaults shown). */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'slaguard configuration', $id: 'https://slaguard.invalid/config.schema.json' }, null, 2)}\n`;
}

export const CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../../config.schema.json', import.meta.url));

/** The JSON Schema of a rule pack (rules/*.yaml and the user's rule_files). */
export function rulePackJsonSchema(): string {
  const schema = z.toJSONSchema(rulePackSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'slaguard rule pack', $id: 'https://slaguard.invalid/rule-pack.schema.json' }, null, 2)}\n`;
}

export const RULE_PACK_SCHEMA_PATH = fileURLToPath(new URL('../../rules/rule-pack.schema.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CONFIG_SCHEMA_PATH, configJsonSchema());
  console.log(`wrote ${CONFIG_SCHEMA_PATH}`);
  writeFileSync(RULE_PACK_SCHEMA_PATH, rulePackJsonSchema());
  console.log(`wrote ${RULE_PACK_SCHEMA_PATH}`);
}
