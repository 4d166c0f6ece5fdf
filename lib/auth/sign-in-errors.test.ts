import { describe, expect, it } from 'vitest';
import { describeSignInError, InvalidCredentialsError, TooManyAttemptsError } from './sign-in-errors';

describe('sign-in error messages', () => {
  it('gives the wait time for a throttled attempt', () => {
    const error = new TooManyAttemptsError(42);
    expect(describeSignInError(error.code)).toBe('Too many attempts. Try again in 42 s.');
  });

  it('never says whether the email exists', () => {
    expect(describeSignInError(new InvalidCredentialsError().code)).toBe('Invalid email or password.');
    expect(describeSignInError(undefined)).toBe('Invalid email or password.');
    expect(describeSignInError('rate_limited:abc')).toBe('Invalid email or password.');
  });
});
