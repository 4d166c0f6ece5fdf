// Cases replicate upstream's pkg/controller/deployment/util/deployment_util_test.go tables.
import { describe, expect, it } from 'vitest';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  setCondition,
  setNewReplicaSetAnnotations,
  newCondition,
} from './deployment-util';
import type { Deployment, DeploymentStatus } from './objects';
import { makeDeployment, makeReplicaSet } from './test-fixtures';

describe('ResolveFenceposts (TestResolveFenceposts)', () => {
  const cases: Array<[string | undefined, string | undefined, number, number, number, boolean]> = [
    ['0%', '0%', 0, 0, 1, false],
    ['39%', '39%', 10, 4, 3, false],
    ['oops', '39%', 10, 0, 0, true],
    ['55%', 'urg', 10, 0, 0, true],
    [undefined, '39%', 10, 0, 3, false],
    ['39%', undefined, 10, 4, 0, false],
    [undefined, undefined, 10, 0, 1, false],
  ];
  it.each(cases)('surge %s unavailable %s of %i', (surge, unavail, desired, expSurge, expUnavail, isError) => {
    if (isError) {
      expect(() => resolveFenceposts(surge, unavail, desired)).toThrow();
      return;
    }
    expect(resolveFenceposts(surge, unavail, desired)).toEqual([expSurge, expUnavail]);
  });

  it('rounds 25%/25% as the reference examples', () => {
    expect([maxSurge(makeDeployment(10, { maxSurge: '25%', maxUnavailable: '25%' })), maxUnavailable(makeDeployment(10, { maxSurge: '25%', maxUnavailable: '25%' }))]).toEqual([3, 2]);
    expect([maxSurge(makeDeployment(3, { maxSurge: '25%', maxUnavailable: '25%' })), maxUnavailable(makeDeployment(3, { maxSurge: '25%', maxUnavailable: '25%' }))]).toEqual([1, 0]);
    expect(maxUnavailable(makeDeployment(0, { maxUnavailable: 5 }))).toBe(0);
    expect(maxUnavailable(makeDeployment(2, { maxUnavailable: 5 }))).toBe(2);
    expect(maxSurge(makeDeployment(2, { type: 'Recreate' }))).toBe(0);
  });
});

describe('NewRSNewReplicas (TestNewRSNewReplicas)', () => {
  const cases: Array<[string, 'RollingUpdate' | 'Recreate', number, number, number, number]> = [
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 3],
  ];
  it.each(cases)('%s', (_name, type, depReplicas, newRSReplicas, surge, expected) => {
    const d = makeDeployment(depReplicas, { maxSurge: surge, maxUnavailable: 1, type });
    const newRS = makeReplicaSet('new', newRSReplicas);
    expect(newRSNewReplicas(d, [makeReplicaSet('rs5', 5)], newRS)).toBe(expected);
  });
});

function withStatus(d: Deployment, s: DeploymentStatus): Deployment {
  return { ...d, metadata: { ...d.metadata, generation: 0 }, status: s };
}

describe('DeploymentComplete (TestDeploymentComplete)', () => {
  const cases: Array<[string, number[], boolean]> = [
    ['not complete: min but not all pods become available', [5, 5, 5, 4, 1, 0], false],
    ['not complete: min availability is not honored', [5, 5, 5, 3, 1, 0], false],
    ['complete', [5, 5, 5, 5, 0, 0], true],
    ['not complete: all pods are available but not updated', [5, 5, 4, 5, 0, 0], false],
    ['not complete: still running old pods', [1, 2, 1, 1, 0, 1], false],
    ['not complete: one replica deployment never comes up', [1, 1, 1, 0, 1, 1], false],
  ];
  it.each(cases)('%s', (_n, [desired, current, updated, available, mu, ms], expected) => {
    const d = withStatus(makeDeployment(desired, { maxUnavailable: mu, maxSurge: ms }), { replicas: current, updatedReplicas: updated, availableReplicas: available });
    expect(deploymentComplete(d, d.status ?? {})).toBe(expected);
  });
});

