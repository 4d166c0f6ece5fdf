// A 10-replica rollout with maxSurge 25% / maxUnavailable 25% never runs more than 13 pods nor drops
// below 8 available, checked at every committed write of the store. Pods that are already terminating
// (deletionTimestamp set, containers being stopped) are not counted, as the controllers do not count them.
// "Available" is checked twice: as the ReplicaSets report it and as ready pods in the store.
import { afterEach, describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { asPod, controllerRef, isTerminating } from './objects';
import { isPodReady } from './pod-util';
import { deploymentManifest, isRolledOut, setImage, startTestCluster, waitFor, type TestCluster } from './test-support';

let cluster: TestCluster | undefined;
afterEach(() => cluster?.stop());

describe('rolling update invariant', () => {
  it('keeps 8 ≤ available and pods ≤ 13 at every step', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('apps/deployments', deploymentManifest('inv', 10, 'nginx:1.25', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } }));
    await waitFor('initial rollout', () => isRolledOut(api, 'inv'));

    const rsUIDs = () => new Set(api.list('apps/replicasets', { namespace: 'default' }).filter((rs) => controllerRef(rs.metadata)?.name === 'inv').map((rs) => rs.metadata.uid));
    let maxPods = 0;
    let minAvailable = Infinity;
    let minReadyPods = Infinity;
    let checks = 0;
    const unsubscribe = api.subscribe(() => {
      const owners = rsUIDs();
      const pods = api.list('core/pods', { namespace: 'default' }).filter((p: KObject) => owners.has(controllerRef(p.metadata)?.uid ?? '') && !isTerminating(p));
      const available = api
        .list('apps/replicasets', { namespace: 'default' })
        .filter((rs) => owners.has(rs.metadata.uid))
        .reduce((n, rs) => n + ((rs.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0), 0);
      maxPods = Math.max(maxPods, pods.length);
      minAvailable = Math.min(minAvailable, available);
      minReadyPods = Math.min(minReadyPods, pods.filter((p) => isPodReady(asPod(p))).length);
      checks++;
    });

    setImage(api, 'inv', 'nginx:1.26');
    await waitFor('second rollout', () => isRolledOut(api, 'inv') && api.list('apps/replicasets').filter((rs) => (rs.status as { replicas?: number }).replicas).length === 1);
    unsubscribe();

    expect(checks).toBeGreaterThan(50);
    expect(maxPods).toBe(13);
    expect(minAvailable).toBeGreaterThanOrEqual(8);
    expect(minReadyPods).toBeGreaterThanOrEqual(8);
    const events = api.list('core/events', { namespace: 'default' }).filter((e) => (e as { reason?: string }).reason === 'ScalingReplicaSet');
    const messages = events.map((e) => (e as { message?: string }).message ?? '');
    expect(messages.some((m) => /^Scaled up replica set inv-[4-9bcdf]+ from 0 to 3$/.test(m))).toBe(true);
    expect(messages.some((m) => /^Scaled down replica set inv-[4-9bcdf]+ from 10 to 8$/.test(m))).toBe(true);
  });
});
