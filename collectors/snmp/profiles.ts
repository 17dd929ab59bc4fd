import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { profileSchema, type Profile } from './profile-schema.ts';

const DIR = join(import.meta.dirname, 'profiles');
let cache: ReadonlyMap<string, Profile> | undefined;

/** Every profile shipped in `profiles/*.yaml`, checked once and kept; a broken file is a startup error. */
export function loadProfiles(): ReadonlyMap<string, Profile> {
  if (cache) return cache;
  const profiles = new Map<string, Profile>();
  const problems: string[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    let raw: unknown;
    try {
      raw = parse(readFileSync(join(DIR, file), 'utf8'));
    } catch (err) {
      problems.push(`profiles/${file}: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = profileSchema.safeParse(raw);
    if (!result.success) {
      problems.push(...result.error.issues.map((i) => `profiles/${file}: ${i.path.join('.')}: ${i.message}`));
      continue;
    }
    if (`${result.data.name}.yaml` !== file) problems.push(`profiles/${file}: name "${result.data.name}" must match the file name`);
    profiles.set(result.data.name, result.data);
  }
  if (problems.length > 0) throw new Error(`SNMP profiles are broken:\n${problems.join('\n')}`);
  cache = profiles;
  return profiles;
}
