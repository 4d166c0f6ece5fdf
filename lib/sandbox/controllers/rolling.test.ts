// Cases replicate upstream's rolling_test.go and sync_test.go (TestScale) tables.
import { describe, expect, it } from 'vitest';
import { maxSurge } from './deployment-util';
import type { IntOrString } from './objects';
import { cleanupUnhealthyReplicas, planNewReplicaSet, planOldReplicaSets, planScale, scaleDownOldForRollingUpdate } from './rolling';
import { makeDeployment, makeReplicaSet } from './test-fixtures';

describe('reconcileNewReplicaSet', () => {
  const cases: Array<[number, number, number, number, number | undefined]> = [
    [10, 0, 10, 0, undefined],
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, undefined],
    [10, 2, 2, 11, 10],
  ];
  it.each(cases)('replicas %i surge %i old %i new %i → %s', (replicas, surge, oldReplicas, newReplicas, expected) => {
    const d = makeDeployment(replicas, { maxSurge: surge, maxUnavailable: 0 });
    const newRS = makeReplicaSet('foo-v2', newReplicas);
    const oldRS = makeReplicaSet('foo-v1', oldReplicas);
    expect(planNewReplicaSet([newRS, oldRS], newRS, d)).toBe(expected);
  });
});

describe('reconcileOldReplicaSets', () => {
  const cases: Array<[number, number, number, number, number, number, number | undefined]> = [
    [10, 0, 10, 0, 10, 0, 9],
    [10, 2, 10, 0, 10, 0, 8],
    [10, 2, 10, 0, 8, 0, 8],
    [10, 2, 10, 0, 9, 0, 8],
    [10, 2, 8, 2, 8, 0, undefined],
  ];
  it.each(cases)('replicas %i maxUnavailable %i old %i new %i readyOld %i readyNew %i → %s', (replicas, mu, oldR, newR, readyOld, readyNew, expected) => {
    const d = makeDeployment(replicas, { maxSurge: 0, maxUnavailable: mu });
    const newRS = makeReplicaSet('foo-new', newR, { available: readyNew });
    const oldRS = makeReplicaSet('foo-old', oldR, { available: readyOld, age: 1 });
    const steps = planOldReplicaSets([oldRS, newRS], [oldRS], newRS, d);
    if (expected === undefined) expect(steps).toEqual([]);
    else expect(steps.at(-1)?.to).toBe(expected);
  });

  it('cleans up unhealthy replicas first, then scales down available ones', () => {
    const d = makeDeployment(10, { maxSurge: 0, maxUnavailable: 2 });
    const newRS = makeReplicaSet('foo-new', 0);
    const oldRS = makeReplicaSet('foo-old', 10, { available: 9, age: 1 });
    expect(planOldReplicaSets([oldRS, newRS], [oldRS], newRS, d)).toEqual([
      { name: 'foo-old', from: 10, to: 9 },
      { name: 'foo-old', from: 9, to: 8 },
    ]);
  });
});

