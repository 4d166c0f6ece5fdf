// "Which namespaces may this actor see": the scope helper behind every list.
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import type { GrantRole } from '@/lib/generated/prisma/enums';
import { highestRole } from './roles';

export interface VisibleNamespace {
  clusterId: string;
  clusterName: string;
  namespace: string;
  /** The actor's effective role; MAINTAINER-equivalent for admins is reported as null. */
  role: GrantRole | null;
}

export type NamespaceScope = { kind: 'all' } | { kind: 'some'; namespaces: VisibleNamespace[] };

export async function listVisibleNamespaces(actor: AnyActor | null): Promise<VisibleNamespace[]> {
  if (actor === null) return [];
  const grants = await db.namespaceGrant.findMany({
    where: actor.isAdmin ? {} : { team: { memberships: { some: { userId: actor.kind === 'user' ? actor.id : '' } } } },
    select: { clusterId: true, namespace: true, role: true, cluster: { select: { name: true } } },
    orderBy: [{ cluster: { name: 'asc' } }, { namespace: 'asc' }],
  });
  const byKey = new Map<string, { clusterId: string; clusterName: string; namespace: string; roles: GrantRole[] }>();
  for (const grant of grants) {
    const key = `${grant.clusterId}\u0000${grant.namespace}`;
    const entry = byKey.get(key) ?? { clusterId: grant.clusterId, clusterName: grant.cluster.name, namespace: grant.namespace, roles: [] };
    entry.roles.push(grant.role);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ roles, ...rest }) => ({ ...rest, role: actor.isAdmin ? null : highestRole(roles) }));
}

/** Admins see everything (including namespaces nobody was granted); others their granted namespaces. */
export async function getNamespaceScope(actor: AnyActor | null): Promise<NamespaceScope> {
  if (actor?.isAdmin) return { kind: 'all' };
  return { kind: 'some', namespaces: await listVisibleNamespaces(actor) };
}
