// The choices the audit filter form offers, limited to what the actor may see: a viewer is never shown
// the names of teams, clusters, namespaces or apps outside their grants.
import type { AnyActor } from '@/lib/access/actor';
import { requireActor } from '@/lib/access/require';
import { getNamespaceScope } from '@/lib/access/scope';
import { db } from '@/lib/db';

export interface AuditFilterChoices {
  teams: { id: string; name: string }[];
  clusters: { id: string; name: string }[];
  namespaces: string[];
  apps: { id: string; label: string }[];
}

const maxApps = 500;

export async function listAuditFilterOptions(actor: AnyActor | null): Promise<AuditFilterChoices> {
  const signedIn = requireActor(actor);
  const scope = await getNamespaceScope(signedIn);
  if (scope.kind === 'all') {
    const [teams, clusters, grants, apps] = await Promise.all([
      db.team.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
      db.cluster.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
      db.namespaceGrant.findMany({ select: { namespace: true }, distinct: ['namespace'] }),
      db.app.findMany({ select: { id: true, name: true, namespace: true }, orderBy: [{ namespace: 'asc' }, { name: 'asc' }], take: maxApps }),
    ]);
    const namespaces = [...new Set([...grants.map((g) => g.namespace), ...apps.map((a) => a.namespace)])].sort();
    return { teams, clusters, namespaces, apps: apps.map((app) => ({ id: app.id, label: `${app.namespace}/${app.name}` })) };
  }
  if (scope.namespaces.length === 0) return { teams: [], clusters: [], namespaces: [], apps: [] };
  const inScope = scope.namespaces.map(({ clusterId, namespace }) => ({ clusterId, namespace }));
  const [teams, apps] = await Promise.all([
    db.team.findMany({ where: { grants: { some: { OR: inScope } } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.app.findMany({ where: { OR: inScope }, select: { id: true, name: true, namespace: true }, orderBy: [{ namespace: 'asc' }, { name: 'asc' }], take: maxApps }),
  ]);
  const clusters = new Map(scope.namespaces.map((ns) => [ns.clusterId, ns.clusterName]));
  return {
    teams,
    clusters: [...clusters].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    namespaces: [...new Set(scope.namespaces.map((ns) => ns.namespace))].sort(),
    apps: apps.map((app) => ({ id: app.id, label: `${app.namespace}/${app.name}` })),
  };
}
