// Loading an app within the actor's scope. Out of scope answers exactly like missing (notFound), and
// a refused change leaves one DENIED audit record and nothing else: no cluster call, no revision.
import type { AnyActor } from '@/lib/access/actor';
import { requirePermission, unauthenticated, type NamespaceAccess, type NamespaceRef } from '@/lib/access/require';
import type { Permission } from '@/lib/access/roles';
import { recordDenied, type AuditInput, type AuditScope } from '@/lib/audit/append';
import type { AuditAction } from '@/lib/audit/actions';
import { db } from '@/lib/db';
import { BerthError, notFound } from '@/lib/errors';
import type { RolloutVerdict } from '@/lib/generated/prisma/enums';
import type { DesiredState } from '@/lib/manifests';

export interface CurrentRevision {
  id: string;
  number: number;
  manifest: DesiredState;
  kubeRevision: number | null;
  verdict: RolloutVerdict;
}

export interface ScopedApp {
  id: string;
  name: string;
  namespace: string;
  clusterId: string;
  clusterName: string;
  teamId: string;
  currentRevision: CurrentRevision | null;
  access: NamespaceAccess;
}

const appSelect = {
  id: true,
  name: true,
  namespace: true,
  clusterId: true,
  teamId: true,
  cluster: { select: { name: true } },
  currentRevision: { select: { id: true, number: true, manifest: true, kubeRevision: true, verdict: true } },
} as const;

export function auditScopeOf(app: Pick<ScopedApp, 'id' | 'teamId' | 'clusterId' | 'namespace'>): AuditScope {
  return { teamId: app.teamId, clusterId: app.clusterId, namespace: app.namespace, appId: app.id };
}

export function auditTargetOf(app: { clusterName: string; namespace: string; name: string }): string {
  return `${app.clusterName}/${app.namespace}/${app.name}`;
}

/** A session that outlived its user's disabling must not act (getCurrentActor also refuses it). */
async function isDisabledUser(actor: AnyActor): Promise<boolean> {
  if (actor.kind !== 'user') return false;
  const row = await db.user.findUnique({ where: { id: actor.id }, select: { disabledAt: true } });
  return row === null || row.disabledAt !== null;
}

async function findApp(appId: string) {
  return db.app.findUnique({ where: { id: appId }, select: appSelect });
}

type AppRow = NonNullable<Awaited<ReturnType<typeof findApp>>>;

function toScopedApp(row: AppRow, access: NamespaceAccess): ScopedApp {
  return {
    id: row.id,
    name: row.name,
    namespace: row.namespace,
    clusterId: row.clusterId,
    clusterName: row.cluster.name,
    teamId: row.teamId,
    currentRevision: row.currentRevision
      ? { ...row.currentRevision, manifest: row.currentRevision.manifest as unknown as DesiredState }
      : null,
    access,
  };
}

/**
 * The app, if the actor holds `permission` in its namespace. Otherwise writes DENIED for `action` and
 * throws UNAUTHENTICATED (no actor) or the same FORBIDDEN_OR_NOT_FOUND a missing app gets.
 */
export async function loadAppForChange(actor: AnyActor | null, appId: string, permission: Permission, action: AuditAction): Promise<ScopedApp> {
  if (actor === null) {
    await recordDenied(null, { action, target: appId, scope: { appId } }, 'Sign in to continue.');
    throw unauthenticated();
  }
  const [row, disabled] = await Promise.all([findApp(appId), isDisabledUser(actor)]);
  const denied = async (audit: AuditInput): Promise<never> => {
    await recordDenied(actor, audit, 'The app was not found or is outside your scope.');
    throw notFound('app');
  };
  if (row === null) return denied({ action, target: appId, scope: { appId } });
  const audit: AuditInput = { action, target: auditTargetOf({ clusterName: row.cluster.name, namespace: row.namespace, name: row.name }), scope: auditScopeOf(row) };
  if (disabled) return denied(audit);
  let access: NamespaceAccess;
  try {
    access = await requirePermission(actor, { clusterId: row.clusterId, namespace: row.namespace }, permission);
  } catch (error) {
    if (error instanceof BerthError && error.code === 'FORBIDDEN_OR_NOT_FOUND') return denied(audit);
    throw error;
  }
  return toScopedApp(row, access);
}

