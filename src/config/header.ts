/** A block-style top-level `targets:` line, and the lines of its block (indented, list items, comments, blank). */
const TARGETS_BLOCK = /^targets[ ]*:[ ]*(?:#[^\n]*)?\r?\n(?:(?:[ #\t][^\n]*|-(?:[ \t][^\n]*)?|\r?)(?:\n|$))*/m;

/**
 * The config without its block-style top-level `targets:` section (those lines left empty, so
 * every line keeps its number): what slaguard needs to listen is checked first, while the targets
 * of a large fleet are read elsewhere. Undefined when the file has no such section.
 */
export function withoutTargets(text: string): string | undefined {
  const match = TARGETS_BLOCK.exec(text);
  if (match === null) return undefined;
  const lines = match[0].split('\n').length - 1;
  return `${text.slice(0, match.index)}${'\n'.repeat(lines)}${text.slice(match.index + match[0].length)}`;
}
