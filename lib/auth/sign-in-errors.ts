// Sign-in failures as next-auth errors. Their `code` is what reaches the login form, so it must never
// say whether the email exists.
// From @auth/core directly (next-auth re-exports the same class) so unit tests need not load Next.
import { CredentialsSignin } from '@auth/core/errors';

export class InvalidCredentialsError extends CredentialsSignin {
  code = 'invalid_credentials';
}

export class TooManyAttemptsError extends CredentialsSignin {
  constructor(readonly retryAfterSeconds: number) {
    super();
    this.code = `rate_limited:${retryAfterSeconds}`;
  }
}

/** The sentence the login form shows for a sign-in error code. */
export function describeSignInError(code: string | undefined): string {
  const limited = /^rate_limited:(\d+)$/.exec(code ?? '');
  if (limited) return `Too many attempts. Try again in ${limited[1]} s.`;
  return 'Invalid email or password.';
}
