// Reads for the app page, drift and previews. Missing objects come back as null, not errors.
import type {
  KubernetesObject,
  CoreV1Event,
  V1Deployment,
  V1LabelSelector,
  V1Endpoints,
  V1Pod,
  V1ReplicaSet,
  V1Service,
} from '@kubernetes/client-node';
import { kubeErrorContext } from './apply';
import type { KubeClients } from './client';
import { callKube, isKubeNotFound } from './errors';
import { describeRef, findKindHandler, type KubeObjectRef } from './kinds';

async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isKubeNotFound(error)) return null;
    throw error;
  }
}

/** `app=web,tier in (a,b)`: a LabelSelector as the `labelSelector` query string. */
export function formatLabelSelector(selector: V1LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector?.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort().join(',');
    if (expression.operator === 'In') parts.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') parts.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') parts.push(expression.key);
    else if (expression.operator === 'DoesNotExist') parts.push(`!${expression.key}`);
  }
  return parts.join(',');
}

/** One managed object by reference (Deployment, Service, ConfigMap, Secret, PVC, HPA, Ingress), or null. */
export async function readObject(clients: KubeClients, ref: KubeObjectRef): Promise<KubernetesObject | null> {
  const handler = findKindHandler(ref);
  return orNull(() => callKube(kubeErrorContext(clients, describeRef(ref)), () => handler.read(clients, ref.name, ref.namespace)));
}

/** The live state of each reference, in the same order (null where missing). */
export async function readObjects(clients: KubeClients, refs: KubeObjectRef[]): Promise<(KubernetesObject | null)[]> {
  return Promise.all(refs.map((ref) => readObject(clients, ref)));
}

export async function readDeployment(clients: KubeClients, namespace: string, name: string): Promise<V1Deployment | null> {
  return orNull(() => callKube(kubeErrorContext(clients, `Deployment "${name}"`), () => clients.apps.readNamespacedDeployment({ name, namespace })));
}

/** The ReplicaSets a Deployment controls (selector match and controller ownerReference), as kubectl finds them. */
export async function listOwnedReplicaSets(clients: KubeClients, deployment: V1Deployment): Promise<V1ReplicaSet[]> {
  const namespace = deployment.metadata?.namespace ?? '';
  const list = await callKube(kubeErrorContext(clients, `ReplicaSets of Deployment "${deployment.metadata?.name}"`), () =>
    clients.apps.listNamespacedReplicaSet({ namespace, labelSelector: formatLabelSelector(deployment.spec?.selector) }),
  );
  const uid = deployment.metadata?.uid;
  return list.items.filter((rs) => (rs.metadata?.ownerReferences ?? []).some((owner) => owner.controller === true && owner.uid === uid));
}

export async function listPods(clients: KubeClients, namespace: string, labelSelector: string): Promise<V1Pod[]> {
  const list = await callKube(kubeErrorContext(clients, 'pods'), () => clients.core.listNamespacedPod({ namespace, labelSelector }));
  return list.items;
}

export async function listServices(clients: KubeClients, namespace: string, labelSelector?: string): Promise<V1Service[]> {
  const list = await callKube(kubeErrorContext(clients, 'services'), () => clients.core.listNamespacedService({ namespace, labelSelector }));
  return list.items;
}

/** The Endpoints of a Service (same name), or null. */
export async function readEndpoints(clients: KubeClients, namespace: string, name: string): Promise<V1Endpoints | null> {
  return orNull(() => callKube(kubeErrorContext(clients, `Endpoints "${name}"`), () => clients.core.readNamespacedEndpoints({ name, namespace })));
}

export interface EventTarget {
  namespace: string;
  kind: string;
  name: string;
  uid?: string;
}

/** Events about one object, oldest first (the field selector kubectl describe uses). */
export async function listEventsFor(clients: KubeClients, target: EventTarget): Promise<CoreV1Event[]> {
  const fields = [`involvedObject.name=${target.name}`, `involvedObject.namespace=${target.namespace}`, `involvedObject.kind=${target.kind}`];
  if (target.uid) fields.push(`involvedObject.uid=${target.uid}`);
  const list = await callKube(kubeErrorContext(clients, 'events'), () =>
    clients.core.listNamespacedEvent({ namespace: target.namespace, fieldSelector: fields.join(',') }),
  );
  const time = (event: CoreV1Event) => new Date(event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? 0).getTime();
  return [...list.items].sort((a, b) => time(a) - time(b));
}

export interface ServerVersion {
  gitVersion: string;
  major: string;
  minor: string;
  platform: string | null;
}

export async function readServerVersion(clients: KubeClients): Promise<ServerVersion> {
  const info = await callKube(kubeErrorContext(clients), () => clients.version.getCode());
  return { gitVersion: info.gitVersion, major: info.major, minor: info.minor, platform: info.platform ?? null };
}
