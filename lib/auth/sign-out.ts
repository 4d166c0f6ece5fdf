// Signing out ends the cookie; the audit record says who left and from where.
import { recordEvent } from '@/lib/audit/append';
import { getCurrentActor } from './actor';
import { signOut } from './index';

export async function signOutCurrentUser(): Promise<void> {
  const actor = await getCurrentActor();
  if (actor) await recordEvent(actor, { action: 'auth.sign_out', target: actor.email, outcome: 'SUCCEEDED' });
  await signOut({ redirectTo: '/login' });
}
