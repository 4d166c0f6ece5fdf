// Why a rollout is stuck, in the words the pods give: waiting reasons (ImagePullBackOff,
// CrashLoopBackOff …), crashes and unready containers of the newest ReplicaSet's pods.
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { KubeClients } from './client';
import { formatLabelSelector, listOwnedReplicaSets, listPods } from './read';
import { readReplicaSetRevision } from './rollout-history';

export interface PodProblem {
  pod: string;
  container: string | null;
  /** `ImagePullBackOff`, `CrashLoopBackOff`, `ErrImagePull`, `Unschedulable`, `NotReady` … */
  reason: string;
  message: string | null;
}

/** The ReplicaSet with the highest revision: the one the current rollout creates pods for. */
export function findNewestReplicaSet(replicaSets: V1ReplicaSet[]): V1ReplicaSet | null {
  return replicaSets.reduce<V1ReplicaSet | null>((best, rs) => (best === null || readReplicaSetRevision(rs) > readReplicaSetRevision(best) ? rs : best), null);
}

export function describePodProblems(pods: V1Pod[]): PodProblem[] {
  const problems: PodProblem[] = [];
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp) continue;
    const unschedulable = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False');
    if (unschedulable) {
      problems.push({ pod: name, container: null, reason: unschedulable.reason ?? 'Unschedulable', message: unschedulable.message ?? null });
      continue;
    }
    for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const waiting = status.state?.waiting;
      const terminated = status.state?.terminated ?? status.lastState?.terminated;
      if (waiting && waiting.reason && waiting.reason !== 'ContainerCreating' && waiting.reason !== 'PodInitializing') {
        problems.push({ pod: name, container: status.name, reason: waiting.reason, message: waiting.message ?? null });
      } else if (terminated && terminated.exitCode !== 0) {
        problems.push({ pod: name, container: status.name, reason: terminated.reason ?? 'Error', message: `exit code ${terminated.exitCode}` });
      } else if (status.state?.running && !status.ready) {
        problems.push({ pod: name, container: status.name, reason: 'NotReady', message: 'the readiness probe has not succeeded' });
      }
    }
  }
  return problems;
}

/** One line for a verdict: `ImagePullBackOff: Back-off pulling image "nginx:nope" (pod web-…)`, or null. */
export function summarizePodProblems(problems: PodProblem[]): string | null {
  const first = problems[0];
  if (!first) return null;
  const more = problems.length > 1 ? ` and ${problems.length - 1} more` : '';
  return `${first.reason}${first.message ? `: ${first.message}` : ''} (pod ${first.pod}${more})`;
}

/** The problems of the pods the rollout is creating (the newest ReplicaSet's). */
export async function listRolloutProblems(clients: KubeClients, deployment: V1Deployment): Promise<PodProblem[]> {
  const newest = findNewestReplicaSet(await listOwnedReplicaSets(clients, deployment));
  if (!newest) return [];
  const hash = newest.metadata?.labels?.['pod-template-hash'];
  const selector = [formatLabelSelector(deployment.spec?.selector), hash ? `pod-template-hash=${hash}` : ''].filter(Boolean).join(',');
  const pods = await listPods(clients, deployment.metadata?.namespace ?? '', selector);
  const uid = newest.metadata?.uid;
  return describePodProblems(pods.filter((pod) => (pod.metadata?.ownerReferences ?? []).some((owner) => owner.uid === uid)));
}