describe('DeploymentProgressing (TestDeploymentProgressing)', () => {
  const cases: Array<[string, number[], number[], boolean]> = [
    ['progressing: updated pods', [10, 4, 4, 4], [10, 6, 4, 4], true],
    ['not progressing', [10, 4, 4, 4], [10, 4, 4, 4], false],
    ['progressing: old pods removed', [10, 4, 6, 6], [8, 4, 6, 6], true],
    ['not progressing: less new pods', [10, 7, 3, 3], [10, 6, 3, 3], false],
    ['progressing: less overall but more new pods', [10, 4, 7, 7], [8, 8, 5, 5], true],
    ['progressing: more ready pods', [10, 10, 9, 8], [10, 10, 10, 8], true],
    ['progressing: more available pods', [10, 10, 10, 9], [10, 10, 10, 10], true],
  ];
  const st = ([replicas, updatedReplicas, readyReplicas, availableReplicas]: number[]): DeploymentStatus => ({ replicas, updatedReplicas, readyReplicas, availableReplicas });
  it.each(cases)('%s', (_n, old, next, expected) => {
    expect(deploymentProgressing(withStatus(makeDeployment(10), st(old)), st(next))).toBe(expected);
  });
});

describe('DeploymentTimedOut (TestDeploymentTimedOut)', () => {
  const at = (min: number, sec: number) => Date.UTC(2016, 0, 1, 0, min, sec);
  const make = (pds: number | undefined, reason: string, from: number) => {
    const d = makeDeployment(1);
    d.spec.progressDeadlineSeconds = pds;
    d.status = { conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: new Date(from).toISOString() }] };
    return d;
  };
  it('follows the deadline', () => {
    expect(deploymentTimedOut(make(undefined, '', at(1, 9)), make(undefined, '', at(1, 9)).status ?? {}, at(1, 20), 1)).toBe(false);
    const inf = make(2147483647, '', at(1, 9));
    expect(deploymentTimedOut(inf, inf.status ?? {}, at(1, 20), 1)).toBe(false);
    const ten = make(10, '', at(1, 9));
    expect(deploymentTimedOut(ten, ten.status ?? {}, at(1, 20), 1)).toBe(true);
    const notYet = make(10, '', at(1, 11));
    expect(deploymentTimedOut(notYet, notYet.status ?? {}, at(1, 20), 1)).toBe(false);
    // Compressed time: 10 cluster seconds at speed 10 is one real second.
    expect(deploymentTimedOut(notYet, notYet.status ?? {}, at(1, 12) + 1, 10)).toBe(true);
    const done = make(10, 'NewReplicaSetAvailable', at(1, 9));
    expect(deploymentTimedOut(done, done.status ?? {}, at(5, 0), 1)).toBe(false);
  });
});

describe('conditions', () => {
  it('keeps lastTransitionTime when the status is unchanged and moves the changed condition last', () => {
    const s: DeploymentStatus = {};
    setCondition(s, newCondition('Progressing', 'True', 'NewReplicaSetCreated', 'm', 't1'));
    setCondition(s, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'm', 't1'));
    setCondition(s, newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'm2', 't2'));
    expect(s.conditions?.map((c) => c.type)).toEqual(['Available', 'Progressing']);
    expect(s.conditions?.[1]).toMatchObject({ reason: 'ReplicaSetUpdated', lastTransitionTime: 't1', lastUpdateTime: 't2' });
    setCondition(s, newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'm3', 't3'));
    expect(s.conditions?.[1].message).toBe('m2');
  });
});

describe('revisions', () => {
  it('renumbers a returning ReplicaSet and records its old revision in revision-history', () => {
    const d = makeDeployment(3);
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'kubectl set image', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const rs = makeReplicaSet('foo-1', 0);
    rs.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
    expect(setNewReplicaSetAnnotations(d, rs, '3', true)).toBe(true);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
      'kubernetes.io/change-cause': 'kubectl set image',
    });
    setNewReplicaSetAnnotations(d, rs, '5', true);
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1,3');
    expect(setNewReplicaSetAnnotations(d, rs, '4', true)).toBe(false);
  });

  it('gives a new ReplicaSet its revision and replica annotations', () => {
    const d = makeDeployment(10, { maxSurge: '25%', maxUnavailable: '25%' });
    const rs = makeReplicaSet('foo-2', 0);
    setNewReplicaSetAnnotations(d, rs, '1', false);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '13',
    });
  });

  it('compares templates ignoring the hash label and empty fields', () => {
    const a = { metadata: { labels: { app: 'x', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'c', image: 'i', resources: {} }] } };
    const b = { metadata: { labels: { app: 'x' }, creationTimestamp: null }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    expect(equalIgnoreHash(a, b)).toBe(true);
    expect(equalIgnoreHash(a, { ...b, spec: { containers: [{ name: 'c', image: 'j' }] } })).toBe(false);
  });
});
