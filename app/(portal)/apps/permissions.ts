// The actor's permissions per namespace, read from the same role table the operations enforce; the UI
// uses them only to decide which buttons to show.
import type { AnyActor } from '@/lib/access/actor';
import { can } from '@/lib/access/roles';
import { listGrants } from '@/lib/access/list-grants';
import { listVisibleNamespaces, type VisibleNamespace } from '@/lib/access/scope';
import { getTeam } from '@/lib/teams/get-team';
import { listTeams } from '@/lib/teams/list-teams';
import type { AppPermissions } from '@/components/apps/permissions';

type Role = VisibleNamespace['role'];

export function permissionsForRole(role: Role, isAdmin: boolean): AppPermissions {
  const has = (permission: Parameters<typeof can>[1]) => isAdmin || can(role, permission);
  return {
    canDeploy: has('app.deploy'),
    canScale: has('app.scale'),
    canManage: has('app.manage'),
    canExpose: has('app.expose'),
    canAutoscale: has('app.autoscale'),
    canForce: has('app.force_apply'),
  };
}

export async function getNamespacePermissions(actor: AnyActor, ref: { clusterId: string; namespace: string }): Promise<AppPermissions> {
  if (actor.isAdmin) return permissionsForRole(null, true);
  const namespaces = await listVisibleNamespaces(actor);
  const match = namespaces.find((n) => n.clusterId === ref.clusterId && n.namespace === ref.namespace);
  return permissionsForRole(match?.role ?? null, false);
}

/** The namespaces the actor may create apps in (MAINTAINER, or any granted namespace for an admin). */
export async function listCreatableNamespaces(actor: AnyActor): Promise<VisibleNamespace[]> {
  const namespaces = await listVisibleNamespaces(actor);
  return namespaces.filter((n) => actor.isAdmin || can(n.role, 'app.manage'));
}

/**
 * Per namespace (`clusterId/namespace`), the teams that could own a new app there: those holding a
 * MAINTAINER grant, among the actor's own teams (any team for an admin), as createApp accepts them.
 */
export async function listOwningTeams(actor: AnyActor): Promise<Record<string, { id: string; name: string }[]>> {
  const grants = actor.isAdmin
    ? await listGrants(actor)
    : (await Promise.all((await listTeams(actor)).map((team) => getTeam(actor, team.id)))).flatMap((team) => team.grants);
  const owners: Record<string, { id: string; name: string }[]> = {};
  for (const grant of grants) {
    if (grant.role !== 'MAINTAINER') continue;
    const list = (owners[`${grant.clusterId}/${grant.namespace}`] ??= []);
    if (!list.some((team) => team.id === grant.teamId)) list.push({ id: grant.teamId, name: grant.teamName });
  }
  return owners;
}
