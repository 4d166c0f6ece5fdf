// Which watched objects belong to an app, and their summaries. Objects come raw from the watch hub
// (JSON as the API server sent it); they are read through client-node's types, with timestamps as
// strings, and reduced to the DTOs in types.ts.
import type {
  CoreV1Event,
  V1Deployment,
  V1Endpoints,
  V1Ingress,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { computeRolloutStatus, readDeploymentRevision } from '@/lib/kube/rollout-status';
import type { RawKubeObject } from '@/lib/kube/watch-hub';
import type { EventSummary, HpaSummary, IngressSummary, PodSummary, ReplicaSetSummary, RolloutSummary, ServiceSummary } from './types';

const nameLabel = 'app.kubernetes.io/name';
const maxEvents = 30;

export interface LiveAppRef {
  appId: string;
  clusterId: string;
  namespace: string;
  name: string;
}

function as<T>(object: RawKubeObject): T {
  return object as unknown as T;
}

function isoOf(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' && value !== '' ? value : null;
}

function belongsByLabelOrName(object: RawKubeObject, app: LiveAppRef): boolean {
  return object.metadata?.labels?.[nameLabel] === app.name || object.metadata?.name === app.name;
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.name.localeCompare(b.name));
}

export function findAppDeployment(deployments: RawKubeObject[], app: LiveAppRef): RawKubeObject | null {
  return deployments.find((d) => d.metadata?.name === app.name) ?? null;
}

export function summarizeRollout(object: RawKubeObject | null): RolloutSummary | null {
  if (!object) return null;
  const deployment = as<V1Deployment>(object);
  const status = deployment.status ?? {};
  const rollout = computeRolloutStatus(deployment);
  return {
    name: deployment.metadata?.name ?? '',
    revision: readDeploymentRevision(deployment),
    desired: deployment.spec?.replicas ?? 1,
    updated: status.updatedReplicas ?? 0,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    unavailable: status.unavailableReplicas ?? 0,
    state: rollout.state,
    message: rollout.message,
    paused: deployment.spec?.paused === true,
    images: (deployment.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
    conditions: (status.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? null, message: c.message ?? null })),
  };
}

/** The app's ReplicaSets: those its Deployment controls. */
export function selectReplicaSets(replicaSets: RawKubeObject[], app: LiveAppRef): RawKubeObject[] {
  return replicaSets.filter((rs) => (rs.metadata?.ownerReferences ?? []).some((o) => o.kind === 'Deployment' && o.name === app.name));
}

export function summarizeReplicaSets(replicaSets: RawKubeObject[]): ReplicaSetSummary[] {
  return replicaSets
    .map((object) => {
      const rs = as<V1ReplicaSet>(object);
      const revision = Number.parseInt(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '', 10);
      return {
        name: rs.metadata?.name ?? '',
        revision: Number.isFinite(revision) ? revision : 0,
        desired: rs.spec?.replicas ?? 0,
        ready: rs.status?.readyReplicas ?? 0,
        available: rs.status?.availableReplicas ?? 0,
        images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
      };
    })
    .sort((a, b) => b.revision - a.revision);
}

/** The app's pods: Berth's name label on the pod template, or owned by one of the app's ReplicaSets. */
export function selectPods(pods: RawKubeObject[], app: LiveAppRef, replicaSetNames: ReadonlySet<string>): RawKubeObject[] {
  return pods.filter(
    (pod) =>
      pod.metadata?.labels?.[nameLabel] === app.name ||
      (pod.metadata?.ownerReferences ?? []).some((o) => o.kind === 'ReplicaSet' && o.name !== undefined && replicaSetNames.has(o.name)),
  );
}

export function summarizePod(object: RawKubeObject): PodSummary {
  const pod = as<V1Pod>(object);
  const statuses = pod.status?.containerStatuses ?? [];
  let reason: string | null = null;
  let message: string | null = null;
  for (const status of statuses) {
    const waiting = status.state?.waiting;
    const terminated = status.state?.terminated;
    if (waiting?.reason) {
      reason = waiting.reason;
      message = waiting.message ?? null;
      break;
    }
    if (terminated?.reason && !reason) {
      reason = terminated.reason;
      message = terminated.message ?? null;
    }
  }
  if (!reason && pod.status?.reason) reason = pod.status.reason;
  return {
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Pending',
    ready: statuses.filter((s) => s.ready).length,
    containers: pod.spec?.containers?.length ?? statuses.length,
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    node: pod.spec?.nodeName ?? null,
    ip: pod.status?.podIP ?? null,
    createdAt: isoOf(pod.metadata?.creationTimestamp),
    reason,
    message,
    podTemplateHash: pod.metadata?.labels?.['pod-template-hash'] ?? null,
    terminating: Boolean(pod.metadata?.deletionTimestamp),
  };
}

