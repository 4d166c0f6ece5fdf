// GET /api/audit/export through the route handler, the session mocked at getCurrentActor.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { recordEvent } from '@/lib/audit/append';
import { setupTestDatabase } from '@/test/db';
import { createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/actor', () => ({ getCurrentActor: async () => session.actor }));

const { GET } = await import('./route');

setupTestDatabase();

let viewer: Actor;

beforeAll(async () => {
  const viewerUser = await createUserFixture();
  viewer = viewerUser.actor;
  const cluster = await createClusterFixture();
  const team = await createTeamFixture({ members: [{ userId: viewerUser.user.id }] });
  await createGrantFixture({ teamId: team.id, clusterId: cluster.id, namespace: 'team-a', role: 'VIEWER' });
  await recordEvent(viewer, { action: 'app.scale', scope: { clusterId: cluster.id, namespace: 'team-a' }, target: 'visible-app', outcome: 'DENIED' });
  await recordEvent(viewer, { action: 'app.scale', scope: { clusterId: cluster.id, namespace: 'team-z' }, target: 'hidden-app', outcome: 'DENIED' });
});

function get(query: string): Promise<Response> {
  return GET(new Request(`http://localhost/api/audit/export?${query}`));
}

describe('GET /api/audit/export', () => {
  it('answers 401 when signed out', async () => {
    session.actor = null;
    expect((await get('format=csv')).status).toBe(401);
  });

  it('refuses bad filters and formats with field errors', async () => {
    session.actor = viewer;
    const badFilter = await get('format=csv&outcome=MAYBE');
    expect(badFilter.status).toBe(400);
    expect((await badFilter.json()).error.fieldErrors.outcome).toEqual(['One of REQUESTED, SUCCEEDED, FAILED, DENIED.']);
    const badFormat = await get('format=xlsx');
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).error.message).toBe('The export format must be csv or jsonl.');
  });

  it('downloads only what the viewer may see, as an attachment', async () => {
    session.actor = viewer;
    const response = await get('format=csv&action=app.scale');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="berth-audit-\d{8}-\d{6}\.csv"$/);
    const body = await response.text();
    expect(body).toContain('visible-app');
    expect(body).not.toContain('hidden-app');
    const jsonl = await get('format=jsonl');
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect((await jsonl.text()).trim().split('\n').map((line) => JSON.parse(line).target)).toEqual(['visible-app']);
  });
});
