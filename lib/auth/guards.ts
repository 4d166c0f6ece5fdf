// Page guards. Layouts call them for navigation, but every page calls them again itself: a layout is
// not a security boundary (it may not re-render on client navigation).
import { notFound, redirect } from 'next/navigation';
import type { Actor } from '@/lib/access/actor';
import { getCurrentActor, getSessionCheck } from './actor';

/** The signed-in actor, or a redirect to the sign-in page (saying why when a session was refused). */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getCurrentActor();
  if (actor) return actor;
  const check = await getSessionCheck();
  redirect(check.status === 'refused' ? '/login?reason=ended' : '/login');
}

/** A platform admin, or the same 404 a missing page gives: admin pages do not admit they exist. */
export async function requireAdminPage(): Promise<Actor> {
  const actor = await requirePageActor();
  if (!actor.isAdmin) notFound();
  return actor;
}
