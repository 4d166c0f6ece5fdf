import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import { createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';
import { authorizeAudited, requireAdmin, requirePermission } from './require';
import { listVisibleNamespaces } from './scope';

setupTestDatabase();

describe('requirePermission', () => {
  it('uses the highest role of any of the user’s teams and answers out-of-scope like missing', async () => {
    const dev = await createUserFixture();
    const viewers = await createTeamFixture({ members: [{ userId: dev.user.id }] });
    const deployers = await createTeamFixture({ members: [{ userId: dev.user.id }] });
    const cluster = await createClusterFixture();
    await createGrantFixture({ teamId: viewers.id, clusterId: cluster.id, namespace: 'shop', role: 'VIEWER' });
    await createGrantFixture({ teamId: deployers.id, clusterId: cluster.id, namespace: 'shop', role: 'DEPLOYER' });
    const shop = { clusterId: cluster.id, namespace: 'shop' };

    expect(await requirePermission(dev.actor, shop, 'app.scale')).toMatchObject({ role: 'DEPLOYER', isAdmin: false });
    const denied = requirePermission(dev.actor, shop, 'app.manage');
    await expect(denied).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The resource was not found.' });
    const elsewhere = requirePermission(dev.actor, { clusterId: cluster.id, namespace: 'billing' }, 'app.view');
    await expect(elsewhere).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The resource was not found.' });
    await expect(requirePermission(null, shop, 'app.view')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const admin = await createUserFixture({ isAdmin: true });
    expect(await requirePermission(admin.actor, { clusterId: 'anything', namespace: 'x' }, 'app.manage')).toMatchObject({ isAdmin: true });
  });

  it('lists the namespaces a user can see with their effective role', async () => {
    const dev = await createUserFixture();
    const outsider = await createUserFixture();
    const team = await createTeamFixture({ members: [{ userId: dev.user.id, role: 'LEAD' }] });
    const cluster = await createClusterFixture({ name: 'alpha' });
    await createGrantFixture({ teamId: team.id, clusterId: cluster.id, namespace: 'web', role: 'MAINTAINER' });
    expect(await listVisibleNamespaces(dev.actor)).toEqual([
      { clusterId: cluster.id, clusterName: 'alpha', namespace: 'web', role: 'MAINTAINER' },
    ]);
    expect(await listVisibleNamespaces(outsider.actor)).toEqual([]);
    expect(await listVisibleNamespaces(null)).toEqual([]);
  });
});

describe('requireAdmin and authorizeAudited', () => {
  it('refuses non-admins like a missing page and audits the denial once', async () => {
    const dev = await createUserFixture();
    expect(() => requireAdmin(dev.actor)).toThrow('The page was not found.');
    expect(() => requireAdmin(null)).toThrow('Sign in to continue.');
    const before = await db.auditEvent.count();
    await expect(authorizeAudited(dev.actor, { action: 'team.create', target: 'x' }, () => requireAdmin(dev.actor))).rejects.toThrow();
    const events = await db.auditEvent.findMany({ where: { seq: { gt: before } } });
    expect(events.map((e) => [e.action, e.outcome, e.actorId])).toEqual([['team.create', 'DENIED', dev.user.id]]);
  });
});
