import type { ClassRule, DeviceClass, Profile } from './profile-schema.ts';
import { loadClassRules } from './profiles.ts';
import type { SnmpSession } from './session.ts';
import { toLabel } from './values.ts';

export const SYS = { descr: '1.3.6.1.2.1.1.1.0', objectId: '1.3.6.1.2.1.1.2.0', name: '1.3.6.1.2.1.1.5.0' } as const;

/** What auto-detection found on an agent. */
export interface Detection {
  sysDescr: string;
  sysObjectId: string;
  sysName: string;
  profiles: Profile[];
  deviceClass: DeviceClass;
}

/** Class precedence when several matching profiles imply one: the more specific device wins. */
/** Vendors' own MIBs: a subtree there names a product line, unlike a standard MIB's. */
const ENTERPRISES = '1.3.6.1.4.1.';

const PRECEDENCE: readonly DeviceClass[] = ['ups', 'pdu', 'cooling', 'environment', 'firewall', 'storage', 'network', 'server', 'generic'];

/**
 * Picks profiles by sysObjectID prefix (or sysDescr pattern) and by which subtrees answer (one GETNEXT
 * each), less those a picked profile `replaces`, and the device class: the class of a profile whose
 * `class_by_subtree` subtree answers, else the class of a profile matched by sysObjectID, else the most specific class
 * implied by the profiles picked other than `server`, else the declared rule (classes.yaml) whose sysDescr
 * pattern matches, else the one with the longest sysObjectID prefix that matches, else the first whose
 * subtree in a vendor's enterprise space answers, else `server` if implied, else the first rule whose
 * other subtree answers (BRIDGE-MIB), else "generic". `server` yields to a rule because HOST-RESOURCES,
 * which implies it, is what any embedded Linux answers: a Ubiquiti radio, a Linux-based switch or a PDU
 * card is no server. A profile's `sys_descr` patterns pick it like a sysObjectID prefix, less specific
 * than any.
 */
export async function detect(session: SnmpSession, all: Iterable<Profile>, signal: AbortSignal, only?: readonly string[], rules: readonly ClassRule[] = loadClassRules()): Promise<Detection> {
  const profiles = [...all];
  const sys = await session.get([SYS.descr, SYS.objectId, SYS.name], signal);
  const sysObjectId = (toLabel(sys.get(SYS.objectId)) ?? '').replace(/^\./, '');
  const candidates = only ? profiles.filter((p) => only.includes(p.name)) : profiles;
  const subtrees = [...candidates.map((p) => p.detect.subtree), ...rules.map((r) => r.subtree)];
  const roots = [...new Set(subtrees.filter((s): s is string => s !== undefined))];
  const firsts = roots.length > 0 ? await session.getNext(roots, signal) : [];
  const answering = new Set(roots.filter((root, i) => firsts[i]?.oid.startsWith(`${root}.`)));

  const sysDescr = toLabel(sys.get(SYS.descr)) ?? '';
  /** Length of the longest of `prefixes` that the sysObjectID starts with, 0 if none. */
  const prefixLength = (prefixes: readonly string[]) => Math.max(0, ...prefixes.filter((prefix) => sysObjectId === prefix || sysObjectId.startsWith(`${prefix}.`)).map((x) => x.length));
  /** How specifically `p` names this agent: its longest matching sysObjectID prefix, 1 for a `sys_descr` match only, 0 if neither. */
  const oidMatch = (p: Profile) => Math.max(prefixLength(p.detect.sys_object_id), p.detect.sys_descr.some((re) => re.test(sysDescr)) ? 1 : 0);
  const matched = only ? candidates : candidates.filter((p) => oidMatch(p) > 0 || (p.detect.subtree !== undefined && answering.has(p.detect.subtree)));
  const replaced = new Set(only ? [] : matched.flatMap((p) => p.detect.replaces));
  const chosen = matched.filter((p) => !replaced.has(p.name));
  // the most specific sysObjectID match decides the class (a vendor's firewall line over its switch line)
  const vendorClass = chosen.filter((p) => p.class && oidMatch(p) > 0).sort((a, b) => oidMatch(b) - oidMatch(a))[0]?.class;
  const subtreeClass = chosen.find((p) => p.class && p.detect.class_by_subtree && p.detect.subtree !== undefined && answering.has(p.detect.subtree))?.class;
  const implied = PRECEDENCE.find((c) => chosen.some((p) => p.class === c));
  const ruleMatch = (r: ClassRule) => prefixLength(r.sys_object_id);
  const ruledByDescr = rules.find((r) => r.sys_descr?.test(sysDescr))?.class;
  const ruledByOid = rules.filter((r) => ruleMatch(r) > 0).sort((a, b) => ruleMatch(b) - ruleMatch(a))[0]?.class;
  const subtreeRule = (vendor: boolean) => rules.find((r) => r.subtree !== undefined && r.subtree.startsWith(ENTERPRISES) === vendor && answering.has(r.subtree))?.class;
  const deviceClass =
    subtreeClass ?? vendorClass ?? (implied === 'server' ? undefined : implied) ?? ruledByDescr ?? ruledByOid ?? subtreeRule(true) ?? implied ?? subtreeRule(false) ?? 'generic';
  return {
    sysDescr,
    sysObjectId,
    sysName: toLabel(sys.get(SYS.name)) ?? '',
    profiles: byPrecedence(chosen),
    deviceClass,
  };
}

/** The declared or default precedence of a profile (see `precedence` in profile-schema.ts). */
export const precedenceOf = (p: Profile): number => p.precedence ?? (p.class ? 10 : 0);

/** Profiles highest precedence first (stable): the collector keeps the first sample of a series. */
function byPrecedence(profiles: Profile[]): Profile[] {
  return [...profiles].sort((a, b) => precedenceOf(b) - precedenceOf(a));
}
