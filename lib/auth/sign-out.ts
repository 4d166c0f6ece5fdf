// Signing out revokes the session on the server, not only in the browser: the proxy re-issues the
// session cookie on every page request, so a request still in flight when the sign-out response
// deletes the cookie can set it again. Bumping sessionVersion makes any such copy (and every other
// session of this user) fail getCurrentActor's check. The audit record says who left and from where.
import { recordEvent } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { getCurrentActor } from './actor';
import { signOut } from './index';

export async function signOutCurrentUser(): Promise<void> {
  const actor = await getCurrentActor();
  if (actor) {
    await recordEvent(actor, { action: 'auth.sign_out', target: actor.email, outcome: 'SUCCEEDED' });
    await db.user.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } } });
  }
  await signOut({ redirectTo: '/login' });
}
