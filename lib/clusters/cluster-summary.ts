// The DTO every cluster operation returns: the row without its sealed credentials.
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ClusterSource } from '@/lib/generated/prisma/enums';

/** A cluster as pages see it: never its sealed credentials. */
export interface ClusterSummary {
  id: string;
  name: string;
  server: string;
  source: ClusterSource;
  defaultNamespace: string;
  lastContactAt: string | null;
  lastContactOk: boolean | null;
  lastContactError: string | null;
  serverVersion: string | null;
  grantCount: number;
  appCount: number;
  createdAt: string;
}

export const clusterSummarySelect = {
  id: true,
  name: true,
  server: true,
  source: true,
  defaultNamespace: true,
  lastContactAt: true,
  lastContactOk: true,
  lastContactError: true,
  serverVersion: true,
  createdAt: true,
  _count: { select: { grants: true, apps: true } },
} satisfies Prisma.ClusterSelect;

type ClusterSummaryRow = Prisma.ClusterGetPayload<{ select: typeof clusterSummarySelect }>;

export function toClusterSummary({ _count, lastContactAt, createdAt, ...rest }: ClusterSummaryRow): ClusterSummary {
  return {
    ...rest,
    lastContactAt: lastContactAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    grantCount: _count.grants,
    appCount: _count.apps,
  };
}
