// Builders for ReplicaSet/Deployment snapshots used by the controller unit tests.
import { setReplicasAnnotations } from './deployment-util';
import type { Deployment, IntOrString, ReplicaSet } from './objects';

export function makeDeployment(replicas: number, opts: { maxSurge?: IntOrString; maxUnavailable?: IntOrString; type?: 'RollingUpdate' | 'Recreate' } = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { foo: 'bar' } },
      template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      strategy:
        opts.type === 'Recreate'
          ? { type: 'Recreate' }
          : { type: 'RollingUpdate', rollingUpdate: { maxSurge: opts.maxSurge ?? 0, maxUnavailable: opts.maxUnavailable ?? 0 } },
    },
  };
}

/** `age` orders creation: a larger age is older. */
export function makeReplicaSet(name: string, replicas: number, opts: { available?: number; age?: number; desired?: number; max?: number } = {}): ReplicaSet {
  const created = new Date(Date.UTC(2016, 4, 20, 12) - (opts.age ?? 0) * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', creationTimestamp: created },
    spec: { replicas, selector: { matchLabels: { foo: 'bar' } }, template: {} },
    status: { replicas, availableReplicas: opts.available ?? replicas },
  };
  if (opts.desired !== undefined) setReplicasAnnotations(rs, opts.desired, opts.max ?? opts.desired);
  return rs;
}
