// The sandbox's ingress controller: like ingress-nginx behind a LoadBalancer Service, it publishes its
// own address, 172.18.255.200, in status.loadBalancer.ingress of every Ingress (whatever its class)
// shortly after admission, and records a `Sync` event each time it picks up a change.
import type { KObject, SandboxApi, StoreEvent } from '../types';
import { keyOf, splitKey } from './objects';
import { createWorkQueue } from './work-queue';

export const INGRESS_ADDRESS = '172.18.255.200';
const SYNC_DELAY_SECONDS = 1;
const COMPONENT = 'sandbox-ingress-controller';

const addressOf = (ing: KObject) =>
  ((ing.status ?? {}) as { loadBalancer?: { ingress?: Array<{ ip?: string }> } }).loadBalancer?.ingress ?? [];

export function startIngressController(api: SandboxApi): { stop(): void } {
  const changed = new Set<string>();
  const sync = (key: string) => {
    const [ns, name] = splitKey(key);
    const ing = api.get('networking.k8s.io/ingresses', ns, name);
    if (!ing || ing.metadata.deletionTimestamp) return;
    if (changed.delete(key)) api.recordEvent(ing, 'Normal', 'Sync', 'Scheduled for sync', COMPONENT);
    const current = addressOf(ing);
    if (current.length === 1 && current[0].ip === INGRESS_ADDRESS) return;
    api.updateStatus('networking.k8s.io/ingresses', { ...ing, status: { loadBalancer: { ingress: [{ ip: INGRESS_ADDRESS }] } } }, { fieldManager: COMPONENT });
  };
  const queue = createWorkQueue(api.clock, sync, 'ingress');
  const unsubscribe = api.subscribe((e: StoreEvent) => {
    if (e.resource !== 'networking.k8s.io/ingresses' || e.type === 'DELETED') return;
    if (e.type === 'MODIFIED' && (e.old?.metadata.generation ?? 0) === (e.object.metadata.generation ?? 0)) {
      if (addressOf(e.object).length) return;
    } else {
      changed.add(keyOf(e.object));
    }
    queue.addAfter(keyOf(e.object), SYNC_DELAY_SECONDS);
  });
  for (const ing of api.list('networking.k8s.io/ingresses')) queue.add(keyOf(ing));
  return {
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}
