// DESIGN.md "Who may do what" as data. The UI uses it only to hide buttons; operations enforce it
// on the server through requirePermission.
import type { GrantRole } from '@/lib/generated/prisma/enums';

export const grantRoles = ['VIEWER', 'DEPLOYER', 'MAINTAINER'] as const satisfies readonly GrantRole[];

export const permissions = [
  /** see apps, status, pods, events, revisions, diffs */
  'app.view',
  /** read the namespace's audit events */
  'audit.view',
  /** deploy a new revision, set image, restart, undo, roll back to a revision */
  'app.deploy',
  'app.scale',
  /** create, adopt or delete apps */
  'app.manage',
  /** Service, Ingress */
  'app.expose',
  /** HorizontalPodAutoscaler */
  'app.autoscale',
  /** take fields another manager owns in a server-side apply conflict */
  'app.force_apply',
] as const;
export type Permission = (typeof permissions)[number];

const viewer: readonly Permission[] = ['app.view', 'audit.view'];
const deployer: readonly Permission[] = [...viewer, 'app.deploy', 'app.scale'];
const maintainer: readonly Permission[] = [...deployer, 'app.manage', 'app.expose', 'app.autoscale', 'app.force_apply'];

export const rolePermissions: Readonly<Record<GrantRole, ReadonlySet<Permission>>> = {
  VIEWER: new Set(viewer),
  DEPLOYER: new Set(deployer),
  MAINTAINER: new Set(maintainer),
};

export function can(role: GrantRole | null | undefined, permission: Permission): boolean {
  return role ? rolePermissions[role].has(permission) : false;
}

const rank: Record<GrantRole, number> = { VIEWER: 1, DEPLOYER: 2, MAINTAINER: 3 };

/** A user's role in a namespace is the highest role any of their teams holds there. */
export function highestRole(roles: Iterable<GrantRole>): GrantRole | null {
  let best: GrantRole | null = null;
  for (const role of roles) if (best === null || rank[role] > rank[best]) best = role;
  return best;
}
