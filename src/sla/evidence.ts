import { ConfigError, type ConfigProblem } from '../errors.ts';
import { parseUtcSeconds } from './fast-time.ts';
import type { ServiceState } from './timeline.ts';

/** Evidence lines as JSON Lines carry them (issue 8, item 5), without the hash fields. */
export type StatusLine = { type: 'status'; service: string; at: string; state: ServiceState; reason: string };
export type MaintenanceLine = { type: 'maintenance'; service: string; start: string; end: string; ticket: string; approved_by: string; announced_at: string };
export type IncidentLine = { type: 'incident'; id: string; service: string; level: 1 | 2 | 3 | 4; opened: string; acknowledged: string | null; restored: string | null };
/** A contract version in force: `sha256` is that of the agency entry's canonical JSON. */
export type ContractLine = { type: 'contract'; agency: string; version: string; effective: string; sha256: string };
export type EvidenceLine = StatusLine | MaintenanceLine | IncidentLine | ContractLine;

/** Parsed evidence: the lines, and their times in epoch seconds (parsed once). */
export interface Evidence {
  lines: EvidenceLine[];
}

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Epoch seconds of an RFC 3339 time, fractions dropped. */
export function seconds(time: string): number {
  const fast = parseUtcSeconds(time);
  return fast === fast ? fast : Math.floor(Date.parse(time) / 1000);
}

/** RFC 3339 in UTC, whole seconds, as the ledger writes times. */
export function utc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The line without `prev`/`hash`, fields in the documented order. */
export function bodyOf(line: EvidenceLine): EvidenceLine {
  switch (line.type) {
    case 'status': return { type: 'status', service: line.service, at: line.at, state: line.state, reason: line.reason };
    case 'maintenance': return { type: 'maintenance', service: line.service, start: line.start, end: line.end, ticket: line.ticket, approved_by: line.approved_by, announced_at: line.announced_at };
    case 'incident': return { type: 'incident', id: line.id, service: line.service, level: line.level, opened: line.opened, acknowledged: line.acknowledged, restored: line.restored };
    case 'contract': return { type: 'contract', agency: line.agency, version: line.version, effective: line.effective, sha256: line.sha256 };
  }
}

/** Checks one parsed JSON value as an evidence line; returns the problem, or the line. */
export function checkLine(value: unknown): EvidenceLine | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === 'string' && (v[k] as string).length > 0 ? undefined : `"${k}" must be a non-empty string`);
  const text = (k: string) => (typeof v[k] === 'string' ? undefined : `"${k}" must be a string`);
  const time = (k: string, nullable = false) =>
    (nullable && v[k] === null) || (typeof v[k] === 'string' && TIME_RE.test(v[k] as string) && !Number.isNaN(Date.parse(v[k] as string)))
      ? undefined : `"${k}" must be an RFC 3339 time${nullable ? ' or null' : ''}`;
  const allowed: Record<string, string[]> = {
    status: ['service', 'at', 'state', 'reason'],
    maintenance: ['service', 'start', 'end', 'ticket', 'approved_by', 'announced_at'],
    incident: ['id', 'service', 'level', 'opened', 'acknowledged', 'restored'],
    contract: ['agency', 'version', 'effective', 'sha256'],
  };
  const type = v.type;
  if (typeof type !== 'string' || !(type in allowed)) return `"type" must be one of ${Object.keys(allowed).join(', ')}`;
  const unknown = Object.keys(v).find((k) => !['type', 'prev', 'hash', ...allowed[type]!].includes(k));
  if (unknown) return `unknown field "${unknown}" in a ${type} line`;
  const checks: Array<string | undefined> =
    type === 'status' ? [str('service'), time('at'), ['up', 'down', 'unknown'].includes(v.state as string) ? undefined : '"state" must be up, down or unknown', text('reason')]
      : type === 'maintenance' ? [str('service'), time('start'), time('end'), text('ticket'), text('approved_by'), time('announced_at'),
        typeof v.start === 'string' && typeof v.end === 'string' && Date.parse(v.end) < Date.parse(v.start) ? '"end" is before "start"' : undefined]
        : type === 'incident' ? [str('id'), str('service'), [1, 2, 3, 4].includes(v.level as number) ? undefined : '"level" must be 1, 2, 3 or 4', time('opened'), time('acknowledged', true), time('restored', true)]
          : [str('agency'), str('version'), /^\d{4}-\d{2}-\d{2}$/.test(String(v.effective)) ? undefined : '"effective" must be a date YYYY-MM-DD', text('sha256')];
  for (const k of ['prev', 'hash']) if (k in v && !(typeof v[k] === 'string' && /^[0-9a-f]{64}$/.test(v[k] as string))) return `"${k}" must be 64 hex digits`;
  const problem = checks.find((c) => c !== undefined);
  return problem ?? bodyOf(v as unknown as EvidenceLine);
}

/** Parses a JSON Lines evidence file; every bad line is a `FILE:LINE:COL` problem (ConfigError). */
export function parseEvidence(text: string, file: string): Evidence {
  const lines: EvidenceLine[] = [];
  const problems: ConfigProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      problems.push({ file, line: i + 1, col: 1, message: `not JSON: ${(err as Error).message}` });
      return;
    }
    const line = checkLine(value);
    if (typeof line === 'string') problems.push({ file, line: i + 1, col: 1, message: line });
    else lines.push(line);
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return { lines };
}

const j = JSON.stringify;

/** A line's canonical JSON (keys sorted, no spaces, no hash fields): equal to `canonicalJson(bodyOf(line))`, without building objects. */
export function canonicalLine(l: EvidenceLine): string {
  switch (l.type) {
    case 'status': return `{"at":${j(l.at)},"reason":${j(l.reason)},"service":${j(l.service)},"state":${j(l.state)},"type":"status"}`;
    case 'maintenance': return `{"announced_at":${j(l.announced_at)},"approved_by":${j(l.approved_by)},"end":${j(l.end)},"service":${j(l.service)},"start":${j(l.start)},"ticket":${j(l.ticket)},"type":"maintenance"}`;
    case 'incident': return `{"acknowledged":${j(l.acknowledged)},"id":${j(l.id)},"level":${j(l.level)},"opened":${j(l.opened)},"restored":${j(l.restored)},"service":${j(l.service)},"type":"incident"}`;
    case 'contract': return `{"agency":${j(l.agency)},"effective":${j(l.effective)},"sha256":${j(l.sha256)},"type":"contract","version":${j(l.version)}}`;
  }
}