describe('cleanupUnhealthyReplicas', () => {
  const cases: Array<[number, number, number, number]> = [
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ];
  it.each(cases)('old %i ready %i maxCleanup %i → %i', (oldReplicas, ready, maxCleanup, expected) => {
    const steps = cleanupUnhealthyReplicas([makeReplicaSet('foo-v2', oldReplicas, { available: ready })], maxCleanup);
    expect(steps.reduce((n, s) => n + s.from - s.to, 0)).toBe(expected);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate', () => {
  const cases: Array<[number, number, number, number, number | undefined]> = [
    [10, 0, 10, 10, 9],
    [10, 2, 10, 10, 8],
    [10, 2, 8, 10, undefined],
    [10, 2, 10, 0, undefined],
    [10, 2, 1, 10, undefined],
  ];
  it.each(cases)('replicas %i maxUnavailable %i ready %i old %i → %s', (replicas, mu, ready, oldReplicas, expected) => {
    const d = makeDeployment(replicas, { maxSurge: 0, maxUnavailable: mu });
    const oldRS = makeReplicaSet('foo-v2', oldReplicas, { available: ready });
    const steps = scaleDownOldForRollingUpdate([oldRS], [oldRS], d);
    if (expected === undefined) expect(steps).toEqual([]);
    else expect(steps).toEqual([{ name: 'foo-v2', from: oldReplicas, to: expected }]);
  });
});

describe('proportional scaling (TestScale)', () => {
  interface Case {
    name: string;
    replicas: number;
    oldReplicas: number;
    surge?: IntOrString;
    oldSurge?: IntOrString;
    maxUnavailable?: IntOrString;
    newRS?: [number, number?];
    olds: number[];
    expectedNew?: number;
    expectedOld: number[];
  }
  const cases: Case[] = [
    { name: 'normal scaling event: 10 -> 12', replicas: 12, oldReplicas: 10, newRS: [10], olds: [], expectedNew: 12, expectedOld: [] },
    { name: 'normal scaling event: 10 -> 5', replicas: 5, oldReplicas: 10, newRS: [10], olds: [], expectedNew: 5, expectedOld: [] },
    { name: 'proportional scaling: 5 -> 10', replicas: 10, oldReplicas: 5, newRS: [2], olds: [3], expectedNew: 4, expectedOld: [6] },
    { name: 'proportional scaling: 5 -> 3', replicas: 3, oldReplicas: 5, newRS: [2], olds: [3], expectedNew: 1, expectedOld: [2] },
    { name: 'proportional scaling: 9 -> 4', replicas: 4, oldReplicas: 9, newRS: [8], olds: [1], expectedNew: 4, expectedOld: [0] },
    { name: 'proportional scaling: 7 -> 10', replicas: 10, oldReplicas: 7, newRS: [2], olds: [3, 2], expectedNew: 3, expectedOld: [4, 3] },
    { name: 'proportional scaling: 13 -> 8', replicas: 8, oldReplicas: 13, newRS: [2], olds: [8, 3], expectedNew: 1, expectedOld: [5, 2] },
    { name: 'leftover distribution: 3 -> 4', replicas: 4, oldReplicas: 3, newRS: [1], olds: [1, 1], expectedNew: 2, expectedOld: [1, 1] },
    { name: 'leftover distribution: 3 -> 2', replicas: 2, oldReplicas: 3, newRS: [1], olds: [1, 1], expectedNew: 1, expectedOld: [1, 0] },
    { name: 'proportional scaling (no new rs): 4 -> 5', replicas: 5, oldReplicas: 4, olds: [2, 2], expectedOld: [3, 2] },
    { name: 'proportional scaling: 6 -> 0', replicas: 0, oldReplicas: 6, newRS: [3], olds: [2, 1], expectedNew: 0, expectedOld: [0, 0] },
    { name: 'proportional scaling: 0 -> 6', replicas: 6, oldReplicas: 6, newRS: [0], olds: [0, 0], expectedNew: 6, expectedOld: [0, 0] },
    { name: 'deployment with surge pods', replicas: 20, oldReplicas: 10, surge: 2, oldSurge: 2, newRS: [6], olds: [6], expectedNew: 11, expectedOld: [11] },
    { name: 'change both surge and size', replicas: 50, oldReplicas: 10, surge: 6, oldSurge: 3, newRS: [5], olds: [8], expectedNew: 22, expectedOld: [34] },
    { name: 'change both size and template', replicas: 14, oldReplicas: 10, olds: [7, 3], expectedOld: [10, 4] },
    { name: 'saturated but broken new replica set does not affect old pods', replicas: 2, oldReplicas: 2, surge: 1, oldSurge: 1, maxUnavailable: 1, newRS: [2, 0], olds: [1], expectedNew: 2, expectedOld: [1] },
  ];
  it.each(cases)('$name', (c) => {
    const d = makeDeployment(c.replicas, { maxSurge: c.surge ?? 0, maxUnavailable: c.maxUnavailable ?? 0 });
    const oldD = makeDeployment(c.oldReplicas, { maxSurge: c.oldSurge ?? 0, maxUnavailable: c.maxUnavailable ?? 0 });
    const annotate = { desired: c.oldReplicas, max: c.oldReplicas + maxSurge(oldD) };
    const newRS = c.newRS ? makeReplicaSet('foo-new', c.newRS[0], { available: c.newRS[1], age: 0, ...annotate }) : undefined;
    const olds = c.olds.map((n, i) => makeReplicaSet(`foo-old${i}`, n, { age: i + 1, ...annotate }));
    const sizes = new Map<string, number>();
    for (const rs of [newRS, ...olds]) if (rs) sizes.set(rs.metadata.name ?? '', rs.spec.replicas ?? 0);
    for (const step of planScale(d, newRS, olds, 0)) sizes.set(step.rs.metadata.name ?? '', step.to);
    if (newRS) expect(sizes.get('foo-new')).toBe(c.expectedNew);
    expect(olds.map((rs) => sizes.get(rs.metadata.name ?? ''))).toEqual(c.expectedOld);
  });
});
