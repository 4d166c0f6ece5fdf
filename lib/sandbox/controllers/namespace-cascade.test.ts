// Namespace termination (done by the API machinery) with every controller running: nothing the
// services, autoscaling and storage controllers write may keep a deleted namespace alive or come back.
import { afterEach, expect, it } from 'vitest';
import { createSandboxApi } from '../api';
import { createClock } from '../clock';
import type { SandboxApi } from '../types';
import { startControllers } from './index';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

async function until<T>(fn: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const KINDS = ['core/pods', 'core/endpoints', 'discovery.k8s.io/endpointslices', 'core/persistentvolumeclaims', 'autoscaling/horizontalpodautoscalers', 'core/services', 'apps/replicasets', 'networking.k8s.io/ingresses'];

it('deleting a namespace removes workloads, services, endpoints, HPAs and claims, and reclaims provisioned volumes', async () => {
  const clock = createClock(60);
  const api: SandboxApi = createSandboxApi({ clock });
  const controllers = startControllers(api);
  stop = () => {
    controllers.stop();
    clock.stopAll();
  };
  api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  api.create('apps/deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } } } });
  api.create('core/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'team' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] } });
  api.create('core/persistentvolumeclaims', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'team' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
  api.create('autoscaling/horizontalpodautoscalers', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'team' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3 } });
  api.create('networking.k8s.io/ingresses', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'team' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } });

  await until(() => ((api.get('core/endpoints', 'team', 'web')?.subsets as Array<{ addresses?: unknown[] }> | undefined)?.[0]?.addresses?.length ?? 0) === 2, 'endpoints with two pods');
  const pvName = await until(() => api.list('core/persistentvolumes').find((p) => (p.status as { phase?: string }).phase === 'Bound')?.metadata.name, 'provisioned volume bound');

  api.delete('core/namespaces', undefined, 'team');
  await until(() => !api.get('core/namespaces', undefined, 'team'), 'namespace removed');
  for (const k of KINDS) expect(api.list(k, { namespace: 'team' }), k).toEqual([]);
  await until(() => !api.get('core/persistentvolumes', undefined, pvName), 'provisioned volume reclaimed');
  // Nothing is recreated once the namespace is gone (controllers get 403/404 and stop).
  const rv = api.list('core/namespaces').map((n) => n.metadata.resourceVersion).join();
  await new Promise((r) => setTimeout(r, 300));
  for (const k of KINDS) expect(api.list(k, { namespace: 'team' }), k).toEqual([]);
  expect(api.list('core/namespaces').map((n) => n.metadata.resourceVersion).join()).toBe(rv);
});
