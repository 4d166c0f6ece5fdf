// The apps in the actor's visible namespaces, with what the cluster says about each: image, replicas
// ready/desired and rollout state. One Deployment list per namespace, however many apps it holds; a
// cluster that does not answer leaves `live` null instead of failing the page.
import type { V1Deployment } from '@kubernetes/client-node';
import type { AnyActor } from '@/lib/access/actor';
import { requireActor } from '@/lib/access/require';
import { getNamespaceScope } from '@/lib/access/scope';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { kubeErrorContext } from '@/lib/kube/apply';
import { getKubeClients } from '@/lib/kube/client';
import { callKube } from '@/lib/kube/errors';
import { computeRolloutStatus, type RolloutState } from '@/lib/kube/rollout-status';
import { labelManagedBy, managedByValue, type DesiredState } from '@/lib/manifests';
import { revisionSummarySelect, toRevisionSummary, type RevisionSummary } from './types';

export interface AppLiveSummary {
  image: string | null;
  readyReplicas: number;
  desiredReplicas: number;
  rolloutState: RolloutState;
  rolloutMessage: string;
}

export interface AppSummary {
  id: string;
  name: string;
  namespace: string;
  clusterId: string;
  clusterName: string;
  teamId: string;
  teamName: string;
  /** The image of the current revision's first container. */
  image: string | null;
  lastChange: RevisionSummary | null;
  /** null when the cluster could not be asked (or the Deployment is gone). */
  live: AppLiveSummary | null;
  liveError: string | null;
}

export function summarizeDeployment(deployment: V1Deployment): AppLiveSummary {
  const status = computeRolloutStatus(deployment);
  return {
    image: deployment.spec?.template?.spec?.containers?.[0]?.image ?? null,
    readyReplicas: deployment.status?.readyReplicas ?? 0,
    desiredReplicas: deployment.spec?.replicas ?? 0,
    rolloutState: status.state,
    rolloutMessage: status.message,
  };
}

async function listNamespaceDeployments(clusterId: string, namespace: string): Promise<Map<string, V1Deployment>> {
  const clients = await getKubeClients(clusterId);
  const list = await callKube(kubeErrorContext(clients, 'deployments'), () =>
    clients.apps.listNamespacedDeployment({ namespace, labelSelector: `${labelManagedBy}=${managedByValue}` }),
  );
  return new Map(list.items.map((d) => [d.metadata?.name ?? '', d]));
}

export async function listApps(actor: AnyActor | null, options: { live?: boolean } = {}): Promise<AppSummary[]> {
  const signedIn = requireActor(actor);
  const scope = await getNamespaceScope(signedIn);
  let where: Prisma.AppWhereInput = {};
  if (scope.kind === 'some') {
    if (scope.namespaces.length === 0) return [];
    where = { OR: scope.namespaces.map(({ clusterId, namespace }) => ({ clusterId, namespace })) };
  }
  const rows = await db.app.findMany({
    where,
    orderBy: [{ cluster: { name: 'asc' } }, { namespace: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      namespace: true,
      clusterId: true,
      teamId: true,
      team: { select: { name: true } },
      cluster: { select: { name: true } },
      currentRevision: { select: { ...revisionSummarySelect, manifest: true } },
    },
  });
  const live = new Map<string, Promise<Map<string, V1Deployment>>>();
  if (options.live !== false) {
    for (const row of rows) {
      const key = `${row.clusterId}\u0000${row.namespace}`;
      if (!live.has(key)) live.set(key, listNamespaceDeployments(row.clusterId, row.namespace));
    }
  }
  return Promise.all(
    rows.map(async (row): Promise<AppSummary> => {
      const manifest = row.currentRevision?.manifest as unknown as DesiredState | undefined;
      let summary: AppLiveSummary | null = null;
      let liveError: string | null = null;
      const namespaceLive = live.get(`${row.clusterId}\u0000${row.namespace}`);
      if (namespaceLive) {
        try {
          const deployment = (await namespaceLive).get(row.name);
          summary = deployment ? summarizeDeployment(deployment) : null;
          if (!deployment) liveError = 'The Deployment is missing from the cluster.';
        } catch (error) {
          liveError = error instanceof BerthError ? error.message : 'The cluster could not be asked.';
        }
      }
      return {
        id: row.id,
        name: row.name,
        namespace: row.namespace,
        clusterId: row.clusterId,
        clusterName: row.cluster.name,
        teamId: row.teamId,
        teamName: row.team.name,
        image: manifest?.deployment.spec?.template?.spec?.containers?.[0]?.image ?? null,
        lastChange: row.currentRevision ? toRevisionSummary(row.currentRevision) : null,
        live: summary,
        liveError,
      };
    }),
  );
}
