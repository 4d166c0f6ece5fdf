import type { AnyActor } from '@/lib/access/actor';
import { requireAdmin } from '@/lib/access/require';
import { db } from '@/lib/db';
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

export async function listClusters(actor: AnyActor | null): Promise<ClusterSummary[]> {
  requireAdmin(actor);
  const rows = await db.cluster.findMany({
    select: {
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
    },
    orderBy: { name: 'asc' },
  });
  return rows.map(({ _count, lastContactAt, createdAt, ...rest }) => ({
    ...rest,
    lastContactAt: lastContactAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    grantCount: _count.grants,
    appCount: _count.apps,
  }));
}
