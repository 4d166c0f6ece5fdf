import type { AnyActor } from '@/lib/access/actor';
import { requireAdmin } from '@/lib/access/require';
import { db } from '@/lib/db';
import { clusterSummarySelect, toClusterSummary, type ClusterSummary } from './cluster-summary';

export type { ClusterSummary } from './cluster-summary';

export async function listClusters(actor: AnyActor | null): Promise<ClusterSummary[]> {
  requireAdmin(actor);
  const rows = await db.cluster.findMany({ select: clusterSummarySelect, orderBy: { name: 'asc' } });
  return rows.map(toClusterSummary);
}
