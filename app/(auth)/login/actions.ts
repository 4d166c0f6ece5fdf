'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import type { Result } from '@/lib/errors';
import { signIn } from '@/lib/auth';
import { describeSignInError } from '@/lib/auth/sign-in-errors';
import { safeCallbackPath } from '@/lib/auth/callback-path';

const signInInput = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(320),
  password: z.string().min(1, 'Enter your password.').max(1024),
  callbackUrl: z.string().optional(),
});

// Sign-in is the one action a signed-out caller may use; the throttle and the audit live in authorize().
export async function signInAction(_previous: Result<null> | null, formData: FormData): Promise<Result<null>> {
  const parsed = signInInput.safeParse({
    email: formData.get('email'),
    password: formData.get('password'),
    callbackUrl: formData.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Enter your email and password.', fieldErrors } };
  }
  const { email, password, callbackUrl } = parsed.data;
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn('credentials', { email, password, redirectTo: safeCallbackPath(callbackUrl) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const limited = error.code.startsWith('rate_limited');
      return { ok: false, error: { code: limited ? 'RATE_LIMITED' : 'UNAUTHENTICATED', message: describeSignInError(error.code) } };
    }
    if (error instanceof AuthError) {
      return { ok: false, error: { code: 'INTERNAL', message: 'Sign-in failed. Please try again.' } };
    }
    throw error;
  }
  return { ok: true, data: null };
}

export async function oidcSignInAction(formData: FormData): Promise<void> {
  const callbackUrl = formData.get('callbackUrl');
  await signIn('oidc', { redirectTo: safeCallbackPath(typeof callbackUrl === 'string' ? callbackUrl : undefined) });
}
