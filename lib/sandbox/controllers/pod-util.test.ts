import { describe, expect, it } from 'vitest';
import type { Pod } from './objects';
import { sortPodsForDeletion } from './pod-util';

function pod(name: string, opts: { node?: string; phase?: string; ready?: boolean; restarts?: number; created?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, uid: name, creationTimestamp: opts.created ?? '2026-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'c' }], nodeName: opts.node },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
      containerStatuses: [{ name: 'c', restartCount: opts.restarts ?? 0, ready: opts.ready !== false, image: '', imageID: '', started: true, state: {}, lastState: {} }],
    },
  };
}

describe('deletion order (ActivePodsWithRanks)', () => {
  it('prefers unscheduled, pending, not ready, crowded nodes, restarts, then newer pods', () => {
    const pods = [
      pod('old-ready', { node: 'n1', created: '2026-01-01T00:00:00Z' }),
      pod('new-ready', { node: 'n2', created: '2026-01-01T00:05:00Z' }),
      pod('restarting', { node: 'n3', restarts: 4 }),
      pod('not-ready', { node: 'n4', ready: false }),
      pod('pending', { node: 'n5', phase: 'Pending', ready: false }),
      pod('unscheduled', { phase: 'Pending', ready: false }),
    ];
    expect(sortPodsForDeletion(pods, () => 0).map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending', 'not-ready', 'restarting', 'new-ready', 'old-ready']);
  });

  it('honours pod-deletion-cost and counts related pods of sibling ReplicaSets per node', () => {
    const a = pod('a', { node: 'n1' });
    const b = pod('b', { node: 'n2' });
    const sibling = pod('sibling', { node: 'n2' });
    expect(sortPodsForDeletion([a, b], () => 0, [a, b, sibling]).map((p) => p.metadata.name)).toEqual(['b', 'a']);
    b.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '100' };
    expect(sortPodsForDeletion([a, b], () => 0, [a, b, sibling]).map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });

  it('takes a pod from the most crowded node first, and the one ready for less time', () => {
    const pods = [pod('alone', { node: 'n1' }), pod('crowd-a', { node: 'n2' }), pod('crowd-b', { node: 'n2' })];
    const readySince = (p: Pod) => (p.metadata.name === 'crowd-b' ? 2000 : 1000);
    expect(sortPodsForDeletion(pods, readySince).map((p) => p.metadata.name)).toEqual(['crowd-b', 'crowd-a', 'alone']);
  });
});
