// In-process controller behaviour: ReplicaSet bookkeeping, Recreate, pause/resume, proportional
// scaling mid-rollout, revision history clean-up, DaemonSets, and quiescence once work is done.
import { afterEach, describe, expect, it } from 'vitest';
import type { KObject, SandboxApi } from '../types';
import { controllerRef, isTerminating } from './objects';
import { deploymentManifest, isRolledOut, progressingReason, setImage, startTestCluster, waitFor, type TestCluster } from './test-support';

let cluster: TestCluster | undefined;
afterEach(() => cluster?.stop());

const statusOf = <T>(o: KObject | undefined) => (o?.status ?? {}) as T;
const rsSizes = (api: SandboxApi, app: string) =>
  api
    .list('apps/replicasets', { namespace: 'default', labelSelector: `app=${app}` })
    .map((rs) => [(rs.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image, (rs.spec as { replicas: number }).replicas] as const)
    .sort();
const events = (api: SandboxApi, name: string, reason: string) =>
  api
    .list('core/events', { namespace: 'default' })
    .filter((e) => (e as { involvedObject?: { name?: string } }).involvedObject?.name === name && (e as { reason?: string }).reason === reason)
    .map((e) => (e as { message?: string }).message ?? '');

function replicaSet(name: string, replicas: number, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } }, ...extra },
  };
}

describe('ReplicaSet controller', () => {
  it('adopts a matching orphan, reports status, and deletes the not-ready pod first', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('core/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', namespace: 'default', labels: { app: 'rs1' } },
      spec: { containers: [{ name: 'app', image: 'nginx', env: [{ name: 'SANDBOX_NEVER_READY', value: '1' }] }] },
    });
    api.create('apps/replicasets', replicaSet('rs1', 3));
    const rs = await waitFor('rs ready', () => {
      const o = api.get('apps/replicasets', 'default', 'rs1');
      return statusOf<{ readyReplicas?: number }>(o).readyReplicas === 2 && o;
    });
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    expect(controllerRef(api.get('core/pods', 'default', 'stray')?.metadata ?? {})).toMatchObject({ kind: 'ReplicaSet', name: 'rs1', controller: true, blockOwnerDeletion: true });
    expect(events(api, 'rs1', 'SuccessfulCreate')).toHaveLength(2);
    for (const m of events(api, 'rs1', 'SuccessfulCreate')) expect(m).toMatch(/^Created pod: rs1-[bcdfghjklmnpqrstvwxz2456789]{5}$/);

    const current = api.get('apps/replicasets', 'default', 'rs1') as KObject;
    api.update('apps/replicasets', { ...current, spec: { ...(current.spec as object), replicas: 2 } });
    await waitFor('scaled down', () => statusOf<{ replicas: number; observedGeneration: number }>(api.get('apps/replicasets', 'default', 'rs1')).observedGeneration === 2);
    expect(api.get('core/pods', 'default', 'stray')?.metadata.deletionTimestamp).toBeDefined();
    await waitFor('terminated pod removed', () => api.get('core/pods', 'default', 'stray') === undefined);
    expect(events(api, 'rs1', 'SuccessfulDelete')).toEqual(['Deleted pod: stray']);
    expect(statusOf<{ replicas: number; availableReplicas: number }>(api.get('apps/replicasets', 'default', 'rs1'))).toMatchObject({ replicas: 2, availableReplicas: 2 });
  });

  it('counts a pod available only after minReadySeconds', async () => {
    cluster = startTestCluster(10);
    const { api } = cluster;
    api.create('apps/replicasets', replicaSet('slow', 1, { minReadySeconds: 20 }));
    await waitFor('ready', () => statusOf<{ readyReplicas?: number }>(api.get('apps/replicasets', 'default', 'slow')).readyReplicas === 1);
    expect(statusOf<{ availableReplicas?: number }>(api.get('apps/replicasets', 'default', 'slow')).availableReplicas).toBeUndefined();
    await waitFor('available', () => statusOf<{ availableReplicas?: number }>(api.get('apps/replicasets', 'default', 'slow')).availableReplicas === 1);
  });

  it('runs a ReplicationController', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('core/replicationcontrollers', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', namespace: 'default' },
      spec: { replicas: 2, selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
    });
    await waitFor('rc ready', () => statusOf<{ readyReplicas?: number }>(api.get('core/replicationcontrollers', 'default', 'rc')).readyReplicas === 2);
    const pods = api.list('core/pods', { namespace: 'default', labelSelector: 'app=rc' });
    expect(pods.map((p) => controllerRef(p.metadata)?.kind)).toEqual(['ReplicationController', 'ReplicationController']);
  });
});

