import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}
/** Relative imports of a file: static (`import … from`, `export … from`) and lazy (`await import('…')`). */
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)/gm)].map((m) => relative(root, resolve(dirname(file), (m[1] ?? m[2])!)));

/** DESIGN.md "Layout": imports go one way. */
describe('one-way imports', () => {
  it('collectors import from src/ only the collector contract, metric names, errors and logging', () => {
    const allowed = /^src\/(collector\/(types|options)\.ts|metrics\/names\.ts|errors\.ts|log\.ts)$/;
    const bad = sources(join(root, 'collectors')).flatMap((f) =>
      importsOf(f).filter((i) => i.startsWith('src/') && !allowed.test(i)).map((i) => `${relative(root, f)} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('src/ reaches collectors only through collectors/index.ts', () => {
    const bad = sources(join(root, 'src')).flatMap((f) =>
      importsOf(f).filter((i) => i.startsWith('collectors/') && i !== 'collectors/index.ts').map((i) => `${relative(root, f)} → ${i}`));
    expect(bad).toEqual([]);
  });
});
