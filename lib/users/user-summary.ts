import type { TeamRole } from '@/lib/generated/prisma/enums';

/** What pages see of a user: never the password hash. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  isDisabled: boolean;
  disabledAt: string | null;
  hasPassword: boolean;
  createdAt: string;
  teams: { id: string; name: string; role: TeamRole }[];
}

export const userSummarySelect = {
  id: true,
  email: true,
  name: true,
  isAdmin: true,
  disabledAt: true,
  passwordHash: true,
  createdAt: true,
  memberships: { select: { role: true, team: { select: { id: true, name: true } } }, orderBy: { team: { name: 'asc' } } },
} as const;

interface UserRow {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabledAt: Date | null;
  passwordHash: string | null;
  createdAt: Date;
  memberships: { role: TeamRole; team: { id: string; name: string } }[];
}

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isAdmin: row.isAdmin,
    isDisabled: row.disabledAt !== null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    hasPassword: row.passwordHash !== null,
    createdAt: row.createdAt.toISOString(),
    teams: row.memberships.map((m) => ({ id: m.team.id, name: m.team.name, role: m.role })),
  };
}
