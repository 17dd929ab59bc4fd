import { z } from 'zod';
import type { LabelMatcher } from '../state/matchers.ts';

const MATCHER_RE = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^"\s]*))\s*$/;

/** Parses Alertmanager-style matcher text (`site="主机房"`, `service=~"a|b"`); undefined when malformed. */
export function parseMatcher(text: string): LabelMatcher | undefined {
  const m = MATCHER_RE.exec(text);
  if (!m) return undefined;
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[4]!;
  const op = m[2] as LabelMatcher['op'];
  if (op === '=~' || op === '!~') {
    try { new RegExp(value); } catch { return undefined; }
  }
  return { label: m[1]!, op, value };
}

/** Prints a matcher the way `parseMatcher` reads it. */
export function formatMatcher(m: LabelMatcher): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

/** A label matcher as text in a config or API body, e.g. `severity="critical"`; output is a LabelMatcher. */
export const matcherText = z.string().transform((text, ctx): LabelMatcher => {
  const m = parseMatcher(text);
  if (m === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a label matcher; write e.g. severity="critical" or site=~"A|B"` });
    return z.NEVER;
  }
  return m;
});
