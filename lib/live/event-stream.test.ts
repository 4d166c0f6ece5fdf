// The live stream end to end without Next: real Postgres for access, a sandbox over HTTP (behind a
// proxy that counts open watch requests server-side), the watch hub, and 50 concurrent SSE streams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import type { App, Cluster } from '@/lib/generated/prisma/client';
import { buildKubeClients } from '@/lib/kube/client';
import { buildTestDeployment, waitUntil } from '@/lib/kube/testing/sandbox-cluster';
import { createWatchHub, type WatchHub } from '@/lib/kube/watch-hub';
import { createKubeConfigTransport } from '@/lib/kube/watch-hub-transport';
import { startSandbox, type Sandbox } from '@/lib/sandbox/index';
import { setupTestDatabase } from '@/test/db';
import { createClusterFixture, createGrantFixture, createTeamFixture, createUserFixture, type FixtureUser } from '@/test/fixtures';
import { liveStreamCount, openLiveEventStream, parseLiveRequest } from './event-stream';
import { startCountingProxy, type CountingProxy } from './testing/counting-proxy';
import { readSse, type SseReader } from './testing/read-sse';
import type { LiveRevoked, LiveUpdate, RolloutSummary } from './types';

setupTestDatabase();

let sandbox: Sandbox;
let proxy: CountingProxy;
let hub: WatchHub;
let cluster: Cluster;
let viewer: FixtureUser;
let outsider: FixtureUser;
let web: App;
let api: App;
let viewerGrantId: string;
let viewerTeamId: string;

const namespace = 'team-a';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, speed: 50, tls: false });
  proxy = await startCountingProxy(sandbox.url);
  const clients = buildKubeClients({ clusterId: 'sandbox', clusterName: 'sandbox', server: proxy.url, credentials: { token: sandbox.token } });
  const transport = createKubeConfigTransport(clients.kubeConfig);
  hub = createWatchHub({ transportFor: async () => transport, lingerMs: 300, backoffInitialMs: 200 });

  sandbox.api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  for (const name of ['web', 'api']) {
    const deployment = buildTestDeployment(name, namespace, { replicas: 2 });
    deployment.spec!.template.metadata!.labels = { app: name, 'app.kubernetes.io/name': name };
    sandbox.api.create('apps/deployments', deployment as unknown as Parameters<Sandbox['api']['create']>[1]);
  }

  cluster = await createClusterFixture({ server: sandbox.url });
  viewer = await createUserFixture();
  outsider = await createUserFixture();
  const team = await createTeamFixture({ members: [{ userId: viewer.user.id }] });
  const otherTeam = await createTeamFixture({ members: [{ userId: outsider.user.id }] });
  viewerTeamId = team.id;
  viewerGrantId = (await createGrantFixture({ teamId: team.id, clusterId: cluster.id, namespace, role: 'VIEWER' })).id;
  await createGrantFixture({ teamId: otherTeam.id, clusterId: cluster.id, namespace: 'team-b', role: 'MAINTAINER' });
  web = await db.app.create({ data: { teamId: team.id, clusterId: cluster.id, namespace, name: 'web' } });
  api = await db.app.create({ data: { teamId: team.id, clusterId: cluster.id, namespace, name: 'api' } });
});

afterAll(async () => {
  await hub?.close();
  await proxy?.close();
  await sandbox?.close();
});

function updates(reader: SseReader): LiveUpdate[] {
  return reader.messages.filter((m) => m.event === 'update').map((m) => m.data as LiveUpdate);
}

function latestRollout(reader: SseReader, appId: string): RolloutSummary | null {
  const found = updates(reader).filter((u) => u.appId === appId && u.resource === 'rollout');
  return (found.at(-1)?.data as RolloutSummary | null | undefined) ?? null;
}

