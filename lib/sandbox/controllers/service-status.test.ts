import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxApi } from '../api';
import { createClock } from '../clock';
import type { KObject, SandboxApi } from '../types';
import { allocateLoadBalancerIP, startServiceStatusController } from './service-status';
import { INGRESS_ADDRESS, startIngressController } from './ingress';

async function until<T>(fn: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const lbIngress = (o: KObject | undefined) => ((o?.status ?? {}) as { loadBalancer?: { ingress?: Array<{ ip: string; ipMode?: string }> } }).loadBalancer?.ingress;

describe('load balancer addresses', () => {
  it('allocates the lowest free pool address or the requested one', () => {
    expect(allocateLoadBalancerIP(new Set())).toBe('172.18.255.201');
    expect(allocateLoadBalancerIP(new Set(['172.18.255.201']))).toBe('172.18.255.202');
    expect(allocateLoadBalancerIP(new Set(), '172.18.255.240')).toBe('172.18.255.240');
    expect(allocateLoadBalancerIP(new Set(['172.18.255.240']), '172.18.255.240')).toBeUndefined();
    expect(allocateLoadBalancerIP(new Set(), '10.0.0.1')).toBeUndefined();
  });
});

describe('service status and ingress controllers', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  function setup(): SandboxApi {
    const api = createSandboxApi({ clock: createClock(20) });
    const a = startServiceStatusController(api);
    const b = startIngressController(api);
    stop = () => {
      a.stop();
      b.stop();
      api.clock.stopAll();
    };
    return api;
  }

  const svc = (name: string, type: string): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type, selector: { app: name }, ports: [{ port: 80 }] } });

  it('publishes distinct LB addresses after a delay, none for other types, and clears on type change', async () => {
    const api = setup();
    const t0 = Date.now();
    api.create('core/services', svc('a', 'LoadBalancer'));
    api.create('core/services', svc('b', 'LoadBalancer'));
    api.create('core/services', svc('c', 'NodePort'));
    const a = await until(() => lbIngress(api.get('core/services', 'default', 'a')), 'a address');
    const b = await until(() => lbIngress(api.get('core/services', 'default', 'b')), 'b address');
    // 2 s of cluster time at speed 20 is 100 ms.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect([a[0].ip, b[0].ip].sort()).toEqual(['172.18.255.201', '172.18.255.202']);
    expect(a[0].ipMode).toBe('VIP');
    expect(lbIngress(api.get('core/services', 'default', 'c'))).toBeUndefined();
    const events = api.list('core/events', { namespace: 'default' }).filter((e) => (e.involvedObject as { name: string }).name === 'a').map((e) => e.reason);
    expect(events).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);

    const cur = api.get('core/services', 'default', 'a') as KObject;
    const { externalTrafficPolicy: _e, allocateLoadBalancerNodePorts: _a, ...spec } = cur.spec as Record<string, unknown>;
    const ports = (spec.ports as Array<Record<string, unknown>>).map(({ nodePort: _n, ...p }) => p);
    api.update('core/services', { ...cur, spec: { ...spec, ports, type: 'ClusterIP' } });
    await until(() => !lbIngress(api.get('core/services', 'default', 'a'))?.length, 'cleared');
  });

  it('gives every Ingress the ingress controller address', async () => {
    const api = setup();
    api.create('networking.k8s.io/ingresses', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'default' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
    const ing = await until(() => lbIngress(api.get('networking.k8s.io/ingresses', 'default', 'web')), 'ingress address');
    expect(ing).toEqual([{ ip: INGRESS_ADDRESS }]);
    expect(api.list('core/events', { namespace: 'default' }).map((e) => `${e.reason} ${e.message}`)).toContain('Sync Scheduled for sync');
  });
});
