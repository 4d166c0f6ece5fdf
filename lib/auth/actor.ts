// Resolves the signed-in Actor for the current request (next-auth session + a database check of the
// user's sessionVersion and disabledAt), or null. Every page and server action gets its actor here.
import { cache } from 'react';
import { headers } from 'next/headers';
import type { Actor } from '@/lib/access/actor';
import { auth } from './index';
import { readRequestContext } from './request-context';
import { checkSessionClaims, type SessionCheck } from './session-user';

/** The session check for this request; cached so a layout and its page ask the database once. */
export const getSessionCheck = cache(async (): Promise<SessionCheck> => {
  const session = await auth();
  return checkSessionClaims(session);
});

export async function getCurrentActor(): Promise<Actor | null> {
  const check = await getSessionCheck();
  if (check.status !== 'valid') return null;
  const context = readRequestContext(await headers());
  return { kind: 'user', ...check.user, ip: context.ip, userAgent: context.userAgent };
}
