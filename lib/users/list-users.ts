import type { AnyActor } from '@/lib/access/actor';
import { requireAdmin } from '@/lib/access/require';
import { db } from '@/lib/db';
import { toUserSummary, userSummarySelect, type UserSummary } from './user-summary';

export async function listUsers(actor: AnyActor | null): Promise<UserSummary[]> {
  requireAdmin(actor);
  const rows = await db.user.findMany({ select: userSummarySelect, orderBy: { email: 'asc' } });
  return rows.map(toUserSummary);
}
