/**
 * The config without its block-style top-level `targets:` section (those lines left empty, so
 * every line keeps its number): what slaguard needs to listen is checked first, while the targets
 * of a large fleet are read elsewhere. Undefined when the file has no such section.
 */
export function withoutTargets(text: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^targets[ ]*:[ ]*(?:#.*)?\r?$/.test(l));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && /^(?:[ #\t]|-(?:[ \t]|\r?$)|\r?$)/.test(lines[end]!)) end++;
  for (let i = start; i < end; i++) lines[i] = '';
  return lines.join('\n');
}
