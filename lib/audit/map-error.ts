// One mapping from thrown errors to Berth's closed error codes, shared by the audit log (FAILED
// records) and server actions (Results). Raw Prisma/driver messages never pass through.
import { ZodError } from 'zod';
import { BerthError, type ActionError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';

export interface MappedError extends ActionError {
  /** True when the error was not a BerthError: log it, show only the generic message. */
  isInternal: boolean;
}

export function mapError(error: unknown): MappedError {
  if (error instanceof BerthError) {
    return { code: error.code, message: error.message, fieldErrors: error.fieldErrors, isInternal: false };
  }
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const key = issue.path.join('.') || '_';
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return {
      code: 'INVALID_INPUT',
      message: error.issues[0]?.message ?? 'Invalid input.',
      fieldErrors,
      isInternal: false,
    };
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') {
      return { code: 'CONFLICT', message: 'Something with that name already exists.', isInternal: false };
    }
    if (error.code === 'P2025') {
      return { code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The resource was not found.', isInternal: false };
    }
  }
  return { code: 'INTERNAL', message: 'Something went wrong on our side.', isInternal: true };
}
