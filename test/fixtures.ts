// Rows for tests and e2e seeding, written straight to the database (no authorization, no audit):
// the "unsafe" path, kept out of lib/ on purpose.
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/access/actor';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import type { Cluster, NamespaceGrant, Team, User } from '@/lib/generated/prisma/client';
import type { ClusterSource, GrantRole, TeamRole } from '@/lib/generated/prisma/enums';

function suffix(): string {
  return randomBytes(4).toString('hex');
}

export function actorFor(user: Pick<User, 'id' | 'email' | 'name' | 'isAdmin'>): Actor {
  return { kind: 'user', id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, ip: '127.0.0.1', userAgent: 'vitest' };
}

export interface FixtureUser {
  user: User;
  actor: Actor;
  password: string | null;
}

export async function createUserFixture(options: { email?: string; name?: string; isAdmin?: boolean; password?: string } = {}): Promise<FixtureUser> {
  const id = suffix();
  const user = await db.user.create({
    data: {
      email: options.email ?? `user-${id}@example.com`,
      name: options.name ?? `User ${id}`,
      isAdmin: options.isAdmin ?? false,
      passwordHash: options.password ? await hashPassword(options.password) : null,
    },
  });
  return { user, actor: actorFor(user), password: options.password ?? null };
}

export async function createTeamFixture(
  options: { name?: string; members?: { userId: string; role?: TeamRole }[] } = {},
): Promise<Team> {
  return db.team.create({
    data: {
      name: options.name ?? `team-${suffix()}`,
      memberships: { create: (options.members ?? []).map((m) => ({ userId: m.userId, role: m.role ?? 'MEMBER' })) },
    },
  });
}

export async function createClusterFixture(
  options: { name?: string; server?: string; source?: ClusterSource; defaultNamespace?: string } = {},
): Promise<Cluster> {
  return db.cluster.create({
    data: {
      name: options.name ?? `cluster-${suffix()}`,
      server: options.server ?? 'https://127.0.0.1:6443',
      source: options.source ?? 'SANDBOX',
      defaultNamespace: options.defaultNamespace ?? 'default',
    },
  });
}

export async function createGrantFixture(options: {
  teamId: string;
  clusterId: string;
  namespace: string;
  role: GrantRole;
}): Promise<NamespaceGrant> {
  return db.namespaceGrant.create({ data: options });
}

/** Row counts of every table an admin operation may touch: compare before/after to prove "nothing written". */
export async function countRows(): Promise<Record<'users' | 'teams' | 'memberships' | 'clusters' | 'grants' | 'auditEvents', number>> {
  const [users, teams, memberships, clusters, grants, auditEvents] = await Promise.all([
    db.user.count(),
    db.team.count(),
    db.membership.count(),
    db.cluster.count(),
    db.namespaceGrant.count(),
    db.auditEvent.count(),
  ]);
  return { users, teams, memberships, clusters, grants, auditEvents };
}
