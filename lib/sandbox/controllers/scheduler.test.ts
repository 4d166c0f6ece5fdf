import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import type { Pod } from './objects';
import { fitNodes, pickNode, toSchedNodes } from './scheduler';

const node = (name: string, extra: { unschedulable?: boolean; zone?: string } = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.zone ? { 'topology.kubernetes.io/zone': extra.zone } : {}) } },
  spec: { podCIDR: '10.244.0.0/24', unschedulable: extra.unschedulable },
  status: { addresses: [{ type: 'InternalIP', address: `172.18.0.${name.slice(-1)}` }] },
});
const nodes = toSchedNodes([node('n3', { zone: 'b' }), node('n1', { zone: 'a' }), node('n2', { unschedulable: true, zone: 'a' })]);
const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], ...spec } });

describe('scheduler', () => {
  it('reads nodes in name order with their addresses', () => {
    expect(nodes.map((n) => [n.name, n.hostIP, n.unschedulable])).toEqual([
      ['n1', '172.18.0.1', false],
      ['n2', '172.18.0.2', true],
      ['n3', '172.18.0.3', false],
    ]);
  });

  it('skips unschedulable nodes and honours nodeSelector and node affinity', () => {
    expect(fitNodes(pod(), nodes).fit.map((n) => n.name)).toEqual(['n1', 'n3']);
    expect(fitNodes(pod({ nodeSelector: { 'topology.kubernetes.io/zone': 'b' } }), nodes).fit.map((n) => n.name)).toEqual(['n3']);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } };
    expect(fitNodes(pod({ affinity }), nodes).fit.map((n) => n.name)).toEqual(['n1']);
  });

  it('lets pods that tolerate the unschedulable taint (daemons) onto cordoned nodes', () => {
    const tolerations = [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }];
    expect(fitNodes(pod({ tolerations }), nodes).fit.map((n) => n.name)).toEqual(['n1', 'n2', 'n3']);
  });

  it('explains why nothing fits as the FitError does', () => {
    expect(fitNodes(pod({ nodeSelector: { disktype: 'ssd' } }), nodes).message).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('picks the least loaded node', () => {
    const fit = fitNodes(pod(), nodes).fit;
    expect(pickNode(fit, new Map([['n1', 2], ['n3', 1]])).name).toBe('n3');
    expect(pickNode(fit, new Map()).name).toBe('n1');
  });
});
