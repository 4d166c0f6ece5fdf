import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited } from '@/lib/access/require';
import { idInput, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError, notFound } from '@/lib/errors';
import { requireTeamManager } from './team-access';

export const removeTeamMemberInput = z.object({
  teamId: idInput('team'),
  userId: idInput('user'),
});
export type RemoveTeamMemberInput = z.input<typeof removeTeamMemberInput>;

/** Admins, and the team's LEADs (for MEMBERs only), remove a user from a team. */
export async function removeTeamMember(actor: AnyActor | null, input: RemoveTeamMemberInput): Promise<{ teamId: string; userId: string }> {
  const raw = (input ?? {}) as { teamId?: unknown; userId?: unknown };
  const audit = {
    action: 'team.member_remove',
    target: typeof raw.userId === 'string' ? raw.userId.slice(0, 64) : null,
    scope: { teamId: typeof raw.teamId === 'string' ? raw.teamId.slice(0, 64) : null },
  } as const;
  const { manager, membership } = await authorizeAudited(actor, audit, async () => {
    const found = await requireTeamManager(actor, raw.teamId);
    const userId = typeof raw.userId === 'string' ? raw.userId : '';
    const member = userId
      ? await db.membership.findUnique({
          where: { teamId_userId: { teamId: found.team.id, userId } },
          select: { id: true, role: true, user: { select: { id: true, email: true } } },
        })
      : null;
    if (member && !found.isAdmin && member.role === 'LEAD') {
      throw new BerthError('FORBIDDEN_OR_NOT_FOUND', 'Only platform admins can remove a team lead.');
    }
    return { manager: found, membership: member };
  });
  const data = parseInput(removeTeamMemberInput, input);
  if (!membership || membership.user.id !== data.userId) throw notFound('member');
  return runAudited(
    manager.actor,
    {
      action: 'team.member_remove',
      target: `${manager.team.name}/${membership.user.email}`,
      scope: { teamId: manager.team.id },
      params: { userId: membership.user.id, email: membership.user.email, role: membership.role },
    },
    async () => {
      await db.membership.delete({ where: { id: membership.id } });
      return { teamId: manager.team.id, userId: membership.user.id };
    },
  );
}
