// Email + password sign-in: throttle first, then verify, and audit every outcome. The answer to a wrong
// email and a wrong password is the same error and takes about as long.
import type { User } from 'next-auth';
import { z } from 'zod';
import { db } from '@/lib/db';
import { hashPassword, verifyPassword } from './password';
import { readRequestContext, type RequestContext } from './request-context';
import { auditSignIn } from './audit-sign-in';
import { InvalidCredentialsError, TooManyAttemptsError } from './sign-in-errors';
import { clearAccountFailures, getLockedSeconds, recordLoginFailure, throttleKeysFor } from './throttle';

const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1024),
});

// Verifying against a throwaway hash when the email is unknown keeps the response time the same.
let decoyHash: Promise<string> | undefined;
function getDecoyHash(): Promise<string> {
  const hash = decoyHash ?? hashPassword('berth-decoy-password-never-matches');
  decoyHash = hash;
  return hash;
}

export async function authorizeCredentials(raw: Partial<Record<string, unknown>>, request: Request): Promise<User> {
  const context = readRequestContext(request.headers);
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentialsError();
  const { email, password } = parsed.data;
  return authorizeEmailPassword(email, password, context);
}

export async function authorizeEmailPassword(email: string, password: string, context: RequestContext): Promise<User> {
  const keys = throttleKeysFor(email, context.ip ?? 'unknown');
  const lockedSeconds = await getLockedSeconds(keys);
  if (lockedSeconds > 0) {
    await auditSignIn({ email, user: null, outcome: 'FAILED', errorCode: 'RATE_LIMITED', context });
    throw new TooManyAttemptsError(lockedSeconds);
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, isAdmin: true, passwordHash: true, disabledAt: true, sessionVersion: true },
  });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), password);
  const isAllowed = user != null && user.passwordHash != null && user.disabledAt == null && passwordMatches;

  if (!isAllowed) {
    const startedLock = await recordLoginFailure(keys);
    await auditSignIn({ email, user: null, outcome: 'FAILED', errorCode: 'UNAUTHENTICATED', context });
    if (startedLock > 0) throw new TooManyAttemptsError(startedLock);
    throw new InvalidCredentialsError();
  }

  await clearAccountFailures(email);
  await auditSignIn({ email: user.email, user, outcome: 'SUCCEEDED', context });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
