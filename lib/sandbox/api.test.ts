import { describe, expect, it } from 'vitest';
import { createSandboxApi } from './api';
import { expireEvents } from './event-recorder';
import { createClock } from './clock';
import { ApiError } from './errors';
import type { KObject } from './types';

function deployment(name: string, ns = 'default', replicas = 1): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } },
    },
  };
}

function ownedBy(owner: KObject, kind: string, apiVersion: string, name: string, extra: Partial<KObject> = {}): KObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { app: owner.metadata.name as string },
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name as string, uid: owner.metadata.uid as string, controller: true, blockOwnerDeletion: true }],
    },
    ...extra,
  };
}

function replicaSetFor(d: KObject, name: string): KObject {
  return ownedBy(d, 'ReplicaSet', 'apps/v1', name, {
    spec: { replicas: 1, selector: { matchLabels: { app: d.metadata.name } }, template: (d.spec as Record<string, unknown>).template },
  });
}

function podFor(rs: KObject, name: string): KObject {
  return ownedBy(rs, 'Pod', 'v1', name, { spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } });
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('createSandboxApi', () => {
  it('starts with the system namespaces and three nodes', () => {
    const api = createSandboxApi({ clock: createClock(100) });
    expect(api.list('core/namespaces').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(api.list('core/nodes')).toHaveLength(3);
    expect(api.get('core/namespaces', undefined, 'default')?.status).toEqual({ phase: 'Active' });
  });

  it('sets uid, creationTimestamp, generation and a resourceVersion from one global counter', () => {
    const api = createSandboxApi();
    const a = api.create('apps/deployments', deployment('a'));
    const b = api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { k: 'v' } });
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a.metadata.generation).toBe(1);
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
  });

  it('bumps generation on spec changes only, never on status writes', () => {
    const api = createSandboxApi();
    const d = api.create('apps/deployments', deployment('web'));
    const labelled = api.update('apps/deployments', { ...d, metadata: { ...d.metadata, labels: { app: 'web', extra: 'x' } } });
    expect(labelled.metadata.generation).toBe(1);
    const scaled = api.update('apps/deployments', { ...labelled, spec: { ...(labelled.spec as object), replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
    const status = api.updateStatus('apps/deployments', { ...scaled, status: { observedGeneration: 2, replicas: 3 } });
    expect(status.metadata.generation).toBe(2);
    expect(status.status).toEqual({ observedGeneration: 2, replicas: 3 });
    // The main resource cannot write status.
    const again = api.update('apps/deployments', { ...status, status: { replicas: 99 } });
    expect((again.status as { replicas: number }).replicas).toBe(3);
  });

  it('does not write (or bump the resourceVersion) for a no-op update', () => {
    const api = createSandboxApi();
    const d = api.create('apps/deployments', deployment('web'));
    const same = api.update('apps/deployments', d);
    expect(same.metadata.resourceVersion).toBe(d.metadata.resourceVersion);
  });

  it('rejects stale updates with 409 Conflict and duplicates with 409 AlreadyExists', () => {
    const api = createSandboxApi();
    const d = api.create('apps/deployments', deployment('web'));
    api.update('apps/deployments', { ...d, spec: { ...(d.spec as object), replicas: 2 } });
    const stale = errorOf(() => api.update('apps/deployments', { ...d, spec: { ...(d.spec as object), replicas: 5 } }));
    expect(stale.code).toBe(409);
    expect(stale.reason).toBe('Conflict');
    expect(stale.message).toBe('Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
    const dup = errorOf(() => api.create('apps/deployments', deployment('web')));
    expect(dup.toStatus()).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'deployments.apps "web" already exists', details: { name: 'web', group: 'apps', kind: 'deployments' } });
  });

  it('answers 404 with the real messages, including a missing namespace', () => {
    const api = createSandboxApi();
    expect(errorOf(() => api.update('apps/deployments', deployment('nope'))).message).toBe('deployments.apps "nope" not found');
    expect(errorOf(() => api.delete('core/pods', 'default', 'nope')).message).toBe('pods "nope" not found');
    const e = errorOf(() => api.create('apps/deployments', deployment('web', 'missing')));
    expect([e.code, e.message]).toEqual([404, 'namespaces "missing" not found']);
  });

  it('refuses to create with a resourceVersion and generates names from generateName', () => {
    const api = createSandboxApi();
    const withRv = deployment('web');
    withRv.metadata.resourceVersion = '5';
    expect(errorOf(() => api.create('apps/deployments', withRv)).message).toBe('resourceVersion should not be set on objects to be created');
    const cm = api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-', namespace: 'default' } });
    expect(cm.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('garbage-collects dependents in the background and orphans them on request', () => {
    const api = createSandboxApi();
    const d = api.create('apps/deployments', deployment('web'));
    const rs = api.create('apps/replicasets', replicaSetFor(d, 'web-1'));
    api.create('core/pods', podFor(rs, 'web-1-a'));
    api.delete('apps/deployments', 'default', 'web', { propagationPolicy: 'Background' });
    expect(api.get('apps/replicasets', 'default', 'web-1')).toBeUndefined();
    expect(api.get('core/pods', 'default', 'web-1-a')).toBeUndefined();

    const d2 = api.create('apps/deployments', deployment('api'));
    api.create('apps/replicasets', replicaSetFor(d2, 'api-1'));
    api.delete('apps/deployments', 'default', 'api', { propagationPolicy: 'Orphan' });
    const orphan = api.get('apps/replicasets', 'default', 'api-1');
    expect(orphan).toBeDefined();
    expect(orphan?.metadata.ownerReferences).toBeUndefined();
  });

  it('deletes dependents before the owner in the foreground', () => {
    const api = createSandboxApi();
    const d = api.create('apps/deployments', deployment('web'));
    api.create('apps/replicasets', replicaSetFor(d, 'web-1'));
    const order: string[] = [];
    api.subscribe((e) => {
      if (e.type === 'DELETED') order.push(`${e.object.kind}/${e.object.metadata.name}`);
    });
    api.delete('apps/deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(order).toEqual(['ReplicaSet/web-1', 'Deployment/web']);
  });

  it('keeps an object with finalizers until the last finalizer is removed', () => {
    const api = createSandboxApi();
    const cm = api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/hold'] } });
    const deleting = api.delete('core/configmaps', 'default', 'held');
    expect(deleting?.metadata.deletionTimestamp).toBeDefined();
    const live = api.get('core/configmaps', 'default', 'held') as KObject;
    expect(live.metadata.deletionTimestamp).toBeDefined();
    api.update('core/configmaps', { ...live, metadata: { ...live.metadata, finalizers: [] } });
    expect(api.get('core/configmaps', 'default', 'held')).toBeUndefined();
    expect(cm.metadata.uid).toBeDefined();
  });

  it('checks delete preconditions', () => {
    const api = createSandboxApi();
    api.create('apps/deployments', deployment('web'));
    const e = errorOf(() => api.delete('apps/deployments', 'default', 'web', { preconditions: { uid: 'other' } }));
    expect(e.code).toBe(409);
    expect(e.message).toContain('Precondition failed: UID in precondition: other');
  });

  it('terminates a namespace: phase Terminating, contents deleted, then the namespace removed', async () => {
    const api = createSandboxApi();
    api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    api.create('apps/deployments', deployment('web', 'demo'));
    const terminating = api.delete('core/namespaces', undefined, 'demo');
    expect((terminating?.status as { phase: string }).phase).toBe('Terminating');
    const blocked = errorOf(() => api.create('apps/deployments', deployment('api', 'demo')));
    expect([blocked.code, blocked.reason]).toEqual([403, 'Forbidden']);
    expect(blocked.message).toBe('deployments.apps "api" is forbidden: unable to create new content in namespace demo because it is being terminated');
    const deadline = Date.now() + 5000;
    while (api.get('core/namespaces', undefined, 'demo') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(api.get('core/namespaces', undefined, 'demo')).toBeUndefined();
    expect(api.list('apps/deployments', { namespace: 'demo' })).toEqual([]);
  });

  it('refuses client writes to read-only nodes', () => {
    const api = createSandboxApi();
    const node = api.list('core/nodes')[0];
    expect(errorOf(() => api.delete('core/nodes', undefined, node.metadata.name as string)).code).toBe(405);
  });

  it('lists with label and field selectors and returns deep copies', () => {
    const api = createSandboxApi();
    api.create('apps/deployments', deployment('web'));
    api.create('apps/deployments', deployment('api'));
    expect(api.list('apps/deployments', { labelSelector: 'app in (web)' }).map((d) => d.metadata.name)).toEqual(['web']);
    expect(api.list('apps/deployments', { fieldSelector: 'metadata.name!=web' }).map((d) => d.metadata.name)).toEqual(['api']);
    const copy = api.get('apps/deployments', 'default', 'web') as KObject;
    copy.metadata.labels = { mutated: 'yes' };
    expect(api.get('apps/deployments', 'default', 'web')?.metadata.labels).toEqual({ app: 'web' });
    expect(errorOf(() => api.list('apps/deployments', { fieldSelector: 'spec.foo=1' })).message).toBe('"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });

  it('records events and aggregates repeats into count', () => {
    const api = createSandboxApi();
    const d = api.create('apps/deployments', deployment('web'));
    api.recordEvent(d, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-1 to 1', 'deployment-controller');
    api.recordEvent(d, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-1 to 1', 'deployment-controller');
    const events = api.list('core/events', { namespace: 'default' }).filter((e) => (e.involvedObject as { uid: string }).uid === d.metadata.uid);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reason: 'ScalingReplicaSet', count: 2, type: 'Normal', source: { component: 'deployment-controller' }, involvedObject: { kind: 'Deployment', name: 'web' } });
    expect(events[0].metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });

  it('keeps a replayable event log and reports what is too old', () => {
    const api = createSandboxApi({ logCapacity: 10 });
    const start = api.store.currentRv();
    for (let i = 0; i < 5; i++) api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' } });
    expect(api.store.since(start)?.map((e) => e.event.object.metadata.name)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    for (let i = 5; i < 20; i++) api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' } });
    expect(api.store.since(start)).toBeUndefined();
    expect(api.store.oldestResumableRv()).toBe(api.store.currentRv() - 10);
    expect(api.store.since(api.store.currentRv() - 2)?.map((e) => e.event.object.metadata.name)).toEqual(['c18', 'c19']);
  });

  it('lets the scheduler bind a pod once and terminates bound pods gracefully', () => {
    const api = createSandboxApi();
    const pod = api.create('core/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const bound = api.update('core/pods', { ...pod, spec: { ...(pod.spec as object), nodeName: 'sandbox-node-1' } }, { fieldManager: 'kube-scheduler' });
    expect((bound.spec as { nodeName: string }).nodeName).toBe('sandbox-node-1');
    expect(errorOf(() => api.update('core/pods', { ...bound, spec: { ...(bound.spec as object), nodeName: 'sandbox-node-2' } })).code).toBe(422);

    const terminating = api.delete('core/pods', 'default', 'p') as KObject;
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(api.get('core/pods', 'default', 'p')).toBeDefined();
    api.delete('core/pods', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(api.get('core/pods', 'default', 'p')).toBeUndefined();

    api.create('core/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'unbound', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    api.delete('core/pods', 'default', 'unbound');
    expect(api.get('core/pods', 'default', 'unbound')).toBeUndefined();
  });

  it('expires events after the one-hour TTL of cluster time', () => {
    const api = createSandboxApi({ clock: createClock(1) });
    const d = api.create('apps/deployments', deployment('web'));
    api.recordEvent(d, 'Normal', 'Old', 'old event', 'test');
    api.recordEvent(d, 'Normal', 'New', 'new event', 'test');
    const old = api.list('core/events', { namespace: 'default' }).find((e) => e.reason === 'Old') as KObject;
    api.update('core/events', { ...old, lastTimestamp: new Date(Date.now() - 3601_000).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    expect(expireEvents(api)).toBe(1);
    expect(api.list('core/events', { namespace: 'default' }).map((e) => e.reason)).toEqual(['New']);
  });

  it('refuses to delete the system namespaces', () => {
    const api = createSandboxApi();
    const e = errorOf(() => api.delete('core/namespaces', undefined, 'kube-system'));
    expect([e.code, e.message]).toEqual([403, 'namespaces "kube-system" is forbidden: this namespace may not be deleted']);
  });
});
