import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxApi } from '../api';
import { createClock } from '../clock';
import type { KObject, SandboxApi } from '../types';
import { computeEndpointSubsets, computeSliceGroups, findPort, shouldPodBeInEndpoints } from './endpoints-compute';
import { startEndpointsController } from './endpoints';
import type { Pod } from './objects';

function pod(name: string, o: { ip?: string; ready?: boolean; deleting?: boolean; labels?: Record<string, string>; ports?: Array<{ name?: string; containerPort: number }>; phase?: string; restartPolicy?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { nodeName: 'sandbox-node-1', restartPolicy: o.restartPolicy, containers: [{ name: 'c', ports: o.ports ?? [{ name: 'http', containerPort: 8080 }] }] },
    status: {
      phase: o.phase ?? 'Running',
      podIP: o.ip,
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  };
}

describe('endpoints computation', () => {
  it('puts ready pods in addresses, unready ones in notReadyAddresses, skips pods without an IP', () => {
    const subsets = computeEndpointSubsets({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }, [
      pod('b', { ip: '10.244.1.3' }),
      pod('a', { ip: '10.244.0.9', ready: false }),
      pod('c', { ip: '10.244.0.12' }),
      pod('d', {}),
    ]);
    expect(subsets).toEqual([{
      addresses: [
        { ip: '10.244.0.12', nodeName: 'sandbox-node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } },
        { ip: '10.244.1.3', nodeName: 'sandbox-node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } },
      ],
      notReadyAddresses: [{ ip: '10.244.0.9', nodeName: 'sandbox-node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
  });

  it('resolves named target ports per pod and drops pods lacking the name', () => {
    const spec = { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] };
    expect(findPort(pod('a', { ip: '1.1.1.1' }), spec.ports[0])).toBe(8080);
    expect(findPort(pod('a', { ip: '1.1.1.1', ports: [{ name: 'other', containerPort: 1 }] }), spec.ports[0])).toBeUndefined();
    const subsets = computeEndpointSubsets(spec, [pod('a', { ip: '10.0.0.1' }), pod('b', { ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 9090 }] }), pod('c', { ip: '10.0.0.3', ports: [] })]);
    expect(subsets.map((s) => [s.addresses?.map((a) => a.ip), s.ports])).toEqual([
      [['10.0.0.1'], [{ name: 'web', port: 8080, protocol: 'TCP' }]],
      [['10.0.0.2'], [{ name: 'web', port: 9090, protocol: 'TCP' }]],
    ]);
  });

  it('repacks ports shared by the same pods into one subset', () => {
    const spec = { selector: { app: 'web' }, ports: [{ name: 'a', port: 80, targetPort: 80, protocol: 'TCP' }, { name: 'b', port: 443, targetPort: 443, protocol: 'TCP' }] };
    const subsets = computeEndpointSubsets(spec, [pod('x', { ip: '10.0.0.1' })]);
    expect(subsets).toHaveLength(1);
    expect(subsets[0].ports?.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('lists headless services without ports, and terminal pods never', () => {
    expect(computeEndpointSubsets({ clusterIP: 'None', selector: { app: 'web' } }, [pod('a', { ip: '10.0.0.1' })])).toEqual([
      { addresses: [{ ip: '10.0.0.1', nodeName: 'sandbox-node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } }] },
    ]);
    expect(shouldPodBeInEndpoints(pod('a', { ip: '1.1.1.1', phase: 'Succeeded', restartPolicy: 'Never' }), false)).toBe(false);
    expect(shouldPodBeInEndpoints(pod('a', { ip: '1.1.1.1', deleting: true }), false)).toBe(false);
  });

  it('gives slices ready/serving/terminating conditions, keeping terminating pods', () => {
    const groups = computeSliceGroups({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }, [
      pod('a', { ip: '10.0.0.1' }),
      pod('b', { ip: '10.0.0.2', deleting: true }),
      pod('c', { ip: '10.0.0.3', ready: false }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(groups[0].endpoints.map((e) => [e.addresses[0], e.conditions])).toEqual([
      ['10.0.0.1', { ready: true, serving: true, terminating: false }],
      ['10.0.0.2', { ready: false, serving: true, terminating: true }],
      ['10.0.0.3', { ready: false, serving: false, terminating: false }],
    ]);
  });
});

async function until<T>(fn: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('endpoints controller', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  function setup(): SandboxApi {
    const api = createSandboxApi({ clock: createClock(50) });
    const c = startEndpointsController(api);
    stop = () => {
      c.stop();
      api.clock.stopAll();
    };
    return api;
  }

  function runPod(api: SandboxApi, name: string, ip: string, ready: boolean): KObject {
    const created = api.create('core/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: 'sandbox-node-1', containers: [{ name: 'c', image: 'nginx' }] } });
    return api.updateStatus('core/pods', {
      ...created,
      status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
    });
  }

  it('keeps Endpoints and one EndpointSlice in step with the selected pods', async () => {
    const api = setup();
    api.create('core/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
    const placeholder = await until(() => api.list('discovery.k8s.io/endpointslices', { namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' })[0], 'placeholder slice');
    expect(placeholder.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(placeholder.metadata.labels).toEqual({ app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(placeholder.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true });
    const empty = await until(() => api.get('core/endpoints', 'default', 'web'), 'endpoints');
    expect(empty.subsets).toBeUndefined();

    runPod(api, 'web-1', '10.244.0.5', true);
    runPod(api, 'web-2', '10.244.1.6', false);
    const ep = await until(() => {
      const e = api.get('core/endpoints', 'default', 'web');
      return (e?.subsets as unknown[] | undefined)?.length ? e : undefined;
    }, 'endpoints with pods');
    expect(ep.subsets).toEqual([{
      addresses: [{ ip: '10.244.0.5', nodeName: 'sandbox-node-1', targetRef: expect.objectContaining({ kind: 'Pod', name: 'web-1' }) }],
      notReadyAddresses: [{ ip: '10.244.1.6', nodeName: 'sandbox-node-1', targetRef: expect.objectContaining({ kind: 'Pod', name: 'web-2' }) }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    const slices = await until(() => {
      const s = api.list('discovery.k8s.io/endpointslices', { namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' });
      return (s[0]?.endpoints as unknown[] | null)?.length === 2 ? s : undefined;
    }, 'slice endpoints');
    expect(slices).toHaveLength(1);
    expect(slices[0].metadata.name).toBe(placeholder.metadata.name);

    const rv = api.get('core/endpoints', 'default', 'web')?.metadata.resourceVersion;
    api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'noise', namespace: 'default' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(api.get('core/endpoints', 'default', 'web')?.metadata.resourceVersion).toBe(rv);

    api.delete('core/services', 'default', 'web');
    await until(() => !api.get('core/endpoints', 'default', 'web'), 'endpoints removal');
    await until(() => api.list('discovery.k8s.io/endpointslices', { namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' }).length === 0, 'slice removal');
  });

  it('publishes the apiserver endpoint for the kubernetes service', async () => {
    const api = setup();
    const ep = await until(() => api.get('core/endpoints', 'default', 'kubernetes'), 'kubernetes endpoints');
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const slice = await until(() => api.get('discovery.k8s.io/endpointslices', 'default', 'kubernetes'), 'kubernetes slice');
    expect(slice.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
  });
});
