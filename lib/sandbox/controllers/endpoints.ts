// The endpoints and endpointslice controllers: Endpoints (same name as the Service) and
// discovery.k8s.io/v1 EndpointSlices (`<svc>-xxxxx`) following the pods each selector Service matches,
// plus the apiserver-owned `kubernetes` endpoints in default. Writes happen only when content changed.
import type { KObject, SandboxApi, StoreEvent } from '../types';
import { ApiError } from '../errors';
import { formatLabelSelector } from '../selectors';
import { keyOf, splitKey, type Pod } from './objects';
import { createWorkQueue } from './work-queue';
import {
  computeEndpointSubsets,
  computeSliceGroups,
  formatRfc3339Nano,
  isHeadless,
  type ServiceSpec,
  type SliceGroup,
} from './endpoints-compute';

const MANAGER = { fieldManager: 'kube-controller-manager' };
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
/** The apiserver's advertise address and port: the first node's InternalIP, as on a kind control plane. */
const APISERVER_IP = '172.18.0.2';
const APISERVER_PORT = 6443;

function specOf(svc: KObject): ServiceSpec {
  return (svc.spec ?? {}) as ServiceSpec;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function ignoreNotFound(fn: () => void) {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 404)) throw err;
  }
}

function isForbiddenByTermination(err: unknown): boolean {
  return err instanceof ApiError && err.code === 403;
}

function desiredEndpointsLabels(svc: KObject): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (isHeadless(specOf(svc))) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}

function desiredSliceLabels(svc: KObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL) labels[k] = v;
  }
  labels[SERVICE_NAME_LABEL] = String(svc.metadata.name);
  labels[MANAGED_BY_LABEL] = MANAGED_BY;
  if (isHeadless(specOf(svc))) labels[HEADLESS_LABEL] = '';
  return labels;
}

function syncEndpointsObject(api: SandboxApi, svc: KObject, subsets: unknown[] | undefined, labels: Record<string, string>, withTrigger: boolean) {
  const ns = svc.metadata.namespace;
  const name = String(svc.metadata.name);
  const current = api.get('core/endpoints', ns, name);
  const wantSubsets = subsets && subsets.length ? subsets : undefined;
  if (current && same(current.subsets, wantSubsets) && same(current.metadata.labels ?? {}, labels)) return;
  const annotations = { ...(current?.metadata.annotations ?? {}) };
  if (withTrigger) annotations[TRIGGER_TIME] = formatRfc3339Nano(api.clock.now());
  const obj: KObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { ...(current?.metadata ?? {}), name, namespace: ns, labels, annotations },
  };
  if (!Object.keys(annotations).length) delete obj.metadata.annotations;
  if (wantSubsets) obj.subsets = wantSubsets;
  if (current) api.update('core/endpoints', obj, MANAGER);
  else api.create('core/endpoints', obj, MANAGER);
}

function sliceContent(group: SliceGroup | undefined) {
  return { ports: group ? group.ports : null, endpoints: group ? group.endpoints : null };
}

function syncSlices(api: SandboxApi, svc: KObject, groups: SliceGroup[]) {
  const ns = svc.metadata.namespace;
  const name = String(svc.metadata.name);
  const labels = desiredSliceLabels(svc);
  const existing = api
    .list('discovery.k8s.io/endpointslices', { namespace: ns, labelSelector: `${SERVICE_NAME_LABEL}=${name},${MANAGED_BY_LABEL}=${MANAGED_BY}` })
    .filter((s) => !s.metadata.deletionTimestamp)
    .sort((a, b) => String(a.metadata.creationTimestamp ?? '').localeCompare(String(b.metadata.creationTimestamp ?? '')) || String(a.metadata.name).localeCompare(String(b.metadata.name)));
  // A Service without endpoints still gets one placeholder slice, as upstream's reconciler keeps.
  const wanted: Array<SliceGroup | undefined> = groups.length ? groups : [undefined];
  const unmatched = [...existing];
  const takeMatching = (g: SliceGroup | undefined) => {
    const i = unmatched.findIndex((s) => same(s.ports, g ? g.ports : null));
    return i >= 0 ? unmatched.splice(i, 1)[0] : undefined;
  };
  const owner = { apiVersion: 'v1', kind: 'Service', name, uid: String(svc.metadata.uid), controller: true, blockOwnerDeletion: true };
  const pendingCreates: Array<SliceGroup | undefined> = [];
  for (const g of wanted) {
    const slice = takeMatching(g);
    if (!slice) {
      pendingCreates.push(g);
      continue;
    }
    const content = sliceContent(g);
    if (same(slice.ports, content.ports) && same(slice.endpoints, content.endpoints) && same(slice.metadata.labels, labels)) continue;
    api.update('discovery.k8s.io/endpointslices', {
      ...slice,
      metadata: { ...slice.metadata, labels, annotations: { ...(slice.metadata.annotations ?? {}), [TRIGGER_TIME]: formatRfc3339Nano(api.clock.now()) } },
      ...content,
    }, MANAGER);
  }
  for (const g of pendingCreates) {
    // Reuse a leftover slice (different port set) before creating, like the reconciler's slice recycling.
    const reuse = unmatched.shift();
    const content = sliceContent(g);
    if (reuse) {
      api.update('discovery.k8s.io/endpointslices', { ...reuse, metadata: { ...reuse.metadata, labels }, ...content }, MANAGER);
      continue;
    }
    api.create('discovery.k8s.io/endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${name.slice(0, 57)}-`,
        namespace: ns,
        labels,
        annotations: g ? { [TRIGGER_TIME]: formatRfc3339Nano(api.clock.now()) } : undefined,
        ownerReferences: [owner],
      },
      addressType: 'IPv4',
      ...content,
    }, MANAGER);
  }
  for (const s of unmatched) ignoreNotFound(() => api.delete('discovery.k8s.io/endpointslices', ns, String(s.metadata.name)));
}

