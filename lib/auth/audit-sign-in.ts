// Sign-ins in the audit log. A failure is recorded under the email that was tried (only admins read the
// log); the message shown to the person signing in never says which part was wrong.
import { systemActor, type Actor } from '@/lib/access/actor';
import { anonymousActor, recordEvent, runAudited } from '@/lib/audit/append';
import type { RequestContext } from './request-context';

export type SignInMethod = 'password' | 'oidc';

interface SignInRecord {
  email: string;
  /** The user who signed in; null for a failure. */
  user: Pick<Actor, 'id' | 'email' | 'name' | 'isAdmin'> | null;
  outcome: 'SUCCEEDED' | 'FAILED';
  errorCode?: 'UNAUTHENTICATED' | 'RATE_LIMITED';
  context: RequestContext;
  via?: SignInMethod;
}

const failureMessages = {
  UNAUTHENTICATED: 'Invalid credentials, unknown or disabled account.',
  RATE_LIMITED: 'Refused: too many failed attempts.',
} as const;

export async function auditSignIn(record: SignInRecord): Promise<void> {
  const actor = record.user
    ? ({
        kind: 'user',
        id: record.user.id,
        email: record.user.email,
        name: record.user.name,
        isAdmin: record.user.isAdmin,
        ip: record.context.ip,
        userAgent: record.context.userAgent,
      } satisfies Actor)
    : anonymousActor({ email: record.email, ip: record.context.ip, userAgent: record.context.userAgent });
  const code = record.errorCode ?? 'UNAUTHENTICATED';
  await recordEvent(actor, {
    action: 'auth.sign_in',
    target: record.email,
    params: { method: record.via ?? 'password' },
    outcome: record.outcome,
    error: record.outcome === 'FAILED' ? { code, message: failureMessages[code] } : null,
  });
}

/** A user created on first OIDC sign-in: the system made them, with no teams and no admin rights. */
export function auditOidcUserCreated<T>(email: string, create: () => Promise<T>): Promise<T> {
  return runAudited(systemActor, { action: 'user.create', target: email, params: { via: 'oidc', isAdmin: false } }, create);
}
