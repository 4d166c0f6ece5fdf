// A stand-in cloud/MetalLB load-balancer controller: LoadBalancer Services get
// status.loadBalancer.ingress [{ip, ipMode: VIP}] from 172.18.255.201–250 (lowest free, or the requested
// spec.loadBalancerIP when it is in the pool and free) after a short provisioning delay; other types
// keep an empty status. 172.18.255.200 is the sandbox ingress controller's own address (ingress.ts).
import type { KObject, SandboxApi, StoreEvent } from '../types';
import { keyOf, splitKey } from './objects';
import { createWorkQueue } from './work-queue';

export const LB_POOL_PREFIX = '172.18.255.';
export const LB_POOL_FIRST = 201;
export const LB_POOL_LAST = 250;
/** Cluster seconds between a LoadBalancer Service appearing and its address being published. */
const PROVISION_DELAY_SECONDS = 2;
const COMPONENT = 'service-controller';
const MANAGER = { fieldManager: 'kube-controller-manager' };

interface LbStatus {
  loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string; ipMode?: string }> };
}

const ingressOf = (svc: KObject) => ((svc.status ?? {}) as LbStatus).loadBalancer?.ingress ?? [];
const typeOf = (svc: KObject) => (svc.spec as { type?: string } | undefined)?.type ?? 'ClusterIP';

/** Lowest free pool address, or the requested one when it is in the pool and free. */
export function allocateLoadBalancerIP(used: Set<string>, requested?: string): string | undefined {
  if (requested) {
    const n = requested.startsWith(LB_POOL_PREFIX) ? Number(requested.slice(LB_POOL_PREFIX.length)) : NaN;
    return n >= LB_POOL_FIRST && n <= LB_POOL_LAST && !used.has(requested) ? requested : undefined;
  }
  for (let i = LB_POOL_FIRST; i <= LB_POOL_LAST; i++) {
    const ip = `${LB_POOL_PREFIX}${i}`;
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

export function startServiceStatusController(api: SandboxApi): { stop(): void } {
  /** Key → cluster time at which the address may be published. */
  const ensuring = new Map<string, number>();
  const now = () => api.clock.secondsSince(0);

  const sync = (key: string) => {
    const [ns, name] = splitKey(key);
    const svc = api.get('core/services', ns, name);
    if (!svc || svc.metadata.deletionTimestamp) {
      ensuring.delete(key);
      return;
    }
    if (typeOf(svc) !== 'LoadBalancer') {
      ensuring.delete(key);
      if (ingressOf(svc).length) {
        api.recordEvent(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer', COMPONENT);
        api.updateStatus('core/services', { ...svc, status: { ...((svc.status ?? {}) as object), loadBalancer: {} } }, MANAGER);
        api.recordEvent(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer', COMPONENT);
      }
      return;
    }
    if (ingressOf(svc).length) return;
    const due = ensuring.get(key);
    if (due === undefined) {
      ensuring.set(key, now() + PROVISION_DELAY_SECONDS);
      api.recordEvent(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', COMPONENT);
      queue.addAfter(key, PROVISION_DELAY_SECONDS);
      return;
    }
    if (now() < due) {
      queue.addAfter(key, due - now());
      return;
    }
    const used = new Set<string>();
    for (const other of api.list('core/services')) for (const i of ingressOf(other)) if (i.ip) used.add(i.ip);
    const requested = (svc.spec as { loadBalancerIP?: string }).loadBalancerIP || undefined;
    const ip = allocateLoadBalancerIP(used, requested);
    if (!ip) {
      api.recordEvent(svc, 'Warning', 'AllocationFailed', `Failed to allocate IP for "${ns}/${name}": ${requested ? `"${requested}" is not allowed in config` : 'no available IPs'}`, COMPONENT);
      return;
    }
    ensuring.delete(key);
    api.updateStatus('core/services', { ...svc, status: { ...((svc.status ?? {}) as object), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } }, MANAGER);
    api.recordEvent(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', COMPONENT);
  };

  const queue = createWorkQueue(api.clock, sync, 'service-lb');
  const unsubscribe = api.subscribe((e: StoreEvent) => {
    if (e.resource !== 'core/services') return;
    if (e.type === 'DELETED') {
      ensuring.delete(keyOf(e.object));
      return;
    }
    if (typeOf(e.object) === 'LoadBalancer' || ingressOf(e.object).length) queue.add(keyOf(e.object));
  });
  for (const svc of api.list('core/services')) queue.add(keyOf(svc));
  return {
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}
