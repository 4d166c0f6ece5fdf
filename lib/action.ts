// defineAction: the one wrapper every server action goes through (STYLE.md). It treats the action
// as a public POST endpoint: parse with zod, resolve the actor, call one operation, revalidate, and
// turn every outcome into a Result — unknown errors become INTERNAL with a logged request id.
import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { Actor } from '@/lib/access/actor';
import { mapError } from '@/lib/audit/map-error';
import { getCurrentActor } from '@/lib/auth/actor';
import type { ActionError, FieldErrors, Result } from '@/lib/errors';

export type ActionInput<S extends z.ZodType> = z.input<S> | FormData;

/** Callable directly (`action(input)`) or as a useActionState reducer (`action(previous, formData)`). */
export interface ServerAction<S extends z.ZodType, T> {
  (input: ActionInput<S>): Promise<Result<T>>;
  (previous: Result<T> | null, input: ActionInput<S>): Promise<Result<T>>;
}

export interface DefineActionOptions {
  /** Paths whose server-rendered data this action changes (revalidated as layouts, so sub-pages too). */
  revalidate?: string[];
}

export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    // Next adds its own $ACTION_* fields to progressive-enhancement forms.
    if (key.startsWith('$ACTION')) continue;
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    const item = typeof value === 'string' ? value : value.name;
    const existing = out[name];
    if (key.endsWith('[]') || existing !== undefined) {
      out[name] = Array.isArray(existing) ? [...existing, item] : existing === undefined ? [item] : [existing, item];
    } else {
      out[name] = item;
    }
  }
  return out;
}

function revalidateQuietly(paths: string[]): void {
  for (const path of paths) {
    try {
      revalidatePath(path, 'layout');
    } catch (error) {
      // Outside a Next request (tests, scripts) there is no cache to revalidate.
      if (!(error instanceof Error && /static generation store missing|workStore/i.test(error.message))) throw error;
    }
  }
}

function fail(error: ActionError): { ok: false; error: ActionError } {
  return { ok: false, error };
}

function toFieldErrors(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

export function defineAction<S extends z.ZodType, T>(
  schema: S,
  operation: (actor: Actor | null, input: z.output<S>) => Promise<T>,
  options: DefineActionOptions = {},
): ServerAction<S, T> {
  const action = async (...args: unknown[]): Promise<Result<T>> => {
    const requestId = randomUUID().slice(0, 8);
    try {
      const raw = args.length >= 2 ? args[1] : args[0];
      const input = raw instanceof FormData ? formDataToObject(raw) : raw;
      const actor = await getCurrentActor();
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        // A signed-out caller learns nothing about the input rules.
        if (actor === null) return fail({ code: 'UNAUTHENTICATED', message: 'Sign in to continue.' });
        return fail({ code: 'INVALID_INPUT', message: parsed.error.issues[0]?.message ?? 'Invalid input.', fieldErrors: toFieldErrors(parsed.error) });
      }
      const data = await operation(actor, parsed.data);
      revalidateQuietly(options.revalidate ?? []);
      return { ok: true, data };
    } catch (error) {
      const mapped = mapError(error);
      if (mapped.isInternal) {
        console.error(`[berth] request ${requestId} failed:`, error);
        return fail({ code: 'INTERNAL', message: `Something went wrong on our side (request ${requestId}).` });
      }
      return fail({ code: mapped.code, message: mapped.message, fieldErrors: mapped.fieldErrors });
    }
  };
  return action as ServerAction<S, T>;
}
