// What the live events stream sends: small summaries, never raw Kubernetes objects (no env values,
// no Secret data, no managedFields). Type-only, so client components may import it.
import type { AppLiveDetail } from '@/lib/apps/get-app';
import type { AppLiveSummary } from '@/lib/apps/list-apps';

export type RolloutState = 'progressing' | 'complete' | 'failed';

export interface RolloutSummary {
  name: string;
  /** `deployment.kubernetes.io/revision` (0 before the controller set it). */
  revision: number;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  unavailable: number;
  state: RolloutState;
  /** kubectl rollout status's line for this state. */
  message: string;
  paused: boolean;
  images: string[];
  conditions: { type: string; status: string; reason: string | null; message: string | null }[];
}

export interface ReplicaSetSummary {
  name: string;
  revision: number;
  desired: number;
  ready: number;
  available: number;
  images: string[];
}

export interface PodSummary {
  name: string;
  phase: string;
  ready: number;
  containers: number;
  restarts: number;
  node: string | null;
  ip: string | null;
  createdAt: string | null;
  /** A container's waiting or terminated reason (ImagePullBackOff, CrashLoopBackOff, Error …). */
  reason: string | null;
  message: string | null;
  podTemplateHash: string | null;
  terminating: boolean;
}

export interface EventSummary {
  id: string;
  type: string;
  reason: string;
  message: string;
  /** `Pod/web-5d8f…` */
  object: string;
  count: number;
  lastSeen: string | null;
}

export interface ServicePortSummary {
  name: string | null;
  port: number;
  targetPort: string | null;
  nodePort: number | null;
  protocol: string;
}

export interface ServiceSummary {
  name: string;
  type: string;
  clusterIP: string | null;
  ports: ServicePortSummary[];
  readyEndpoints: number;
  notReadyEndpoints: number;
}

export interface HpaSummary {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
  targetCpuPercent: number | null;
  currentCpuPercent: number | null;
}

export interface IngressSummary {
  name: string;
  className: string | null;
  rules: { host: string | null; path: string; service: string | null; port: string | null }[];
  addresses: string[];
}

export interface LiveDataByResource {
  /** Same type as listApps()[i].live (null: no Deployment): seed it with the server-rendered value. */
  summary: AppLiveSummary | null;
  /** Same type as getApp().live (detail subscriptions only). */
  detail: AppLiveDetail | null;
  rollout: RolloutSummary | null;
  replicaSets: ReplicaSetSummary[];
  pods: PodSummary[];
  events: EventSummary[];
  services: ServiceSummary[];
  hpa: HpaSummary[];
  ingresses: IngressSummary[];
}

export type LiveResource = keyof LiveDataByResource;

export const liveResources = ['summary', 'detail', 'rollout', 'replicaSets', 'pods', 'events', 'services', 'hpa', 'ingresses'] as const satisfies readonly LiveResource[];

/** `event: update` — the whole current list for one app and resource (replace, never merge). */
export type LiveUpdate = { [R in LiveResource]: { appId: string; resource: R; data: LiveDataByResource[R] } }[LiveResource];

/** `event: ready` — the subscription was accepted. */
export interface LiveReady {
  apps: { appId: string; name: string; namespace: string; detail: boolean }[];
  recheckIntervalMs: number;
}

/** `event: upstream` — the cluster stopped answering for this app; data may be stale until `live`. */
export interface LiveUpstream {
  appId: string;
  state: 'reconnecting' | 'live';
  message: string;
}

/** `event: revoked` — access to an app was withdrawn; the server closes the stream after this. */
export interface LiveRevoked {
  appIds: string[];
  message: string;
}