export function summarizePods(pods: RawKubeObject[]): PodSummary[] {
  return byName(pods.map(summarizePod));
}

/** Events about any object of the app (its Deployment, ReplicaSets, pods, Service, HPA, Ingress). */
export function summarizeEvents(events: RawKubeObject[], objectNames: ReadonlySet<string>): EventSummary[] {
  return events
    .map((object) => as<CoreV1Event>(object))
    .filter((event) => event.involvedObject?.name !== undefined && objectNames.has(event.involvedObject.name))
    .map((event) => ({
      id: event.metadata?.uid ?? event.metadata?.name ?? '',
      type: event.type ?? 'Normal',
      reason: event.reason ?? '',
      message: event.message ?? '',
      object: `${event.involvedObject.kind ?? ''}/${event.involvedObject.name ?? ''}`,
      count: event.count ?? 1,
      lastSeen: isoOf(event.lastTimestamp) ?? isoOf(event.eventTime) ?? isoOf(event.metadata?.creationTimestamp),
    }))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
    .slice(0, maxEvents);
}

export function selectOwned(objects: RawKubeObject[], app: LiveAppRef): RawKubeObject[] {
  return objects.filter((object) => belongsByLabelOrName(object, app));
}

export function summarizeServices(services: RawKubeObject[], endpoints: RawKubeObject[]): ServiceSummary[] {
  const endpointsByName = new Map(endpoints.map((e) => [e.metadata?.name ?? '', as<V1Endpoints>(e)]));
  return byName(
    services.map((object) => {
      const service = as<V1Service>(object);
      const name = service.metadata?.name ?? '';
      const subsets = endpointsByName.get(name)?.subsets ?? [];
      return {
        name,
        type: service.spec?.type ?? 'ClusterIP',
        clusterIP: service.spec?.clusterIP ?? null,
        ports: (service.spec?.ports ?? []).map((p) => ({
          name: p.name ?? null,
          port: p.port,
          targetPort: p.targetPort === undefined ? null : String(p.targetPort),
          nodePort: p.nodePort ?? null,
          protocol: p.protocol ?? 'TCP',
        })),
        readyEndpoints: subsets.reduce((sum, s) => sum + (s.addresses?.length ?? 0), 0),
        notReadyEndpoints: subsets.reduce((sum, s) => sum + (s.notReadyAddresses?.length ?? 0), 0),
      };
    }),
  );
}

export function summarizeHpas(hpas: RawKubeObject[]): HpaSummary[] {
  return byName(
    hpas.map((object) => {
      const hpa = as<V2HorizontalPodAutoscaler>(object);
      const cpuTarget = hpa.spec?.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
      const cpuCurrent = hpa.status?.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
      return {
        name: hpa.metadata?.name ?? '',
        minReplicas: hpa.spec?.minReplicas ?? 1,
        maxReplicas: hpa.spec?.maxReplicas ?? 1,
        currentReplicas: hpa.status?.currentReplicas ?? 0,
        desiredReplicas: hpa.status?.desiredReplicas ?? 0,
        targetCpuPercent: cpuTarget?.resource?.target?.averageUtilization ?? null,
        currentCpuPercent: cpuCurrent?.resource?.current?.averageUtilization ?? null,
      };
    }),
  );
}

export function summarizeIngresses(ingresses: RawKubeObject[]): IngressSummary[] {
  return byName(
    ingresses.map((object) => {
      const ingress = as<V1Ingress>(object);
      const rules = (ingress.spec?.rules ?? []).flatMap((rule) =>
        (rule.http?.paths ?? []).map((path) => ({
          host: rule.host ?? null,
          path: path.path ?? '/',
          service: path.backend?.service?.name ?? null,
          port: path.backend?.service?.port?.number !== undefined ? String(path.backend.service.port.number) : (path.backend?.service?.port?.name ?? null),
        })),
      );
      const addresses = (ingress.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
      return { name: ingress.metadata?.name ?? '', className: ingress.spec?.ingressClassName ?? null, rules, addresses };
    }),
  );
}
