/** Stable error codes a collector may fail with (DESIGN.md, "Core contracts"). */
export const COLLECT_ERROR_CODES = ['TIMEOUT', 'UNREACHABLE', 'AUTH', 'PROTOCOL', 'CONFIG'] as const;
export type CollectErrorCode = (typeof COLLECT_ERROR_CODES)[number];

import type { Sample } from './collector/types.ts';

/**
 * A poll that failed. `code` is one of the design's stable codes; `reason` is the finer,
 * lower-case cause that ends up in `slaguard_poll_errors_total{reason}` (e.g. `dns`, `tls`).
 * `samples` are measurements taken before the failure (an HTTP status code, a latency), still exported.
 */
export class CollectError extends Error {
  override readonly name = 'CollectError';
  readonly code: CollectErrorCode;
  readonly reason: string;
  readonly samples: readonly Sample[];

  constructor(
    code: CollectErrorCode,
    message: string,
    opts: { reason?: string; samples?: readonly Sample[]; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.reason = opts.reason ?? code.toLowerCase();
    this.samples = opts.samples ?? [];
  }
}

/** One problem found in a configuration file, located for the operator. */
export interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** A configuration that cannot be used; `problems` lists every one found, not just the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'SLAGUARD_ERR_CONFIG';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** `FILE:LINE:COL: message`, the form editors and CI logs link to. */
export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}
