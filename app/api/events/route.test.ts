// GET /api/events through the route handler: a registered cluster with sealed credentials (the
// default hub's real path over HTTPS), the session mocked at getCurrentActor.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { systemActor } from '@/lib/access/actor';
import { registerSandboxCluster } from '@/lib/clusters/register-sandbox-cluster';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { buildTestDeployment } from '@/lib/kube/testing/sandbox-cluster';
import { getWatchHub } from '@/lib/kube/watch-hub';
import { readSse } from '@/lib/live/testing/read-sse';
import type { LiveUpdate } from '@/lib/live/types';
import { startSandbox, type Sandbox } from '@/lib/sandbox/index';
import { setupTestDatabase } from '@/test/db';
import { createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/actor', () => ({ getCurrentActor: async () => session.actor }));

const { GET } = await import('./route');

setupTestDatabase();

let sandbox: Sandbox;
let viewer: Actor;
let outsider: Actor;
let appId: string;

beforeAll(async () => {
  process.env.BERTH_SECRET_KEY = randomBytes(32).toString('base64');
  resetEnvCache();
  sandbox = await startSandbox({ port: 0, speed: 50 });
  sandbox.api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  const deployment = buildTestDeployment('web', 'team-a', { replicas: 1 });
  sandbox.api.create('apps/deployments', deployment as unknown as Parameters<Sandbox['api']['create']>[1]);
  const { id: clusterId } = await registerSandboxCluster(systemActor, { server: sandbox.url, token: sandbox.token, caPem: sandbox.caPem });
  const viewerUser = await createUserFixture();
  viewer = viewerUser.actor;
  outsider = (await createUserFixture()).actor;
  const team = await createTeamFixture({ members: [{ userId: viewerUser.user.id }] });
  await createGrantFixture({ teamId: team.id, clusterId, namespace: 'team-a', role: 'VIEWER' });
  appId = (await db.app.create({ data: { teamId: team.id, clusterId, namespace: 'team-a', name: 'web' } })).id;
});

afterAll(async () => {
  await getWatchHub().close();
  await sandbox?.close();
});

function get(query: string, signal?: AbortSignal): Promise<Response> {
  return GET(new Request(`http://localhost/api/events?${query}`, { signal }));
}

describe('GET /api/events', () => {
  it('answers 401 when signed out', async () => {
    session.actor = null;
    const response = await get(`apps=${appId}`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('UNAUTHENTICATED');
  });

  it('answers another team exactly as for an app that does not exist', async () => {
    session.actor = outsider;
    const forbidden = await get(`detail=${appId}`);
    const missing = await get('detail=cl9999999999999999999999');
    expect(forbidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await forbidden.text()).toBe(await missing.text());
  });

  it('streams the rollout to a viewer as server-sent events', async () => {
    session.actor = viewer;
    const abort = new AbortController();
    const response = await get(`detail=${appId}`, abort.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = readSse(response.body!);
    const deadline = Date.now() + 30_000;
    const isDone = () => reader.messages.some((m) => m.event === 'update' && (m.data as LiveUpdate).resource === 'rollout' && JSON.stringify(m.data).includes('successfully rolled out'));
    while (!isDone() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isDone()).toBe(true);
    expect(reader.messages[0].event).toBe('ready');
    abort.abort();
    await reader.ended;
  });
});
