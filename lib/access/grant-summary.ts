import type { GrantRole } from '@/lib/generated/prisma/enums';

export interface GrantSummary {
  id: string;
  teamId: string;
  teamName: string;
  clusterId: string;
  clusterName: string;
  namespace: string;
  role: GrantRole;
  createdAt: string;
}

export const grantSummarySelect = {
  id: true,
  namespace: true,
  role: true,
  createdAt: true,
  team: { select: { id: true, name: true } },
  cluster: { select: { id: true, name: true } },
} as const;

export function toGrantSummary(row: {
  id: string;
  namespace: string;
  role: GrantRole;
  createdAt: Date;
  team: { id: string; name: string };
  cluster: { id: string; name: string };
}): GrantSummary {
  return {
    id: row.id,
    teamId: row.team.id,
    teamName: row.team.name,
    clusterId: row.cluster.id,
    clusterName: row.cluster.name,
    namespace: row.namespace,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}
