// Resolves the signed-in Actor for the current request (next-auth session + a database check of the
// user's sessionVersion and disabledAt), or null. Implemented with the sign-in work; every server action
// gets its actor through this one function.
import type { Actor } from '@/lib/access/actor';

export async function getCurrentActor(): Promise<Actor | null> {
  throw new Error('getCurrentActor is not wired to next-auth yet');
}
