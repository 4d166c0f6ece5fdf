import type { GrantSummary } from '@/lib/access/grant-summary';
import type { TeamRole } from '@/lib/generated/prisma/enums';

export interface TeamSummary {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  grantCount: number;
  createdAt: string;
}

export interface TeamMemberSummary {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
  isDisabled: boolean;
}

export interface TeamDetail extends TeamSummary {
  members: TeamMemberSummary[];
  grants: GrantSummary[];
  /** The viewer's own role in the team (null for an admin who is not a member). */
  viewerRole: TeamRole | null;
  /** Whether the viewer may add and remove members (admins and the team's LEADs). */
  canManageMembers: boolean;
}

export const teamSummarySelect = {
  id: true,
  name: true,
  description: true,
  createdAt: true,
  _count: { select: { memberships: true, grants: true } },
} as const;

export function toTeamSummary(row: {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  _count: { memberships: number; grants: number };
}): TeamSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    memberCount: row._count.memberships,
    grantCount: row._count.grants,
    createdAt: row.createdAt.toISOString(),
  };
}
