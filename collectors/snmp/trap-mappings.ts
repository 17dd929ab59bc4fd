import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Where the shipped mapping files are: `collectors/snmp/traps/*.yaml`, beside the profiles. */
export const TRAP_MAPPINGS_DIR = fileURLToPath(new URL('./traps/', import.meta.url));

const OID_RE = /^\d+(?:\.\d+)+$/;
const EVENT_RE = /^[a-z][a-z0-9_]*$/;
const PLACEHOLDER_RE = /\{([^{}]*)\}/g;

const template = z.string().min(1).superRefine((text, ctx) => {
  for (const [, name] of text.matchAll(PLACEHOLDER_RE)) {
    if (!OID_RE.test(name!) && name !== 'agent') ctx.addIssue({ code: 'custom', message: `"{${name}}" is not a placeholder: use {OID} (the value of the first varbind under that OID) or {agent}` });
  }
  if ((text.match(/\[/g) ?? []).length !== (text.match(/\]/g) ?? []).length) ctx.addIssue({ code: 'custom', message: 'unbalanced [ ] (an optional part)' });
});

/**
 * One trap mapping. `summary` templates take `{OID}` (the value of the first varbind whose OID is
 * that OID or under it) and `{agent}` (the sender's address); a part in `[...]` is left out when a
 * placeholder in it has no value. `cleared_by` names the event that ends this one (link_up ends link_down).
 */
export const trapMappingSchema = z.strictObject({
  oid: z.string().regex(OID_RE, { error: 'expected a numeric OID such as "1.3.6.1.6.3.1.1.5.3" (v1 enterprise traps as ENTERPRISE.0.SPECIFIC)' }),
  name: z.string().min(1),
  event: z.string().regex(EVENT_RE, { error: 'an event kind is snake_case: lower-case letters, digits and _' }),
  severity: z.enum(['critical', 'warning', 'info']),
  summary: z.strictObject({ 'zh-CN': template, en: template }),
  cleared_by: z.string().regex(EVENT_RE, { error: 'an event kind is snake_case: lower-case letters, digits and _' }).optional(),
});

/** A mapping file: `traps:` and its list. */
export const trapMappingFileSchema = z.strictObject({ traps: z.array(trapMappingSchema).min(1) });

/** A checked mapping. */
export type TrapMapping = z.output<typeof trapMappingSchema>;

/** Every mapping by trap OID (v1 traps in their v2 form). */
export type TrapMappings = ReadonlyMap<string, TrapMapping>;

/** Fills a summary template from the trap's varbinds. */
export function renderSummary(text: string, varbinds: ReadonlyArray<{ oid: string; value: string }>, agent: string): string {
  const valueOf = (name: string): string | undefined =>
    name === 'agent' ? agent : varbinds.find((vb) => vb.oid === name || vb.oid.startsWith(`${name}.`))?.value;
  const fill = (part: string): string | undefined => {
    let missing = false;
    const out = part.replace(PLACEHOLDER_RE, (_, name: string) => valueOf(name) ?? ((missing = true), ''));
    return missing ? undefined : out;
  };
  const withOptional = text.replace(/\[([^\]]*)\]/g, (_, inner: string) => fill(inner) ?? '');
  return fill(withOptional) ?? withOptional.replace(PLACEHOLDER_RE, '?');
}
