import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { MAX_SECRET_BYTES, readRegularFile } from './read-file.ts';

/** Where relative `*_file` paths are resolved from: the config file's folder (set by the loader). */
export interface LoadContext {
  baseDir: string;
}

let current: LoadContext = { baseDir: process.cwd() };

/** Runs `fn` with `ctx` as the context schema transforms read (the loader is synchronous). */
export function withLoadContext<T>(ctx: LoadContext, fn: () => T): T {
  const previous = current;
  current = ctx;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** Resolves a path from the config against the config file's folder. */
export function resolveConfigPath(path: string): string {
  return isAbsolute(path) ? path : resolve(current.baseDir, path);
}

/**
 * Checks an object that may give a secret inline (`token: ...`) or from a file (`token_file: ...`),
 * exactly one of them, and returns the object with the secret read into `key`. A secret file must be
 * a regular file of at most 64 KiB (a FIFO or a device is refused, never waited on).
 */
export function resolveSecret<T extends Record<string, unknown>>(
  value: T,
  key: string,
  ctx: z.RefinementCtx,
  required: boolean,
): T {
  const fileKey = `${key}_file`;
  const inline = value[key];
  const file = value[fileKey];
  if (inline !== undefined && file !== undefined) {
    ctx.addIssue({ code: 'custom', path: [fileKey], message: `give either "${key}" or "${fileKey}", not both` });
    return value;
  }
  if (typeof file === 'string') {
    try {
      const secret = readRegularFile(resolveConfigPath(file), MAX_SECRET_BYTES).trim();
      if (secret === '') ctx.addIssue({ code: 'custom', path: [fileKey], message: `file "${file}" is empty` });
      return { ...value, [key]: secret };
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: [fileKey], message: `cannot read "${file}": ${(err as Error).message}` });
      return value;
    }
  }
  if (required && inline === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${key}" or "${fileKey}" is required` });
  }
  return value;
}
