import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited } from '@/lib/access/require';
import { emailInput, idInput, invalidField, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { requireTeamManager } from './team-access';
import type { TeamMemberSummary } from './team-summary';

export const teamRoleInput = z.enum(['MEMBER', 'LEAD'], { error: 'Team role must be MEMBER or LEAD.' });

export const addTeamMemberInput = z.object({
  teamId: idInput('team'),
  email: emailInput,
  role: teamRoleInput.default('MEMBER'),
});
export type AddTeamMemberInput = z.input<typeof addTeamMemberInput>;

/** Admins, and the team's LEADs (who may add MEMBERs only), add a user to a team. */
export async function addTeamMember(actor: AnyActor | null, input: AddTeamMemberInput): Promise<TeamMemberSummary> {
  const raw = (input ?? {}) as { teamId?: unknown; email?: unknown; role?: unknown };
  const audit = {
    action: 'team.member_add',
    target: typeof raw.email === 'string' ? raw.email.slice(0, 254) : null,
    scope: { teamId: typeof raw.teamId === 'string' ? raw.teamId.slice(0, 64) : null },
  } as const;
  const manager = await authorizeAudited(actor, audit, async () => {
    const found = await requireTeamManager(actor, raw.teamId);
    if (!found.isAdmin && raw.role === 'LEAD') {
      throw new BerthError('FORBIDDEN_OR_NOT_FOUND', 'Only platform admins can make someone a team lead.');
    }
    return found;
  });
  const data = parseInput(addTeamMemberInput, input);
  const user = await db.user.findUnique({ where: { email: data.email }, select: { id: true, email: true, name: true, disabledAt: true } });
  if (!user) throw invalidField('email', `No user has the email ${data.email}.`);
  const existing = await db.membership.findUnique({ where: { teamId_userId: { teamId: manager.team.id, userId: user.id } } });
  if (existing) throw invalidField('email', `${user.email} is already a member of ${manager.team.name}.`);
  return runAudited(
    manager.actor,
    {
      action: 'team.member_add',
      target: `${manager.team.name}/${user.email}`,
      scope: { teamId: manager.team.id },
      params: { userId: user.id, email: user.email, role: data.role },
    },
    async () => {
      const membership = await db.membership.create({ data: { teamId: manager.team.id, userId: user.id, role: data.role } });
      return { userId: user.id, email: user.email, name: user.name, role: membership.role, isDisabled: user.disabledAt !== null };
    },
  );
}