async function refusal(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BerthError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('live events stream', () => {
  it('refuses signed-out callers, and answers an app out of scope exactly like a missing one', async () => {
    expect((await refusal(() => openLiveEventStream(null, { appIds: [web.id], detailAppIds: [] }, { hub }))).code).toBe('UNAUTHENTICATED');
    const outOfScope = await refusal(() => openLiveEventStream(outsider.actor, { appIds: [], detailAppIds: [web.id] }, { hub }));
    const missing = await refusal(() => openLiveEventStream(outsider.actor, { appIds: [], detailAppIds: ['cl0000000000000000000000'] }, { hub }));
    expect(outOfScope).toEqual({ code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The app was not found.' });
    expect(missing).toEqual(outOfScope);
    // One forbidden id among visible ones refuses the whole stream the same way.
    expect(await refusal(() => openLiveEventStream(viewer.actor, { appIds: [web.id, 'cl0000000000000000000000'], detailAppIds: [] }, { hub }))).toEqual(outOfScope);
    expect(hub.counters().feeds).toBe(0);
  });

  it('parses the query: ids from apps= and detail=, nothing else', () => {
    expect(parseLiveRequest(new URLSearchParams('apps=a,b&detail=b,c'))).toEqual({ appIds: ['a'], detailAppIds: ['b', 'c'] });
    expect(() => parseLiveRequest(new URLSearchParams(''))).toThrow(/at least one app/);
    expect(() => parseLiveRequest(new URLSearchParams('apps=../../etc'))).toThrow(/not found/);
  });

  it('tells the page when the cluster stops answering and when it is back', async () => {
    const reader = readSse(await openLiveEventStream(viewer.actor, { appIds: [web.id], detailAppIds: [] }, { hub, throttleMs: 20 }));
    await waitUntil(async () => latestRollout(reader, web.id) !== null, 'the first rollout update');
    await sandbox.faults.setUnavailable('503');
    proxy.dropWatches();
    await waitUntil(async () => reader.messages.some((m) => m.event === 'upstream' && (m.data as { state: string }).state === 'reconnecting'), 'upstream reconnecting', 10_000);
    await sandbox.faults.reset();
    await waitUntil(async () => reader.messages.some((m) => m.event === 'upstream' && (m.data as { state: string }).state === 'live'), 'upstream live again', 20_000);
    const upstream = reader.messages.filter((m) => m.event === 'upstream').map((m) => m.data);
    expect(upstream[0]).toEqual({ appId: web.id, state: 'reconnecting', message: 'The cluster is not answering; Berth keeps retrying. What you see may be out of date.' });
    await reader.cancel();
    await waitUntil(async () => hub.counters().feeds === 0, 'the feed to close after the linger', 5_000);
  });

  it('ends the stream when the user signs out everywhere, changes password or is disabled (sessionVersion bumped)', async () => {
    const colleague = await createUserFixture();
    await db.membership.create({ data: { teamId: viewerTeamId, userId: colleague.user.id, role: 'MEMBER' } });
    const reader = readSse(await openLiveEventStream(colleague.actor, { appIds: [web.id], detailAppIds: [] }, { hub, recheckIntervalMs: 200 }));
    await waitUntil(async () => latestRollout(reader, web.id) !== null, 'the first rollout update');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reader.endedAt).toBeNull();
    await db.user.update({ where: { id: colleague.user.id }, data: { sessionVersion: { increment: 1 } } });
    await reader.ended;
    expect(reader.messages.at(-1)?.event).toBe('revoked');
  });

  it('serves 50 streams from one upstream watch per (cluster, namespace, resource) and closes every stream within the deadline once the grant is removed', async () => {
    await waitUntil(async () => hub.counters().feeds === 0, 'feeds of earlier tests to close', 5_000);
    const listsBefore = hub.counters().lists;
    const readers: SseReader[] = [];
    for (let i = 0; i < 50; i += 1) {
      const request = i % 2 === 0 ? { appIds: [api.id], detailAppIds: [web.id] } : { appIds: [], detailAppIds: [web.id, api.id] };
      readers.push(readSse(await openLiveEventStream(viewer.actor, request, { hub, recheckIntervalMs: 500, heartbeatMs: 1_000, throttleMs: 50 })));
    }
    await waitUntil(async () => readers.every((r) => latestRollout(r, web.id)?.state === 'complete' && latestRollout(r, api.id)?.state === 'complete'), 'every stream to see both rollouts complete', 30_000);

    // 8 resources of one namespace on one cluster: 8 upstream watches, counted by the hub and by the server side.
    expect(liveStreamCount()).toBe(50);
    expect(hub.upstreamWatchCount()).toBe(8);
    expect(proxy.openWatchCount()).toBe(8);
    expect([...proxy.openWatches().values()].every((n) => n === 1)).toBe(true);
    expect([...proxy.openWatches().keys()].sort()).toEqual(
      [
        '/api/v1/namespaces/team-a/endpoints',
        '/api/v1/namespaces/team-a/events',
        '/api/v1/namespaces/team-a/pods',
        '/api/v1/namespaces/team-a/services',
        '/apis/apps/v1/namespaces/team-a/deployments',
        '/apis/apps/v1/namespaces/team-a/replicasets',
        '/apis/autoscaling/v2/namespaces/team-a/horizontalpodautoscalers',
        '/apis/networking.k8s.io/v1/namespaces/team-a/ingresses',
      ].sort(),
    );
    // Each of the 8 feeds listed once for all 50 streams.
    expect(hub.counters().lists).toBe(listsBefore + 8);

    const sample = readers[0];
    expect(latestRollout(sample, web.id)?.message).toBe('deployment "web" successfully rolled out');
    const pods = updates(sample).filter((u) => u.appId === web.id && u.resource === 'pods').at(-1);
    expect(pods?.resource === 'pods' && pods.data.filter((p) => p.phase === 'Running').length).toBe(2);
    const detail = updates(sample).filter((u) => u.appId === web.id && u.resource === 'detail').at(-1);
    expect(detail?.resource === 'detail' && [detail.data?.deploymentFound, detail.data?.rollout?.state, detail.data?.pods.length]).toEqual([true, 'complete', 2]);
    // Summary subscriptions get the rollout only.
    expect(updates(sample).some((u) => u.appId === api.id && u.resource === 'pods')).toBe(false);
    // No raw objects on the wire: no managedFields, no pod specs.
    expect(JSON.stringify(sample.messages)).not.toMatch(/managedFields|"spec"/);
    await waitUntil(async () => sample.comments > 0, 'a heartbeat', 5_000);

    const removedAt = Date.now();
    await db.namespaceGrant.delete({ where: { id: viewerGrantId } });
    await Promise.all(readers.map((r) => r.ended));
    expect(liveStreamCount()).toBe(0);
    const slowest = Math.max(...readers.map((r) => (r.endedAt ?? Infinity) - removedAt));
    expect(slowest).toBeLessThan(60_000);
    // With a 500 ms re-check interval the streams close within a couple of intervals.
    expect(slowest).toBeLessThan(5_000);
    for (const reader of readers) {
      const last = reader.messages.at(-1);
      expect(last?.event).toBe('revoked');
      // A re-check that races the deletion may see one app still visible: at least one is named, none other.
      const revokedIds = (last?.data as LiveRevoked).appIds;
      expect(revokedIds.length).toBeGreaterThan(0);
      expect(revokedIds.every((id) => id === web.id || id === api.id)).toBe(true);
    }
    // The last subscriber gone, the hub closes its upstream watches after the linger.
    await waitUntil(async () => hub.upstreamWatchCount() === 0 && proxy.openWatchCount() === 0, 'upstream watches to close', 10_000);
    // And the viewer cannot open a new stream any more.
    expect((await refusal(() => openLiveEventStream(viewer.actor, { appIds: [web.id], detailAppIds: [] }, { hub }))).code).toBe('FORBIDDEN_OR_NOT_FOUND');
  });
});
