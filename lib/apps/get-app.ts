// AppDetail: the app's current revision and what the cluster says right now — rollout status (kubectl's
// message), conditions, pods, events, Service/Endpoints/node ports, Ingress, HPA. VIEWER and up.
import { parseInput } from '@/lib/manifests/parse-input';
import type { CoreV1Event, V1Deployment, V1Endpoints, V1Ingress, V1Pod, V1Service, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { kubeErrorContext } from '@/lib/kube/apply';
import { getKubeClients, type KubeClients } from '@/lib/kube/client';
import { callKube } from '@/lib/kube/errors';
import { formatLabelSelector, listPods, readDeployment, readEndpoints, readObject } from '@/lib/kube/read';
import { computeRolloutStatus, readDeploymentRevision, type RolloutStatus } from '@/lib/kube/rollout-status';
import type { DesiredState } from '@/lib/manifests';
import { loadAppForView } from './app-scope';
import { appIdField } from './inputs';
import { revisionSummarySelect, toRevisionSummary, type RevisionSummary } from './types';

export const getAppInput = z.object({ appId: appIdField });

export interface PodSummary {
  name: string;
  phase: string;
  ready: string;
  restarts: number;
  node: string | null;
  ip: string | null;
  startedAt: string | null;
  /** The first container's waiting reason (ImagePullBackOff, CrashLoopBackOff …). */
  waitingReason: string | null;
  waitingMessage: string | null;
}

export interface ConditionSummary {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
}

export interface EventSummary {
  type: string;
  reason: string;
  message: string;
  object: string;
  count: number;
  lastSeen: string | null;
}

export interface ServiceSummary {
  name: string;
  type: string;
  clusterIP: string | null;
  ports: { name: string | null; port: number; targetPort: string | null; protocol: string; nodePort: number | null }[];
  endpoints: string[];
  loadBalancer: string[];
}

export interface IngressSummary {
  name: string;
  rules: { host: string | null; path: string; backend: string }[];
  tls: { secretName: string | null; hosts: string[] }[];
  addresses: string[];
}

export interface HpaSummary {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
  targetCpuUtilization: number | null;
  currentCpuUtilization: number | null;
  conditions: ConditionSummary[];
}

export interface AppLiveDetail {
  deploymentFound: boolean;
  kubeRevision: number | null;
  resourceVersion: string | null;
  rollout: RolloutStatus | null;
  replicas: { desired: number; updated: number; ready: number; available: number };
  conditions: ConditionSummary[];
  pods: PodSummary[];
  events: EventSummary[];
  service: ServiceSummary | null;
  ingress: IngressSummary | null;
  hpa: HpaSummary | null;
}

export interface AppDetail {
  id: string;
  name: string;
  namespace: string;
  clusterId: string;
  clusterName: string;
  teamId: string;
  teamName: string;
  currentRevision: RevisionSummary | null;
  /** The current revision's image (first container). */
  image: string | null;
  live: AppLiveDetail | null;
  /** Why `live` is null: the cluster did not answer, refused, … */
  liveError: string | null;
}

const iso = (value: Date | string | undefined | null): string | null => (value ? new Date(value).toISOString() : null);

function toConditions(conditions: { type: string; status: string; reason?: string; message?: string }[] | undefined): ConditionSummary[] {
  return (conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? null, message: c.message ?? null }));
}

export function summarizePod(pod: V1Pod): PodSummary {
  const statuses = pod.status?.containerStatuses ?? [];
  const waiting = statuses.map((s) => s.state?.waiting).find((w) => w?.reason);
  return {
    name: pod.metadata?.name ?? '',
    phase: pod.metadata?.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Unknown'),
    ready: `${statuses.filter((s) => s.ready).length}/${pod.spec?.containers.length ?? statuses.length}`,
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    node: pod.spec?.nodeName ?? null,
    ip: pod.status?.podIP ?? null,
    startedAt: iso(pod.status?.startTime ?? pod.metadata?.creationTimestamp),
    waitingReason: waiting?.reason ?? null,
    waitingMessage: waiting?.message ?? null,
  };
}

async function readServiceSummary(clients: KubeClients, service: V1Service): Promise<ServiceSummary> {
  const endpoints = await readEndpoints(clients, service.metadata?.namespace ?? '', service.metadata?.name ?? '');
  return summarizeService(service, endpoints ?? undefined);
}

/** Pure: also used by lib/live on the watch hub's objects, so both render the same shape. */
export function summarizeService(service: V1Service, endpoints: V1Endpoints | undefined): ServiceSummary {
  return {
    name: service.metadata?.name ?? '',
    type: service.spec?.type ?? 'ClusterIP',
    clusterIP: service.spec?.clusterIP ?? null,
    ports: (service.spec?.ports ?? []).map((p) => ({
      name: p.name ?? null,
      port: p.port,
      targetPort: p.targetPort === undefined ? null : String(p.targetPort),
      protocol: p.protocol ?? 'TCP',
      nodePort: p.nodePort ?? null,
    })),
    endpoints: (endpoints?.subsets ?? []).flatMap((subset) =>
      (subset.addresses ?? []).flatMap((address) => (subset.ports ?? []).map((port) => `${address.ip}:${port.port}`)),
    ),
    loadBalancer: (service.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean),
  };
}