/** The app for reading (VIEWER and up); no audit record for refused reads. */
export async function loadAppForView(actor: AnyActor | null, appId: string): Promise<ScopedApp> {
  if (actor === null) throw unauthenticated();
  const [row, disabled] = await Promise.all([findApp(appId), isDisabledUser(actor)]);
  if (row === null || disabled) throw notFound('app');
  try {
    return toScopedApp(row, await requirePermission(actor, { clusterId: row.clusterId, namespace: row.namespace }, 'app.view'));
  } catch (error) {
    if (error instanceof BerthError && error.code === 'FORBIDDEN_OR_NOT_FOUND') throw notFound('app');
    throw error;
  }
}

/**
 * A second permission inside an allowed change (force, or a YAML deploy that also edits the Service or
 * the HPA): refused with a message saying what is missing, and audited as DENIED.
 */
export async function requireExtraPermission(actor: AnyActor, app: ScopedApp, permission: Permission, action: AuditAction, message: string): Promise<void> {
  try {
    await requirePermission(actor, { clusterId: app.clusterId, namespace: app.namespace }, permission);
  } catch (error) {
    if (!(error instanceof BerthError && error.code === 'FORBIDDEN_OR_NOT_FOUND')) throw error;
    await recordDenied(actor, { action, target: auditTargetOf(app), scope: auditScopeOf(app), params: { permission } }, message);
    throw new BerthError('FORBIDDEN_OR_NOT_FOUND', message);
  }
}

export interface ScopedNamespace extends NamespaceRef {
  clusterName: string;
  access: NamespaceAccess;
}

/** For create and adopt: the namespace (cluster + name) within scope, or DENIED + notFound. */
export async function loadNamespaceForChange(
  actor: AnyActor | null,
  ref: NamespaceRef,
  permission: Permission,
  audit: AuditInput,
): Promise<ScopedNamespace> {
  if (actor === null) {
    await recordDenied(null, audit, 'Sign in to continue.');
    throw unauthenticated();
  }
  const [cluster, disabled] = await Promise.all([
    db.cluster.findUnique({ where: { id: ref.clusterId }, select: { name: true } }),
    isDisabledUser(actor),
  ]);
  const denied = async (): Promise<never> => {
    await recordDenied(actor, audit, 'The namespace was not found or is outside your scope.');
    throw notFound('namespace');
  };
  if (cluster === null || disabled) return denied();
  try {
    const access = await requirePermission(actor, ref, permission);
    return { ...ref, clusterName: cluster.name, access };
  } catch (error) {
    if (error instanceof BerthError && error.code === 'FORBIDDEN_OR_NOT_FOUND') return denied();
    throw error;
  }
}

/**
 * The team that will own a new app: the one asked for (which must hold a MAINTAINER grant there and,
 * for a non-admin, count the actor as a member), or the actor's only such team.
 */
export async function resolveOwningTeam(actor: AnyActor, ref: NamespaceRef, teamId: string | undefined): Promise<string> {
  const grants = await db.namespaceGrant.findMany({
    where: {
      clusterId: ref.clusterId,
      namespace: ref.namespace,
      role: 'MAINTAINER',
      ...(actor.isAdmin ? {} : { team: { memberships: { some: { userId: actor.kind === 'user' ? actor.id : '' } } } }),
    },
    select: { teamId: true },
  });
  const teams = [...new Set(grants.map((g) => g.teamId))];
  if (teamId !== undefined) {
    if (teams.includes(teamId)) return teamId;
    throw new BerthError('INVALID_INPUT', 'That team has no MAINTAINER grant in this namespace you can act for.', { teamId: ['not a maintainer team here'] });
  }
  if (teams.length === 1) return teams[0];
  if (teams.length === 0) {
    throw new BerthError('INVALID_INPUT', 'No team holds a MAINTAINER grant in this namespace to own the app; an admin must grant one first.', { teamId: ['required'] });
  }
  throw new BerthError('INVALID_INPUT', 'Several of your teams could own the app here; choose one.', { teamId: ['required: choose the owning team'] });
}
