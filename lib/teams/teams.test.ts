import { describe, expect, it } from 'vitest';
import { listGrants } from '@/lib/access/list-grants';
import { listClusters } from '@/lib/clusters/list-clusters';
import { setupTestDatabase } from '@/test/db';
import { createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';
import { getTeam } from './get-team';
import { listTeams } from './list-teams';

setupTestDatabase();

describe('reading teams, grants and clusters', () => {
  it('shows admins everything and members only their own teams; others get "not found"', async () => {
    const admin = await createUserFixture({ isAdmin: true });
    const lead = await createUserFixture({ email: 'lead@example.com' });
    const outsider = await createUserFixture();
    const web = await createTeamFixture({ name: 'web', members: [{ userId: lead.user.id, role: 'LEAD' }] });
    const data = await createTeamFixture({ name: 'data' });
    const cluster = await createClusterFixture({ name: 'prod' });
    await createGrantFixture({ teamId: web.id, clusterId: cluster.id, namespace: 'shop', role: 'DEPLOYER' });

    expect((await listTeams(admin.actor)).map((t) => t.name)).toEqual(['data', 'web']);
    expect(await listTeams(lead.actor)).toEqual([
      expect.objectContaining({ id: web.id, name: 'web', memberCount: 1, grantCount: 1 }),
    ]);
    expect(await listTeams(outsider.actor)).toEqual([]);

    const detail = await getTeam(lead.actor, web.id);
    expect(detail).toMatchObject({
      viewerRole: 'LEAD',
      canManageMembers: true,
      members: [{ email: 'lead@example.com', role: 'LEAD', isDisabled: false }],
      grants: [{ clusterName: 'prod', namespace: 'shop', role: 'DEPLOYER', teamName: 'web' }],
    });
    expect(await getTeam(admin.actor, data.id)).toMatchObject({ viewerRole: null, canManageMembers: true, members: [] });
    await expect(getTeam(outsider.actor, web.id)).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The team was not found.' });
    await expect(getTeam(outsider.actor, 'missing')).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The team was not found.' });

    expect(await listGrants(admin.actor, { teamId: web.id })).toEqual([
      expect.objectContaining({ teamName: 'web', clusterName: 'prod', namespace: 'shop', role: 'DEPLOYER' }),
    ]);
    await expect(listGrants(lead.actor)).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });

    const clusters = await listClusters(admin.actor);
    expect(clusters).toEqual([expect.objectContaining({ name: 'prod', source: 'SANDBOX', grantCount: 1, appCount: 0 })]);
    expect(JSON.stringify(clusters)).not.toContain('sealedCredentials');
    await expect(listClusters(lead.actor)).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
  });
});