export function summarizeIngress(ingress: V1Ingress): IngressSummary {
  return {
    name: ingress.metadata?.name ?? '',
    rules: (ingress.spec?.rules ?? []).flatMap((rule) =>
      (rule.http?.paths ?? []).map((path) => ({
        host: rule.host ?? null,
        path: path.path ?? '/',
        backend: `${path.backend.service?.name ?? ''}:${path.backend.service?.port?.number ?? path.backend.service?.port?.name ?? ''}`,
      })),
    ),
    tls: (ingress.spec?.tls ?? []).map((t) => ({ secretName: t.secretName ?? null, hosts: t.hosts ?? [] })),
    addresses: (ingress.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean),
  };
}

export function summarizeHpa(hpa: V2HorizontalPodAutoscaler): HpaSummary {
  const cpuTarget = hpa.spec?.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const cpuCurrent = hpa.status?.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  return {
    name: hpa.metadata?.name ?? '',
    minReplicas: hpa.spec?.minReplicas ?? 1,
    maxReplicas: hpa.spec?.maxReplicas ?? 0,
    currentReplicas: hpa.status?.currentReplicas ?? 0,
    desiredReplicas: hpa.status?.desiredReplicas ?? 0,
    targetCpuUtilization: cpuTarget?.resource?.target.averageUtilization ?? null,
    currentCpuUtilization: cpuCurrent?.resource?.current.averageUtilization ?? null,
    conditions: toConditions(hpa.status?.conditions),
  };
}

function summarizeEvents(events: CoreV1Event[], names: Set<string>): EventSummary[] {
  const time = (e: CoreV1Event) => new Date(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0).getTime();
  return events
    .filter((e) => names.has(e.involvedObject.name ?? '') || [...names].some((n) => (e.involvedObject.name ?? '').startsWith(`${n}-`)))
    .sort((a, b) => time(a) - time(b))
    .slice(-50)
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      object: `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
      count: e.count ?? 1,
      lastSeen: iso(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp),
    }));
}

async function readLive(clients: KubeClients, app: { name: string; namespace: string }, state: DesiredState | null): Promise<AppLiveDetail> {
  const { name, namespace } = app;
  const ref = (apiVersion: string, kind: string, objectName: string | undefined) => (objectName ? { apiVersion, kind, namespace, name: objectName } : null);
  const serviceRef = ref('v1', 'Service', state?.service?.metadata?.name);
  const ingressRef = ref('networking.k8s.io/v1', 'Ingress', state?.ingress?.metadata?.name);
  const hpaRef = ref('autoscaling/v2', 'HorizontalPodAutoscaler', state?.hpa?.metadata?.name);
  const [deployment, service, ingress, hpa, events] = await Promise.all([
    readDeployment(clients, namespace, name),
    serviceRef ? readObject(clients, serviceRef) : null,
    ingressRef ? readObject(clients, ingressRef) : null,
    hpaRef ? readObject(clients, hpaRef) : null,
    callKube(kubeErrorContext(clients, 'events'), () => clients.core.listNamespacedEvent({ namespace })),
  ]);
  const pods = deployment ? await listPods(clients, namespace, formatLabelSelector((deployment as V1Deployment).spec?.selector)) : [];
  const names = new Set([name, ...pods.map((p) => p.metadata?.name ?? '')]);
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
    conditions: toConditions(deployment?.status?.conditions),
    pods: pods.map(summarizePod).sort((a, b) => a.name.localeCompare(b.name)),
    events: summarizeEvents(events.items, names),
    service: service ? await readServiceSummary(clients, service as V1Service) : null,
    ingress: ingress ? summarizeIngress(ingress as V1Ingress) : null,
    hpa: hpa ? summarizeHpa(hpa as V2HorizontalPodAutoscaler) : null,
  };
}

export async function getApp(actor: AnyActor | null, input: z.input<typeof getAppInput>): Promise<AppDetail> {
  const { appId } = parseInput(getAppInput, input);
  const app = await loadAppForView(actor, appId);
  const [team, revision] = await Promise.all([
    db.team.findUnique({ where: { id: app.teamId }, select: { name: true } }),
    app.currentRevision ? db.revision.findUnique({ where: { id: app.currentRevision.id }, select: revisionSummarySelect }) : null,
  ]);
  const state = app.currentRevision?.manifest ?? null;
  let live: AppLiveDetail | null = null;
  let liveError: string | null = null;
  try {
    live = await readLive(await getKubeClients(app.clusterId), app, state);
  } catch (error) {
    if (!(error instanceof BerthError)) throw error;
    liveError = error.message;
  }
  return {
    id: app.id,
    name: app.name,
    namespace: app.namespace,
    clusterId: app.clusterId,
    clusterName: app.clusterName,
    teamId: app.teamId,
    teamName: team?.name ?? '',
    currentRevision: revision ? toRevisionSummary(revision) : null,
    image: state?.deployment.spec?.template?.spec?.containers?.[0]?.image ?? null,
    live,
    liveError,
  };
}
