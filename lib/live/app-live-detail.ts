// The live data in exactly the shapes lib/apps renders on the server (listApps()[i].live and
// getApp().live), so a page seeds react-query with its server-rendered value and the stream replaces
// it with the same type. Built from the watch hub's objects instead of fresh reads.
import type { CoreV1Event, V1Deployment, V1Endpoints, V1Ingress, V1Pod, V1Service, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { summarizeHpa, summarizeIngress, summarizePod, summarizeService, type AppLiveDetail, type EventSummary } from '@/lib/apps/get-app';
import { summarizeDeployment, type AppLiveSummary } from '@/lib/apps/list-apps';
import { computeRolloutStatus, readDeploymentRevision } from '@/lib/kube/rollout-status';
import type { RawKubeObject } from '@/lib/kube/watch-hub';

const maxEvents = 50;

function as<T>(object: RawKubeObject): T {
  return object as unknown as T;
}

function iso(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' && value !== '' ? new Date(value).toISOString() : null;
}

export function buildAppLiveSummary(deployment: RawKubeObject | null): AppLiveSummary | null {
  return deployment ? summarizeDeployment(as<V1Deployment>(deployment)) : null;
}

function summarizeEvents(events: RawKubeObject[], names: ReadonlySet<string>): EventSummary[] {
  const time = (e: CoreV1Event) => new Date((e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0) as string | number).getTime();
  return events
    .map((object) => as<CoreV1Event>(object))
    .filter((e) => names.has(e.involvedObject?.name ?? ''))
    .sort((a, b) => time(a) - time(b))
    .slice(-maxEvents)
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      object: `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
      count: e.count ?? 1,
      lastSeen: iso(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp),
    }));
}

export interface AppObjects {
  deployment: RawKubeObject | null;
  replicaSetNames: ReadonlySet<string>;
  pods: RawKubeObject[];
  services: RawKubeObject[];
  endpoints: RawKubeObject[];
  hpas: RawKubeObject[];
  ingresses: RawKubeObject[];
  events: RawKubeObject[];
}

export function buildAppLiveDetail(objects: AppObjects): AppLiveDetail {
  const deployment = objects.deployment ? as<V1Deployment>(objects.deployment) : null;
  const service = objects.services[0] ? as<V1Service>(objects.services[0]) : null;
  const endpoints = service ? objects.endpoints.map((e) => as<V1Endpoints>(e)).find((e) => e.metadata?.name === service.metadata?.name) : undefined;
  const names = new Set<string>([deployment?.metadata?.name ?? '', ...objects.replicaSetNames]);
  for (const object of [...objects.pods, ...objects.services, ...objects.hpas, ...objects.ingresses]) if (object.metadata?.name) names.add(object.metadata.name);
  names.delete('');
  return {
    deploymentFound: deployment !== null,
    kubeRevision: deployment ? readDeploymentRevision(deployment) : null,
    resourceVersion: deployment?.metadata?.resourceVersion ?? null,
    rollout: deployment ? computeRolloutStatus(deployment) : null,
    replicas: {
      desired: deployment?.spec?.replicas ?? 0,
      updated: deployment?.status?.updatedReplicas ?? 0,
      ready: deployment?.status?.readyReplicas ?? 0,
      available: deployment?.status?.availableReplicas ?? 0,
    },
    conditions: (deployment?.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? null, message: c.message ?? null })),
    pods: objects.pods.map((pod) => summarizePod(as<V1Pod>(pod))).sort((a, b) => a.name.localeCompare(b.name)),
    events: summarizeEvents(objects.events, names),
    service: service ? summarizeService(service, endpoints) : null,
    ingress: objects.ingresses[0] ? summarizeIngress(as<V1Ingress>(objects.ingresses[0])) : null,
    hpa: objects.hpas[0] ? summarizeHpa(as<V2HorizontalPodAutoscaler>(objects.hpas[0])) : null,
  };
}
