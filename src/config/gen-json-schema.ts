/** Writes config.schema.json for editors (`npm run gen`); a test fails when it is out of date. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { configSchema } from './load.ts';

/** The JSON Schema of the config file as an operator writes it (durations as strings, defaults shown). */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'slaguard configuration', $id: 'https://slaguard.invalid/config.schema.json' }, null, 2)}\n`;
}

export const CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../../config.schema.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CONFIG_SCHEMA_PATH, configJsonSchema());
  console.log(`wrote ${CONFIG_SCHEMA_PATH}`);
}
