// A cluster that is down or slow, stale resourceVersions and concurrent users: every failure is
// audited FAILED with a clear code, no revision claims a change that did not happen, and no update is
// lost.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/verify';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import { createApp } from './create-app';
import { getApp } from './get-app';
import { listApps } from './list-apps';
import { scaleApp } from './scale';
import { setAppImage } from './set-image';
import { appForm, setupAppsWorld } from './testing/world';
import type { DesiredState } from '@/lib/manifests';

setupTestDatabase();
const world = setupAppsWorld();
let appId = '';

beforeAll(async () => {
  const w = world.current;
  appId = (await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('sturdy') })).appId;
});

async function lastOutcomes(action: string, count = 2) {
  const rows = await db.auditEvent.findMany({ where: { action }, orderBy: { seq: 'desc' }, take: count, select: { outcome: true, errorCode: true, errorMessage: true } });
  return rows.reverse();
}

async function readDeployment() {
  const w = world.current;
  return w.cluster.clients.apps.readNamespacedDeployment({ name: 'sturdy', namespace: w.namespace });
}

describe('cluster failures', () => {
  it('a cluster answering 503: CLUSTER_UNAVAILABLE, audited FAILED, no revision', async () => {
    const w = world.current;
    const revisions = await db.revision.count({ where: { appId } });
    await w.cluster.sandbox.faults.setUnavailable('503');
    try {
      await expect(setAppImage(w.deployer, { appId, image: 'nginx:1.26' })).rejects.toMatchObject({
        code: 'CLUSTER_UNAVAILABLE',
        message: 'The cluster sandbox did not answer (503 ServiceUnavailable). Try again in a moment.',
      });
    } finally {
      await w.cluster.sandbox.faults.reset();
    }
    expect(await lastOutcomes('app.set_image')).toEqual([
      { outcome: 'REQUESTED', errorCode: null, errorMessage: null },
      { outcome: 'FAILED', errorCode: 'CLUSTER_UNAVAILABLE', errorMessage: 'The cluster sandbox did not answer (503 ServiceUnavailable). Try again in a moment.' },
    ]);
    expect(await db.revision.count({ where: { appId } })).toBe(revisions);
    expect((await readDeployment()).spec?.template.spec?.containers[0].image).toBe('nginx:1.25');
  });

  it('a cluster refusing connections: scale and create fail the same way and leave nothing behind', async () => {
    const w = world.current;
    const [revisions, apps] = await Promise.all([db.revision.count(), db.app.count()]);
    await w.cluster.sandbox.faults.setUnavailable('refuse');
    try {
      await expect(scaleApp(w.deployer, { appId, replicas: 4 })).rejects.toMatchObject({ code: 'CLUSTER_UNAVAILABLE', message: expect.stringContaining('connection refused') });
      await expect(createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('newcomer') })).rejects.toMatchObject({ code: 'CLUSTER_UNAVAILABLE' });
      // Pages keep working and say why the live part is missing.
      const detail = await getApp(w.viewer, { appId });
      expect(detail.live).toBeNull();
      expect(detail.liveError).toContain('did not answer');
      expect((await listApps(w.viewer)).find((a) => a.id === appId)?.liveError).toContain('did not answer');
    } finally {
      await w.cluster.sandbox.faults.reset();
    }
    expect((await lastOutcomes('app.scale')).map((e) => [e.outcome, e.errorCode])).toEqual([['REQUESTED', null], ['FAILED', 'CLUSTER_UNAVAILABLE']]);
    expect(await db.revision.count()).toBe(revisions);
    expect(await db.app.count()).toBe(apps);
    expect((await readDeployment()).spec?.replicas).toBe(2);
  });

  it('a cluster slower than the request timeout: CLUSTER_UNAVAILABLE, audited FAILED', async () => {
    const w = world.current;
    const revisions = await db.revision.count({ where: { appId } });
    w.cluster.sandbox.faults.setLatency(10_500);
    try {
      await expect(scaleApp(w.deployer, { appId, replicas: 4 })).rejects.toMatchObject({ code: 'CLUSTER_UNAVAILABLE', message: 'The cluster sandbox did not answer (no answer within 10 s). Try again in a moment.' });
    } finally {
      await w.cluster.sandbox.faults.reset();
    }
    expect((await lastOutcomes('app.scale')).map((e) => e.outcome)).toEqual(['REQUESTED', 'FAILED']);
    expect(await db.revision.count({ where: { appId } })).toBe(revisions);
  }, 30_000);
});

