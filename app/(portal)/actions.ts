'use server';

import { signOutCurrentUser } from '@/lib/auth/sign-out';

export async function signOutAction(): Promise<void> {
  await signOutCurrentUser();
}
