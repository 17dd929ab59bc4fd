import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectorKinds } from '../collectors/index.ts';
import { loadConfigFile } from '../src/config/load.ts';

const root = join(import.meta.dirname, '../collectors');
const folders = readdirSync(root).filter((f) => statSync(join(root, f)).isDirectory());

describe('every collector folder', () => {
  it('is a registered kind, and every kind has a folder', () => {
    expect(folders.sort()).toEqual(collectorKinds.map((k) => k.kind).sort());
  });

  it.each(folders)('%s has a README embedding its sample.yaml, and the sample passes the config schema', (folder) => {
    const readme = join(root, folder, 'README.md');
    const sample = join(root, folder, 'sample.yaml');
    expect(existsSync(readme), `${readme} is missing`).toBe(true);
    expect(existsSync(sample), `${sample} is missing`).toBe(true);
    expect(readFileSync(readme, 'utf8')).toContain(readFileSync(sample, 'utf8').trim());
    const config = loadConfigFile(sample, {});
    expect(config.targets.length).toBeGreaterThan(0);
    expect(config.targets.every((t) => t.kind === folder)).toBe(true);
  });
});
