// The kinds Berth manages, each mapped to its typed client-node calls. Typed calls (rather than the
// generic KubernetesObjectApi) send patch bodies verbatim and need no discovery round trip.
import { PatchStrategy, setHeaderOptions, type KubernetesObject, type V1Status } from '@kubernetes/client-node';
import { BerthError } from '@/lib/errors';
import type { KubeClients } from './client';

export interface KubeObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export type PatchContentType = (typeof PatchStrategy)[keyof typeof PatchStrategy];

export interface PatchCall {
  name: string;
  namespace: string;
  body: unknown;
  contentType: PatchContentType;
  fieldManager?: string;
  force?: boolean;
  dryRun?: 'All';
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface DeleteCall {
  name: string;
  namespace: string;
  propagationPolicy: 'Foreground' | 'Background' | 'Orphan';
  dryRun?: 'All';
}

interface KindHandler {
  apiVersion: string;
  read(clients: KubeClients, name: string, namespace: string): Promise<KubernetesObject>;
  patch(clients: KubeClients, call: PatchCall): Promise<KubernetesObject>;
  remove(clients: KubeClients, call: DeleteCall): Promise<KubernetesObject | V1Status>;
}

function patchParams(call: PatchCall) {
  return {
    name: call.name,
    namespace: call.namespace,
    body: call.body,
    fieldManager: call.fieldManager,
    // client-node would send force=false on non-apply patches, which real servers reject.
    force: call.contentType === PatchStrategy.ServerSideApply ? call.force : undefined,
    dryRun: call.dryRun,
    fieldValidation: call.fieldValidation,
  };
}

function deleteParams(call: DeleteCall) {
  return { name: call.name, namespace: call.namespace, dryRun: call.dryRun, body: { propagationPolicy: call.propagationPolicy, dryRun: call.dryRun ? [call.dryRun] : undefined } };
}

// client-node's generated patch methods default to application/json-patch+json: always set it.
const header = (call: PatchCall) => setHeaderOptions('Content-Type', call.contentType);

const handlers: Record<string, KindHandler> = {
  Deployment: {
    apiVersion: 'apps/v1',
    read: (c, name, namespace) => c.apps.readNamespacedDeployment({ name, namespace }),
    patch: (c, call) => c.apps.patchNamespacedDeployment(patchParams(call), header(call)),
    remove: (c, call) => c.apps.deleteNamespacedDeployment(deleteParams(call)),
  },
  Service: {
    apiVersion: 'v1',
    read: (c, name, namespace) => c.core.readNamespacedService({ name, namespace }),
    patch: (c, call) => c.core.patchNamespacedService(patchParams(call), header(call)),
    remove: (c, call) => c.core.deleteNamespacedService(deleteParams(call)),
  },
  ConfigMap: {
    apiVersion: 'v1',
    read: (c, name, namespace) => c.core.readNamespacedConfigMap({ name, namespace }),
    patch: (c, call) => c.core.patchNamespacedConfigMap(patchParams(call), header(call)),
    remove: (c, call) => c.core.deleteNamespacedConfigMap(deleteParams(call)),
  },
  Secret: {
    apiVersion: 'v1',
    read: (c, name, namespace) => c.core.readNamespacedSecret({ name, namespace }),
    patch: (c, call) => c.core.patchNamespacedSecret(patchParams(call), header(call)),
    remove: (c, call) => c.core.deleteNamespacedSecret(deleteParams(call)),
  },
  PersistentVolumeClaim: {
    apiVersion: 'v1',
    read: (c, name, namespace) => c.core.readNamespacedPersistentVolumeClaim({ name, namespace }),
    patch: (c, call) => c.core.patchNamespacedPersistentVolumeClaim(patchParams(call), header(call)),
    remove: (c, call) => c.core.deleteNamespacedPersistentVolumeClaim(deleteParams(call)),
  },
  HorizontalPodAutoscaler: {
    apiVersion: 'autoscaling/v2',
    read: (c, name, namespace) => c.autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace }),
    patch: (c, call) => c.autoscaling.patchNamespacedHorizontalPodAutoscaler(patchParams(call), header(call)),
    remove: (c, call) => c.autoscaling.deleteNamespacedHorizontalPodAutoscaler(deleteParams(call)),
  },
  Ingress: {
    apiVersion: 'networking.k8s.io/v1',
    read: (c, name, namespace) => c.networking.readNamespacedIngress({ name, namespace }),
    patch: (c, call) => c.networking.patchNamespacedIngress(patchParams(call), header(call)),
    remove: (c, call) => c.networking.deleteNamespacedIngress(deleteParams(call)),
  },
};

/** Kinds the gateway can apply, read and delete, with the apiVersion it uses for each. */
export const managedKinds: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(handlers).map(([kind, h]) => [kind, h.apiVersion]));

/** Dependencies first, so a Deployment finds its ConfigMap/PVC and an HPA or Ingress its targets. */
export const applyOrder = ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'Service', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress'];

export function findKindHandler(ref: Pick<KubeObjectRef, 'apiVersion' | 'kind'>): KindHandler {
  const handler = handlers[ref.kind];
  if (!handler) throw new BerthError('INVALID_INPUT', `Berth does not manage objects of kind ${ref.kind}.`);
  if (handler.apiVersion !== ref.apiVersion) {
    throw new BerthError('INVALID_INPUT', `${ref.kind} must use apiVersion ${handler.apiVersion} (got ${ref.apiVersion}).`);
  }
  return handler;
}

export function describeRef(ref: Pick<KubeObjectRef, 'kind' | 'name'>): string {
  return `${ref.kind} "${ref.name}"`;
}

export function refOf(object: KubernetesObject): KubeObjectRef {
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace;
  if (!object.apiVersion || !object.kind || !name || !namespace) {
    throw new BerthError('INVALID_INPUT', 'Every object needs apiVersion, kind, metadata.name and metadata.namespace.');
  }
  return { apiVersion: object.apiVersion, kind: object.kind, name, namespace };
}
