// The one authorization check every operation runs first. Denials look exactly like "not found" so
// nobody can probe for other teams' namespaces; a signed-out caller is told to sign in.
import type { AnyActor } from '@/lib/access/actor';
import { recordDenied, type AuditInput } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError, notFound } from '@/lib/errors';
import type { GrantRole } from '@/lib/generated/prisma/enums';
import { can, highestRole, type Permission } from './roles';

export interface NamespaceRef {
  clusterId: string;
  namespace: string;
}

export interface NamespaceAccess extends NamespaceRef {
  /** null for a platform admin acting without a grant. */
  role: GrantRole | null;
  isAdmin: boolean;
}

export function unauthenticated(): BerthError {
  return new BerthError('UNAUTHENTICATED', 'Sign in to continue.');
}

/** The signed-in actor, or UNAUTHENTICATED. */
export function requireActor(actor: AnyActor | null): AnyActor {
  if (actor === null) throw unauthenticated();
  return actor;
}

/** A platform admin (or the system), or the same answer as a page that does not exist. */
export function requireAdmin(actor: AnyActor | null): AnyActor {
  const signedIn = requireActor(actor);
  if (!signedIn.isAdmin) throw notFound('page');
  return signedIn;
}

/** The highest role any of the user's teams holds in the namespace (null: none). */
export async function findRoleInNamespace(userId: string, ref: NamespaceRef): Promise<GrantRole | null> {
  const grants = await db.namespaceGrant.findMany({
    where: { clusterId: ref.clusterId, namespace: ref.namespace, team: { memberships: { some: { userId } } } },
    select: { role: true },
  });
  return highestRole(grants.map((grant) => grant.role));
}

export async function requirePermission(
  actor: AnyActor | null,
  ref: NamespaceRef,
  permission: Permission,
): Promise<NamespaceAccess> {
  const signedIn = requireActor(actor);
  if (signedIn.isAdmin) return { ...ref, role: null, isAdmin: true };
  const role = signedIn.kind === 'user' ? await findRoleInNamespace(signedIn.id, ref) : null;
  if (!can(role, permission)) throw notFound();
  return { ...ref, role, isAdmin: false };
}

/**
 * Runs an authorization check; if it refuses, writes the DENIED audit record before rethrowing, so
 * a denied attempt leaves exactly one trace and nothing else.
 */
export async function authorizeAudited<T>(actor: AnyActor | null, audit: AuditInput, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof BerthError && (error.code === 'FORBIDDEN_OR_NOT_FOUND' || error.code === 'UNAUTHENTICATED')) {
      await recordDenied(actor, audit, error.message);
    }
    throw error;
  }
}
