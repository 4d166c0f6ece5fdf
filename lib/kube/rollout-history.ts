// Rollout history of a Deployment from its ReplicaSets, as `kubectl rollout history` reads it.
import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import { kubeErrorContext } from './apply';
import type { KubeClients } from './client';
import { callKube } from './errors';
import { listOwnedReplicaSets } from './read';

export interface RolloutRevision {
  /** `deployment.kubernetes.io/revision` of the ReplicaSet (0 when missing, as kubectl counts it). */
  revision: number;
  changeCause: string | null;
  replicaSetName: string;
  template: V1PodTemplateSpec;
  replicas: number;
  createdAt: string | null;
}

export function readReplicaSetRevision(rs: V1ReplicaSet): number {
  const value = Number.parseInt(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '', 10);
  return Number.isFinite(value) ? value : 0;
}

function toRevision(rs: V1ReplicaSet): RolloutRevision {
  const created = rs.metadata?.creationTimestamp;
  return {
    revision: readReplicaSetRevision(rs),
    changeCause: rs.metadata?.annotations?.['kubernetes.io/change-cause'] ?? null,
    replicaSetName: rs.metadata?.name ?? '',
    template: rs.spec?.template ?? {},
    replicas: rs.status?.replicas ?? 0,
    createdAt: created ? new Date(created).toISOString() : null,
  };
}

// Mirrors kubectl DeploymentHistoryViewer.ViewHistory (history.go): one entry per owned ReplicaSet.
export async function listRolloutHistoryOf(clients: KubeClients, deployment: V1Deployment): Promise<RolloutRevision[]> {
  const replicaSets = await listOwnedReplicaSets(clients, deployment);
  return replicaSets.map(toRevision).sort((a, b) => a.revision - b.revision);
}

/** The revisions of a Deployment, oldest first (empty: "No rollout history found."). */
export async function listRolloutHistory(clients: KubeClients, namespace: string, name: string): Promise<RolloutRevision[]> {
  const deployment = await callKube(kubeErrorContext(clients, `Deployment "${name}"`), () => clients.apps.readNamespacedDeployment({ name, namespace }));
  return listRolloutHistoryOf(clients, deployment);
}