describe('Deployment controller', () => {
  it('Recreate never runs old and new pods together', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('apps/deployments', deploymentManifest('rec', 3, 'nginx:1.25', { strategy: { type: 'Recreate' } }));
    await waitFor('first rollout', () => isRolledOut(api, 'rec'));
    let overlap = false;
    const unsubscribe = api.subscribe(() => {
      const images = new Set(
        api
          .list('core/pods', { namespace: 'default', labelSelector: 'app=rec' })
          .filter((p) => !isTerminating(p))
          .map((p) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image),
      );
      if (images.size > 1) overlap = true;
    });
    setImage(api, 'rec', 'nginx:1.26');
    await waitFor('second rollout', () => isRolledOut(api, 'rec') && rsSizes(api, 'rec').every(([image, n]) => (image === 'nginx:1.26' ? n === 3 : n === 0)));
    unsubscribe();
    expect(overlap).toBe(false);
    expect(rsSizes(api, 'rec')).toEqual([
      ['nginx:1.25', 0],
      ['nginx:1.26', 3],
    ]);
  });

  it('pauses and resumes a rollout', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('apps/deployments', deploymentManifest('pz', 2, 'nginx:1.25', { progressDeadlineSeconds: 600 }));
    await waitFor('first rollout', () => isRolledOut(api, 'pz'));
    const d = api.get('apps/deployments', 'default', 'pz') as KObject;
    api.update('apps/deployments', { ...d, spec: { ...(d.spec as object), paused: true } });
    await waitFor('paused condition', () => progressingReason(api, 'pz') === 'DeploymentPaused');
    setImage(api, 'pz', 'nginx:1.26');
    await waitFor('observed', () => statusOf<{ observedGeneration?: number }>(api.get('apps/deployments', 'default', 'pz')).observedGeneration === 3);
    expect(rsSizes(api, 'pz')).toEqual([['nginx:1.25', 2]]);
    const cond = statusOf<{ conditions: Array<{ type: string; status: string; message: string }> }>(api.get('apps/deployments', 'default', 'pz')).conditions.find((c) => c.type === 'Progressing');
    expect(cond).toMatchObject({ status: 'Unknown', message: 'Deployment is paused' });

    const paused = api.get('apps/deployments', 'default', 'pz') as KObject;
    api.update('apps/deployments', { ...paused, spec: { ...(paused.spec as object), paused: false } });
    await waitFor('rolled out after resume', () => isRolledOut(api, 'pz') && progressingReason(api, 'pz') === 'NewReplicaSetAvailable');
    expect(rsSizes(api, 'pz')).toEqual([
      ['nginx:1.25', 0],
      ['nginx:1.26', 2],
    ]);
  });

  it('scales proportionally during a stuck rollout', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('apps/deployments', deploymentManifest('prop', 10, 'nginx:1.25'));
    await waitFor('first rollout', () => isRolledOut(api, 'prop'));
    setImage(api, 'prop', 'nginx:broken');
    // 10 replicas, 25%/25%: surge 3, unavailable 2 → the rollout sticks at old 8 + new 5.
    await waitFor('stuck rollout', () => JSON.stringify(rsSizes(api, 'prop')) === JSON.stringify([['nginx:1.25', 8], ['nginx:broken', 5]]) && rsSizes(api, 'prop'));
    const d = api.get('apps/deployments', 'default', 'prop') as KObject;
    api.update('apps/deployments', { ...d, spec: { ...(d.spec as object), replicas: 20 } });
    // allowed 20+5=25, 12 to add: old round(8·25/13)=15, new round(5·25/13)=10.
    await waitFor('proportional sizes', () => JSON.stringify(rsSizes(api, 'prop')) === JSON.stringify([['nginx:1.25', 15], ['nginx:broken', 10]]));
    const scaling = events(api, 'prop', 'ScalingReplicaSet');
    expect(scaling.some((m) => /^Scaled up replica set prop-[4-9bcdf]+ from 8 to 15$/.test(m))).toBe(true);
    expect(scaling.some((m) => /^Scaled up replica set prop-[4-9bcdf]+ from 5 to 10$/.test(m))).toBe(true);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('apps/deployments', deploymentManifest('hist', 1, 'nginx:1.1', { revisionHistoryLimit: 1 }));
    for (const image of ['nginx:1.2', 'nginx:1.3', 'nginx:1.4']) {
      await waitFor(`rollout before ${image}`, () => isRolledOut(api, 'hist'));
      setImage(api, 'hist', image);
    }
    await waitFor('final rollout and clean-up', () => isRolledOut(api, 'hist') && rsSizes(api, 'hist').length === 2);
    expect(rsSizes(api, 'hist')).toEqual([
      ['nginx:1.3', 0],
      ['nginx:1.4', 1],
    ]);
    const revisions = api.list('apps/replicasets', { namespace: 'default', labelSelector: 'app=hist' }).map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']);
    expect(revisions.sort()).toEqual(['3', '4']);
  });

  it('resolves a pod-template-hash collision by bumping collisionCount', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    // The same template in another namespace reveals the hash the controller will pick.
    api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'probe' } });
    api.create('apps/deployments', { ...deploymentManifest('coll', 1, 'nginx:1.25'), metadata: { name: 'coll', namespace: 'probe' } });
    const taken = await waitFor('probe rs', () => api.list('apps/replicasets', { namespace: 'probe' })[0]?.metadata.name);
    api.create('apps/replicasets', { ...replicaSet('other', 0), metadata: { name: taken, namespace: 'default' } });
    api.create('apps/deployments', deploymentManifest('coll', 1, 'nginx:1.25'));
    await waitFor('rollout despite collision', () => isRolledOut(api, 'coll'));
    expect(statusOf<{ collisionCount?: number }>(api.get('apps/deployments', 'default', 'coll')).collisionCount).toBe(1);
    const owned = api.list('apps/replicasets', { namespace: 'default', labelSelector: 'app=coll' });
    expect(owned).toHaveLength(1);
    expect(owned[0].metadata.name).not.toBe(taken);
    expect(owned[0].metadata.name).toMatch(/^coll-[4-9bcdf]+$/);
    expect(controllerRef(api.get('apps/replicasets', 'default', taken)?.metadata ?? {})).toBeUndefined();
  });

  it('goes quiet once a rollout is complete (no status hot loop)', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('apps/deployments', deploymentManifest('quiet', 3, 'nginx:1.25'));
    api.create('apps/daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'quiet-ds', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'quiet-ds' } }, template: { metadata: { labels: { app: 'quiet-ds' } }, spec: { containers: [{ name: 'agent', image: 'fluentd:1' }] } } },
    });
    await waitFor('rollout', () => isRolledOut(api, 'quiet') && progressingReason(api, 'quiet') === 'NewReplicaSetAvailable');
    await waitFor('daemon set ready', () => statusOf<{ numberAvailable?: number }>(api.get('apps/daemonsets', 'default', 'quiet-ds')).numberAvailable === 3);
    await new Promise((r) => setTimeout(r, 50));
    let writes = 0;
    const unsubscribe = api.subscribe((e) => {
      if (e.resource !== 'core/events') writes++;
    });
    await new Promise((r) => setTimeout(r, 400));
    unsubscribe();
    expect(writes).toBe(0);
  });
});

