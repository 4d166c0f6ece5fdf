import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { authorizeAudited, requireAdmin } from '@/lib/access/require';
import { invalidField, optionalField, parseInput } from '@/lib/access/validate';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { teamSummarySelect, toTeamSummary, type TeamSummary } from './team-summary';

export const teamNameInput = z
  .string({ error: 'Enter a team name.' })
  .trim()
  .min(2, 'Team name must be at least 2 characters.')
  .max(64, 'Team name must be at most 64 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, "Team name may use letters, digits, spaces, '.', '_' and '-', starting with a letter or digit.");

export const createTeamInput = z.object({
  name: teamNameInput,
  description: optionalField(z.string().trim().max(500, 'Description must be at most 500 characters.')),
});
export type CreateTeamInput = z.input<typeof createTeamInput>;

export async function createTeam(actor: AnyActor | null, input: CreateTeamInput): Promise<TeamSummary> {
  const rawName = (input as { name?: unknown } | null)?.name;
  const audit = { action: 'team.create', target: typeof rawName === 'string' ? rawName.slice(0, 64) : null } as const;
  const admin = await authorizeAudited(actor, audit, () => requireAdmin(actor));
  const data = parseInput(createTeamInput, input);
  const existing = await db.team.findFirst({ where: { name: { equals: data.name, mode: 'insensitive' } }, select: { id: true } });
  if (existing) throw invalidField('name', `A team named ${data.name} already exists.`);
  return runAudited(admin, { action: 'team.create', target: data.name, params: { name: data.name, description: data.description ?? '' } }, async () => {
    const row = await db.team.create({ data: { name: data.name, description: data.description ?? '' }, select: teamSummarySelect });
    return toTeamSummary(row);
  });
}