describe('concurrency', () => {
  it('a stale resourceVersion is refused as CONFLICT, never overwriting the newer change', async () => {
    const w = world.current;
    const seen = (await getApp(w.deployer, { appId })).live?.resourceVersion ?? '';
    expect(seen).not.toBe('');
    await w.cluster.kubectlOk(['-n', w.namespace, 'annotate', 'deployment/sturdy', 'note=changed-meanwhile']);
    const revisions = await db.revision.count({ where: { appId } });
    await expect(scaleApp(w.deployer, { appId, replicas: 5, resourceVersion: seen })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('was changed by someone else in the meantime') });
    expect((await lastOutcomes('app.scale')).map((e) => [e.outcome, e.errorCode])).toEqual([['REQUESTED', null], ['FAILED', 'CONFLICT']]);
    expect(await db.revision.count({ where: { appId } })).toBe(revisions);
    const deployment = await readDeployment();
    expect(deployment.spec?.replicas).toBe(2);
    expect(deployment.metadata?.annotations?.note).toBe('changed-meanwhile');
    const fresh = (await getApp(w.deployer, { appId })).live?.resourceVersion;
    expect(await scaleApp(w.deployer, { appId, replicas: 5, resourceVersion: fresh ?? undefined })).toMatchObject({ kind: 'applied', revision: { operation: 'scale' } });
  });

  it('two users scaling at once: both audited, the final state is the last write, the chain intact', async () => {
    const w = world.current;
    const before = await db.revision.count({ where: { appId } });
    const results = await Promise.all([scaleApp(w.deployer, { appId, replicas: 3 }), scaleApp(w.maintainer, { appId, replicas: 6 })]);
    const numbers = results.map((r) => (r.kind === 'applied' ? r.revision.number : 0));
    expect(numbers.sort()).toEqual([before + 1, before + 2]);
    const last = await db.revision.findFirstOrThrow({ where: { appId }, orderBy: { number: 'desc' } });
    const lastReplicas = (last.manifest as unknown as DesiredState).deployment.spec?.replicas;
    expect([3, 6]).toContain(lastReplicas);
    expect((await readDeployment()).spec?.replicas).toBe(lastReplicas);
    const app = await db.app.findUniqueOrThrow({ where: { id: appId } });
    expect(app.currentRevisionId).toBe(last.id);
    for (const email of ['deployer@example.com', 'maintainer@example.com']) {
      const events = await db.auditEvent.findMany({ where: { action: 'app.scale', actorEmail: email }, orderBy: { seq: 'desc' }, take: 2 });
      expect(events.map((e) => e.outcome).sort()).toEqual(['REQUESTED', 'SUCCEEDED']);
      expect(events[0].operationId).toBe(events[1].operationId);
    }
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('a set image and a scale at once: neither update is lost', async () => {
    const w = world.current;
    await Promise.all([setAppImage(w.deployer, { appId, image: 'nginx:1.27' }), scaleApp(w.maintainer, { appId, replicas: 4 })]);
    const last = await db.revision.findFirstOrThrow({ where: { appId }, orderBy: { number: 'desc' } });
    const state = last.manifest as unknown as DesiredState;
    expect(state.deployment.spec?.replicas).toBe(4);
    expect(state.deployment.spec?.template.spec?.containers[0].image).toBe('nginx:1.27');
    const deployment = await readDeployment();
    expect(deployment.spec?.replicas).toBe(4);
    expect(deployment.spec?.template.spec?.containers[0].image).toBe('nginx:1.27');
  });
});
