// Input validation for operations: a zod failure becomes INVALID_INPUT with per-field messages,
// before anything is written.
import { z } from 'zod';
import { BerthError, type FieldErrors } from '@/lib/errors';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new BerthError('INVALID_INPUT', result.error.issues[0]?.message ?? 'Invalid input.', fieldErrors);
}

export function invalidField(field: string, message: string): BerthError {
  return new BerthError('INVALID_INPUT', message, { [field]: [message] });
}

// HTML forms send '' for an empty field and 'on' for a ticked checkbox; plain callers send real values.
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export function optionalField<S extends z.ZodType>(schema: S) {
  return z.preprocess(emptyToUndefined, schema.optional());
}

export const checkboxInput = z.preprocess(
  (value) => value === true || value === 'on' || value === 'true' || value === '1',
  z.boolean(),
);

export const idInput = (what: string) =>
  z.string({ error: `Choose a ${what}.` }).trim().min(1, `Choose a ${what}.`).max(64, `Unknown ${what}.`);

export const emailInput = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address, such as ada@example.com.').max(254, 'Email address is too long.'));

/** A Kubernetes namespace name (RFC 1123 label). */
export const namespaceInput = z
  .string({ error: 'Enter a namespace.' })
  .trim()
  .min(1, 'Enter a namespace.')
  .max(63, 'Namespace must be at most 63 characters.')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    "Namespace must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit.",
  );
