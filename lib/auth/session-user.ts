// The per-request half of a session: the JWT says who signed in, the database says whether that still
// counts. Disabling a user or changing their password bumps sessionVersion, which ends every session.
import { db } from '@/lib/db';

export interface SessionClaims {
  berthUserId?: string;
  berthSessionVersion?: number;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

export type SessionCheck = { status: 'none' } | { status: 'refused' } | { status: 'valid'; user: SessionUser };

export async function checkSessionClaims(claims: SessionClaims | null | undefined): Promise<SessionCheck> {
  if (!claims?.berthUserId) return { status: 'none' };
  const user = await db.user.findUnique({
    where: { id: claims.berthUserId },
    select: { id: true, email: true, name: true, isAdmin: true, disabledAt: true, sessionVersion: true },
  });
  if (!user || user.disabledAt != null || user.sessionVersion !== claims.berthSessionVersion) return { status: 'refused' };
  return { status: 'valid', user: { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin } };
}
