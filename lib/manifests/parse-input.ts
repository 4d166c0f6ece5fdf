import type { z } from 'zod';
import { ManifestError, type ManifestIssue } from './types';

/** Issues of a failed zod parse, as Berth reports them (dotted paths, the schema's own messages). */
export function issuesFromZod(error: z.ZodError, prefix = ''): ManifestIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** Parses `value` with `schema`, or throws a ManifestError (INVALID_INPUT) carrying every problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ManifestError(issuesFromZod(result.error));
  return result.data;
}