describe('scheduler and kubelet', () => {
  it('honours nodeSelector, reports an unschedulable pod, and gives pod IPs from the node podCIDR', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    const bare = (name: string, nodeSelector: Record<string, string>): KObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { nodeSelector, containers: [{ name: 'app', image: 'nginx:1.25' }] },
    });
    api.create('core/pods', bare('pinned', { 'kubernetes.io/hostname': 'sandbox-node-2' }));
    api.create('core/pods', bare('nowhere', { disktype: 'ssd' }));
    const pinned = await waitFor('pinned running', () => {
      const p = api.get('core/pods', 'default', 'pinned');
      return statusOf<{ phase?: string }>(p).phase === 'Running' && p;
    });
    const node = api.get('core/nodes', undefined, 'sandbox-node-2');
    const cidr = (node?.spec as { podCIDR: string }).podCIDR;
    expect((pinned.spec as { nodeName: string }).nodeName).toBe('sandbox-node-2');
    expect(statusOf<{ podIP: string }>(pinned).podIP.startsWith(cidr.replace(/0\/24$/, ''))).toBe(true);
    const nowhere = await waitFor('unschedulable', () => {
      const p = api.get('core/pods', 'default', 'nowhere');
      const c = statusOf<{ conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> }>(p).conditions?.find((x) => x.type === 'PodScheduled');
      return c?.status === 'False' && c;
    });
    expect(nowhere).toMatchObject({ reason: 'Unschedulable', message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling." });
    expect(events(api, 'nowhere', 'FailedScheduling')).toEqual([nowhere.message]);
  });
});

