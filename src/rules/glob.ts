import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

const GLOB_CHARS = /[*?[]/;

function segmentRegex(segment: string): RegExp {
  let re = '';
  for (const ch of segment) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Files matching a glob (`*`, `?`, `[...]`, `**` for any depth), relative to `baseDir`, sorted.
 * A pattern without glob characters names one file, returned whether or not it exists.
 */
export function expandGlob(pattern: string, baseDir: string): string[] {
  const absolute = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
  if (!GLOB_CHARS.test(pattern)) return [absolute];
  const parts = absolute.split(sep);
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const root = parts.slice(0, firstGlob).join(sep) || sep;
  const out: string[] = [];
  const walk = (dir: string, rest: string[]): void => {
    if (rest.length === 0) return;
    const [head, ...tail] = rest as [string, ...string[]];
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    if (head === '**') {
      walk(dir, tail);
      for (const e of entries) if (statSync(join(dir, e)).isDirectory()) walk(join(dir, e), rest);
      return;
    }
    const re = segmentRegex(head);
    for (const e of entries) {
      if (!re.test(e)) continue;
      const path = join(dir, e);
      if (tail.length === 0) {
        if (statSync(path).isFile()) out.push(path);
      } else if (statSync(path).isDirectory()) walk(path, tail);
    }
  };
  if (existsSync(root)) walk(root, parts.slice(firstGlob));
  return [...new Set(out)].sort();
}
