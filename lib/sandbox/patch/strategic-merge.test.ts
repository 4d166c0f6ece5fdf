import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { applyStrategicMergePatch } from './strategic-merge';

const apps = { group: 'apps', kind: 'Deployment' };
const core = (kind: string) => ({ group: '', kind });

function deployment<C>(containers: C[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'myapp', namespace: 'demo', labels: { app: 'myapp' }, annotations: { keep: 'me' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'myapp' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: 'myapp' } }, spec: { containers, ...extra } },
    },
  };
}

const app = { name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 8000, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] };
const side = { name: 'side', image: 'busybox' };

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('applyStrategicMergePatch: kubectl payloads', () => {
  it('kubectl set image: $setElementOrder/containers and a partial container merged by name', () => {
    const live = deployment([app, side]);
    const out = applyStrategicMergePatch(live, {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }], containers: [{ image: 'nginx:1.26', name: 'app' }] } } },
    }, apps);
    expect(out.spec.template.spec.containers).toEqual([{ ...app, image: 'nginx:1.26' }, side]);
    expect(live.spec.template.spec.containers[0].image).toBe('nginx:1.25');
  });

  it('kubectl apply configure: replicas, image and the last-applied annotation', () => {
    const live = deployment([app]);
    const out = applyStrategicMergePatch(live, {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"new":true}\n' } },
      spec: { replicas: 4, template: { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ image: 'nginx:1.25.5', name: 'app' }] } } },
    }, apps);
    expect(out.spec.replicas).toBe(4);
    expect(out.metadata.annotations).toEqual({ keep: 'me', 'kubectl.kubernetes.io/last-applied-configuration': '{"new":true}\n' });
    expect(out.spec.template.spec.containers[0]).toEqual({ ...app, image: 'nginx:1.25.5' });
  });

  it('kubectl apply adding a container: order follows $setElementOrder', () => {
    const out = applyStrategicMergePatch(deployment([app]), {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }], containers: [side] } } },
    }, apps);
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['app', 'side']);
  });

  it('kubectl apply removing a container: $patch delete in the list', () => {
    const out = applyStrategicMergePatch(deployment([app, side]), {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ $patch: 'delete', name: 'side' }] } } },
    }, apps);
    expect(out.spec.template.spec.containers).toEqual([app]);
  });

  it('kubectl apply removing a field: null deletes, nested keys of merged items too', () => {
    const out = applyStrategicMergePatch(deployment([app]), {
      metadata: { labels: { app: null } },
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ name: 'app', env: null }] } } },
    }, apps);
    expect(out.metadata.labels).toEqual({});
    expect(out.spec.template.spec.containers[0]).not.toHaveProperty('env');
  });

  it('kubectl apply switching strategy to Recreate: $retainKeys drops rollingUpdate', () => {
    const out = applyStrategicMergePatch(deployment([app]), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, apps);
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('$retainKeys rejects patch keys not listed (400)', () => {
    const err = thrown(() => applyStrategicMergePatch(deployment([app]), { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, apps));
    expect(err.code).toBe(400);
    expect(err.message).toBe('invalid patch format of retainKeys');
  });

  it('kubectl rollout restart: adds a template annotation', () => {
    const out = applyStrategicMergePatch(deployment([app]), {
      spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-26T18:00:00Z' } } } },
    }, apps);
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'myapp' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-26T18:00:00Z' } });
  });

  it('kubectl rollout pause / resume', () => {
    const paused = applyStrategicMergePatch(deployment([app]), { spec: { paused: true } }, apps);
    expect(paused.spec).toHaveProperty('paused', true);
    expect(applyStrategicMergePatch(paused, { spec: { paused: null } }, apps).spec).not.toHaveProperty('paused');
  });
});

describe('applyStrategicMergePatch: list strategies', () => {
  const cases: Array<{ name: string; live: unknown; patch: unknown; gvk: { group: string; kind: string }; pick: (o: never) => unknown; expected: unknown }> = [
    {
      name: 'new container without $setElementOrder goes first (mergeSortedSlice)',
      live: deployment([app]), patch: { spec: { template: { spec: { containers: [side] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => o.spec.template.spec.containers.map((c) => (c as { name: string }).name), expected: ['side', 'app'],
    },
    {
      name: 'container ports merge by containerPort',
      live: deployment([app]), patch: { spec: { template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 9000 }] }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => (o.spec.template.spec.containers[0] as typeof app).ports, expected: [{ containerPort: 9000 }, { containerPort: 8000, protocol: 'TCP' }],
    },
    {
      name: 'env merges by name and updates in place',
      live: deployment([app]), patch: { spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'A', value: '2' }] }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => (o.spec.template.spec.containers[0] as typeof app).env, expected: [{ name: 'A', value: '2' }],
    },
    {
      name: 'args are atomic (replaced)',
      live: deployment([{ name: 'app', args: ['a', 'b'] }]), patch: { spec: { template: { spec: { containers: [{ name: 'app', args: ['c'] }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => (o.spec.template.spec.containers[0] as { args: string[] }).args, expected: ['c'],
    },
    {
      name: 'tolerations are atomic (replaced)',
      live: deployment([app], { tolerations: [{ key: 'a' }, { key: 'b' }] }), patch: { spec: { template: { spec: { tolerations: [{ key: 'c' }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => (o.spec.template.spec as { tolerations?: unknown }).tolerations, expected: [{ key: 'c' }],
    },
    {
      name: 'volumes merge by name',
      live: deployment([app], { volumes: [{ name: 'a', emptyDir: {} }] }), patch: { spec: { template: { spec: { volumes: [{ name: 'b', configMap: { name: 'cm' } }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => ((o.spec.template.spec as { volumes?: Array<{ name: string }> }).volumes ?? []).map((v) => v.name), expected: ['b', 'a'],
    },
    {
      name: 'volume switch with $retainKeys inside a merged item',
      live: deployment([app], { volumes: [{ name: 'a', emptyDir: {} }] }), patch: { spec: { template: { spec: { volumes: [{ name: 'a', $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' } }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => (o.spec.template.spec as { volumes?: unknown }).volumes, expected: [{ name: 'a', configMap: { name: 'cm' } }],
    },
    {
      name: 'service ports merge by port',
      live: { metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8000, protocol: 'TCP' }] } }, patch: { spec: { ports: [{ port: 80, targetPort: 9000 }] } }, gvk: core('Service'),
      pick: (o: { spec: { ports: unknown } }) => o.spec.ports, expected: [{ port: 80, targetPort: 9000, protocol: 'TCP' }],
    },
    {
      name: 'finalizers merge as a set, interleaved by the live order',
      live: { metadata: { name: 'x', finalizers: ['a', 'b'] } }, patch: { metadata: { finalizers: ['b', 'c'] } }, gvk: core('ConfigMap'),
      pick: (o: { metadata: { finalizers: string[] } }) => o.metadata.finalizers, expected: ['a', 'b', 'c'],
    },
    {
      name: 'finalizers: an unknown-only patch goes first',
      live: { metadata: { name: 'x', finalizers: ['a', 'b'] } }, patch: { metadata: { finalizers: ['c'] } }, gvk: core('ConfigMap'),
      pick: (o: { metadata: { finalizers: string[] } }) => o.metadata.finalizers, expected: ['c', 'a', 'b'],
    },
    {
      name: '$deleteFromPrimitiveList/finalizers',
      live: { metadata: { name: 'x', finalizers: ['a', 'b'] } }, patch: { metadata: { '$setElementOrder/finalizers': ['a'], '$deleteFromPrimitiveList/finalizers': ['b'] } }, gvk: core('ConfigMap'),
      pick: (o: { metadata: { finalizers: string[] } }) => o.metadata.finalizers, expected: ['a'],
    },
    {
      name: '$setElementOrder on a primitive list reorders it',
      live: { metadata: { name: 'x', finalizers: ['a', 'b'] } }, patch: { metadata: { '$setElementOrder/finalizers': ['b', 'a', 'c'], finalizers: ['c'] } }, gvk: core('ConfigMap'),
      pick: (o: { metadata: { finalizers: string[] } }) => o.metadata.finalizers, expected: ['b', 'a', 'c'],
    },
    {
      name: 'kubectl apply removing a port: $patch delete by containerPort',
      live: deployment([app]), patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ name: 'app', '$setElementOrder/ports': [], ports: [{ $patch: 'delete', containerPort: 8000 }] }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => (o.spec.template.spec.containers[0] as typeof app).ports, expected: [],
    },
    {
      name: 'ownerReferences merge by uid',
      live: { metadata: { name: 'x', ownerReferences: [{ uid: '1', name: 'a' }] } }, patch: { metadata: { ownerReferences: [{ uid: '1', controller: true }] } }, gvk: apps,
      pick: (o: { metadata: { ownerReferences: unknown } }) => o.metadata.ownerReferences, expected: [{ uid: '1', name: 'a', controller: true }],
    },
    {
      name: 'pod status conditions merge by type',
      live: { metadata: { name: 'p' }, status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] } },
      patch: { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, gvk: core('Pod'),
      pick: (o: { status: { conditions: unknown } }) => o.status.conditions, expected: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }],
    },
    {
      name: 'ingress rules are atomic',
      live: { metadata: { name: 'i' }, spec: { rules: [{ host: 'a' }, { host: 'b' }] } }, patch: { spec: { rules: [{ host: 'c' }] } }, gvk: { group: 'networking.k8s.io', kind: 'Ingress' },
      pick: (o: { spec: { rules: unknown } }) => o.spec.rules, expected: [{ host: 'c' }],
    },
    {
      name: '$patch: replace on a list',
      live: deployment([app, side]), patch: { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => o.spec.template.spec.containers, expected: [{ name: 'only', image: 'x' }],
    },
    {
      name: '$patch: replace on a map',
      live: deployment([app]), patch: { spec: { selector: { $patch: 'replace', matchLabels: { x: 'y' } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => o.spec.selector, expected: { matchLabels: { x: 'y' } },
    },
    {
      name: '$patch: delete on a map leaves an empty map',
      live: deployment([app]), patch: { spec: { strategy: { $patch: 'delete' } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => o.spec.strategy, expected: {},
    },
    {
      name: 'directives in a list added from scratch are resolved, not stored',
      live: deployment([app]), patch: { spec: { template: { spec: { initContainers: [{ name: 'init', image: 'x', env: [{ name: 'A', value: 'b' }] }], '$setElementOrder/initContainers': [{ name: 'init' }] } } } }, gvk: apps,
      pick: (o: ReturnType<typeof deployment>) => (o.spec.template.spec as { initContainers?: unknown }).initContainers, expected: [{ name: 'init', image: 'x', env: [{ name: 'A', value: 'b' }] }],
    },
    {
      name: 'unknown kinds: lists replaced, maps merged',
      live: { metadata: { name: 'x' }, spec: { items: [1, 2], nested: { a: 1 } } }, patch: { spec: { items: [3], nested: { b: 2 } } }, gvk: { group: 'example.com', kind: 'Widget' },
      pick: (o: { spec: unknown }) => o.spec, expected: { items: [3], nested: { a: 1, b: 2 } },
    },
  ];

  it.each(cases)('$name', ({ live, patch, gvk, pick, expected }) => {
    expect(pick(applyStrategicMergePatch(live, patch, gvk) as never)).toEqual(expected);
  });
});

describe('applyStrategicMergePatch: errors', () => {
  it('a list item without its merge key is a 500 with the upstream text', () => {
    const err = thrown(() => applyStrategicMergePatch(deployment([app]), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, apps));
    expect(err.code).toBe(500);
    expect(err.message).toBe('map: map[image:x] does not contain declared merge key: name');
  });

  it('a non-object body is a 400', () => {
    const err = thrown(() => applyStrategicMergePatch(deployment([app]), [], apps));
    expect(err.code).toBe(400);
    expect(err.message).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
  });

  it('$setElementOrder inconsistent with the patch list is rejected', () => {
    const err = thrown(() => applyStrategicMergePatch(deployment([app, side]), {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ name: 'side', image: 'y' }] } } },
    }, apps));
    expect(err.code).toBe(500);
    expect(err.message).toContain("doesn't match $setElementOrder list");
  });

  it('an unknown $patch directive is rejected', () => {
    const err = thrown(() => applyStrategicMergePatch(deployment([app]), { spec: { $patch: 'explode' } }, apps));
    expect(err.message).toContain('Unknown patch type: explode');
  });
});