describe('DaemonSet controller', () => {
  it('runs daemon pods only on the nodes its nodeSelector selects', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    api.create('apps/daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'picky', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'picky' } },
        template: { metadata: { labels: { app: 'picky' } }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'sandbox-node-3' }, containers: [{ name: 'agent', image: 'fluentd:1' }] } },
      },
    });
    await waitFor('one daemon pod ready', () => statusOf<{ numberReady?: number }>(api.get('apps/daemonsets', 'default', 'picky')).numberReady === 1);
    expect(statusOf(api.get('apps/daemonsets', 'default', 'picky'))).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1 });
    expect(api.list('core/pods', { namespace: 'default', labelSelector: 'app=picky' }).map((p) => (p.spec as { nodeName?: string }).nodeName)).toEqual(['sandbox-node-3']);
  });

  it('counts daemon pods available only after minReadySeconds', async () => {
    cluster = startTestCluster(10);
    const { api } = cluster;
    api.create('apps/daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'slow-ds', namespace: 'default' },
      spec: { minReadySeconds: 20, selector: { matchLabels: { app: 'slow-ds' } }, template: { metadata: { labels: { app: 'slow-ds' } }, spec: { containers: [{ name: 'agent', image: 'fluentd:1' }] } } },
    });
    await waitFor('ready', () => statusOf<{ numberReady?: number }>(api.get('apps/daemonsets', 'default', 'slow-ds')).numberReady === 3);
    expect(statusOf(api.get('apps/daemonsets', 'default', 'slow-ds'))).toMatchObject({ numberUnavailable: 3 });
    await waitFor('available', () => statusOf<{ numberAvailable?: number }>(api.get('apps/daemonsets', 'default', 'slow-ds')).numberAvailable === 3);
    expect(statusOf<{ numberUnavailable?: number }>(api.get('apps/daemonsets', 'default', 'slow-ds')).numberUnavailable).toBeUndefined();
  });

  it('runs one pod per node and replaces them on a template change', async () => {
    cluster = startTestCluster(50);
    const { api } = cluster;
    const nodes = api.list('core/nodes').map((n) => n.metadata.name).sort();
    api.create('apps/daemonsets', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'fluentd:1' }] } } },
    });
    const ready = (image: string) => () => {
      const ds = api.get('apps/daemonsets', 'default', 'agent');
      const s = statusOf<{ numberReady?: number; updatedNumberScheduled?: number; numberAvailable?: number; observedGeneration?: number }>(ds);
      const pods = api.list('core/pods', { namespace: 'default', labelSelector: 'app=agent' }).filter((p) => !isTerminating(p));
      return s.numberReady === nodes.length && s.updatedNumberScheduled === nodes.length && s.numberAvailable === nodes.length && s.observedGeneration === ds?.metadata.generation && pods.length === nodes.length && pods.every((p) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image === image);
    };
    await waitFor('daemon pods ready', ready('fluentd:1'));
    const pods = api.list('core/pods', { namespace: 'default', labelSelector: 'app=agent' });
    expect(pods.map((p) => (p.spec as { nodeName?: string }).nodeName).sort()).toEqual(nodes);
    const tolerations = (pods[0].spec as { tolerations: Array<{ key: string; effect: string }> }).tolerations.map((t) => `${t.key}:${t.effect}`);
    expect(tolerations).toEqual(expect.arrayContaining(['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule']));
    expect(tolerations.filter((t) => t === 'node.kubernetes.io/not-ready:NoExecute')).toHaveLength(1);
    expect(statusOf(api.get('apps/daemonsets', 'default', 'agent'))).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberMisscheduled: 0 });

    const ds = api.get('apps/daemonsets', 'default', 'agent') as KObject;
    const spec = structuredClone(ds.spec) as { template: { spec: { containers: Array<{ image: string }> } } };
    spec.template.spec.containers[0].image = 'fluentd:2';
    let maxUnavailable = 0;
    const unsubscribe = api.subscribe(() => {
      const live = api.list('core/pods', { namespace: 'default', labelSelector: 'app=agent' }).filter((p) => !isTerminating(p));
      const readyPods = live.filter((p) => (p.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      maxUnavailable = Math.max(maxUnavailable, nodes.length - readyPods.length);
    });
    api.update('apps/daemonsets', { ...ds, spec });
    await waitFor('rolled daemon pods', ready('fluentd:2'));
    unsubscribe();
    expect(maxUnavailable).toBe(1);
  });
});