function syncApiserverEndpoints(api: SandboxApi, svc: KObject) {
  const port = (specOf(svc).ports ?? [])[0];
  const targetPort = typeof port?.targetPort === 'number' ? port.targetPort : APISERVER_PORT;
  syncEndpointsObject(api, svc, [{ addresses: [{ ip: APISERVER_IP }], ports: [{ name: 'https', port: targetPort, protocol: 'TCP' }] }], { [SKIP_MIRROR]: 'true' }, false);
  const ports = [{ name: 'https', port: targetPort, protocol: 'TCP' }];
  const endpoints = [{ addresses: [APISERVER_IP], conditions: { ready: true } }];
  const labels = { [SERVICE_NAME_LABEL]: 'kubernetes' };
  const current = api.get('discovery.k8s.io/endpointslices', 'default', 'kubernetes');
  if (current && same(current.ports, ports) && same(current.endpoints, endpoints)) return;
  const obj: KObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { ...(current?.metadata ?? {}), name: 'kubernetes', namespace: 'default', labels },
    addressType: 'IPv4',
    endpoints,
    ports,
  };
  if (current) api.update('discovery.k8s.io/endpointslices', obj, { fieldManager: 'kube-apiserver' });
  else api.create('discovery.k8s.io/endpointslices', obj, { fieldManager: 'kube-apiserver' });
}

function syncService(api: SandboxApi, key: string) {
  const [ns, name] = splitKey(key);
  const svc = api.get('core/services', ns, name);
  if (!svc || svc.metadata.deletionTimestamp) {
    ignoreNotFound(() => api.delete('core/endpoints', ns, name));
    for (const s of api.list('discovery.k8s.io/endpointslices', { namespace: ns, labelSelector: `${SERVICE_NAME_LABEL}=${name},${MANAGED_BY_LABEL}=${MANAGED_BY}` })) {
      ignoreNotFound(() => api.delete('discovery.k8s.io/endpointslices', ns, String(s.metadata.name)));
    }
    return;
  }
  if (ns === 'default' && name === 'kubernetes') return syncApiserverEndpoints(api, svc);
  const spec = specOf(svc);
  // Selector-less Services have user-managed Endpoints; ExternalName Services have none.
  if (!spec.selector || !Object.keys(spec.selector).length || spec.type === 'ExternalName') return;
  const pods = api.list('core/pods', { namespace: ns, labelSelector: formatLabelSelector({ matchLabels: spec.selector }) }) as Pod[];
  try {
    syncEndpointsObject(api, svc, computeEndpointSubsets(spec, pods), desiredEndpointsLabels(svc), true);
    syncSlices(api, svc, computeSliceGroups(spec, pods));
  } catch (err) {
    if (isForbiddenByTermination(err)) return;
    throw err;
  }
}

function matchesSelector(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || !Object.keys(selector).length) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export function startEndpointsController(api: SandboxApi): { stop(): void } {
  const queue = createWorkQueue(api.clock, (key) => syncService(api, key), 'endpoints');
  const onEvent = (e: StoreEvent) => {
    switch (e.resource) {
      case 'core/services':
        queue.add(keyOf(e.object));
        break;
      case 'core/pods': {
        const ns = e.object.metadata.namespace;
        for (const svc of api.list('core/services', { namespace: ns })) {
          const sel = specOf(svc).selector;
          if (matchesSelector(sel, e.object.metadata.labels) || (e.old && matchesSelector(sel, e.old.metadata.labels))) queue.add(keyOf(svc));
        }
        break;
      }
      case 'core/endpoints':
        if (e.type === 'DELETED') queue.add(keyOf(e.object));
        break;
      case 'discovery.k8s.io/endpointslices': {
        const svcName = e.object.metadata.labels?.[SERVICE_NAME_LABEL];
        if (svcName && e.type === 'DELETED') queue.add(`${e.object.metadata.namespace ?? ''}/${svcName}`);
        break;
      }
    }
  };
  const unsubscribe = api.subscribe(onEvent);
  for (const svc of api.list('core/services')) queue.add(keyOf(svc));
  return {
    stop() {
      unsubscribe();
      queue.stop();
    },
  };
}
