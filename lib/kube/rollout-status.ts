// Rollout status of a Deployment, message for message as `kubectl rollout status` prints it.
import { Watch, type V1Deployment } from '@kubernetes/client-node';
import { BerthError } from '@/lib/errors';
import { kubeErrorContext } from './apply';
import type { KubeClients } from './client';
import { callKube } from './errors';

export type RolloutState = 'progressing' | 'complete' | 'failed';

export interface RolloutStatus {
  state: RolloutState;
  /** kubectl's line without the trailing newline (for `failed`, the error text without `error: `). */
  message: string;
  /** The Deployment's `deployment.kubernetes.io/revision` (0 when missing). */
  revision: number;
}

export function readDeploymentRevision(deployment: V1Deployment): number {
  const value = Number.parseInt(deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '', 10);
  return Number.isFinite(value) ? value : 0;
}

// Mirrors kubectl polymorphichelpers DeploymentStatusViewer.Status (rollout_status.go).
export function computeRolloutStatus(deployment: V1Deployment, wantedRevision = 0): RolloutStatus {
  const name = JSON.stringify(deployment.metadata?.name ?? '');
  const revision = readDeploymentRevision(deployment);
  if (wantedRevision > 0 && wantedRevision !== revision) {
    return { state: 'failed', revision, message: `desired revision (${wantedRevision}) is different from the running revision (${revision})` };
  }
  const generation = deployment.metadata?.generation ?? 0;
  const status = deployment.status ?? {};
  if (generation <= (status.observedGeneration ?? 0)) {
    const progressing = (status.conditions ?? []).find((condition) => condition.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return { state: 'failed', revision, message: `deployment ${name} exceeded its progress deadline` };
    }
    const desired = deployment.spec?.replicas;
    const updated = status.updatedReplicas ?? 0;
    const replicas = status.replicas ?? 0;
    const available = status.availableReplicas ?? 0;
    if (desired !== undefined && updated < desired) {
      return { state: 'progressing', revision, message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${desired} new replicas have been updated...` };
    }
    if (replicas > updated) {
      return { state: 'progressing', revision, message: `Waiting for deployment ${name} rollout to finish: ${replicas - updated} old replicas are pending termination...` };
    }
    if (available < updated) {
      return { state: 'progressing', revision, message: `Waiting for deployment ${name} rollout to finish: ${available} of ${updated} updated replicas are available...` };
    }
    return { state: 'complete', revision, message: `deployment ${name} successfully rolled out` };
  }
  return { state: 'progressing', revision, message: 'Waiting for deployment spec update to be observed...' };
}

export async function readRolloutStatus(clients: KubeClients, namespace: string, name: string, wantedRevision = 0): Promise<RolloutStatus> {
  const deployment = await callKube(kubeErrorContext(clients, `Deployment "${name}"`), () => clients.apps.readNamespacedDeployment({ name, namespace }));
  return computeRolloutStatus(deployment, wantedRevision);
}

export interface WatchRolloutOptions {
  /** Called for every observed state of the Deployment, as kubectl prints one line per event. */
  onStatus?: (status: RolloutStatus) => void;
  /** Give up after this long (returns the last status with timedOut). Default: no limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
  wantedRevision?: number;
}

export interface WatchedRollout extends RolloutStatus {
  timedOut: boolean;
}

/**
 * Follows a rollout like `kubectl rollout status`: list with a metadata.name field selector, then
 * watch from that resourceVersion; a dropped watch is resumed by listing again.
 */
export async function watchRolloutStatus(clients: KubeClients, namespace: string, name: string, options: WatchRolloutOptions = {}): Promise<WatchedRollout> {
  const context = kubeErrorContext(clients, `Deployment "${name}"`);
  const fieldSelector = `metadata.name=${name}`;
  const watch = new Watch(clients.kubeConfig);
  let last: RolloutStatus | null = null;
  const deadline = options.timeoutMs !== undefined ? Date.now() + options.timeoutMs : Infinity;

  return new Promise<WatchedRollout>((resolve, reject) => {
    let finished = false;
    let controller: AbortController | null = null;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: { result?: WatchedRollout; error?: unknown }) => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      controller?.abort();
      if (outcome.error !== undefined) reject(outcome.error);
      else if (outcome.result) resolve(outcome.result);
    };
    const timeOut = () =>
      finish({ result: { ...(last ?? { state: 'progressing', revision: 0, message: 'Waiting for deployment spec update to be observed...' }), timedOut: true } });
    const onAbort = () => timeOut();
    options.signal?.addEventListener('abort', onAbort);
    if (deadline !== Infinity) timer = setTimeout(timeOut, Math.max(0, deadline - Date.now()));

    const observe = (deployment: V1Deployment) => {
      last = computeRolloutStatus(deployment, options.wantedRevision ?? 0);
      options.onStatus?.(last);
      if (last.state !== 'progressing') finish({ result: { ...last, timedOut: false } });
    };

    const listAndWatch = async (attempt: number): Promise<void> => {
      if (finished) return;
      try {
        const list = await callKube(context, () => clients.apps.listNamespacedDeployment({ namespace, fieldSelector }));
        if (list.items.length === 0) throw new BerthError('FORBIDDEN_OR_NOT_FOUND', `Deployment "${name}" was not found in cluster ${clients.clusterName}.`);
        observe(list.items[0]);
        if (finished) return;
        controller = await watch.watch(
          `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments`,
          { fieldSelector, resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
          (phase, object: V1Deployment) => {
            if (phase === 'DELETED') finish({ error: new BerthError('CONFLICT', `Deployment "${name}" was deleted while its rollout was being followed.`) });
            else if (phase === 'ADDED' || phase === 'MODIFIED') observe(object);
          },
          () => {
            // The stream ended (server timeout, dropped connection, 410): list again and resume.
            if (!finished) setTimeout(() => void listAndWatch(0), 200);
          },
        );
      } catch (error) {
        if (finished) return;
        if (error instanceof BerthError && error.code !== 'CLUSTER_UNAVAILABLE') return finish({ error });
        // The cluster is briefly unreachable: keep trying until the deadline, like a reflector would.
        if (attempt >= 5 && deadline === Infinity) return finish({ error });
        setTimeout(() => void listAndWatch(attempt + 1), Math.min(5000, 250 * 2 ** attempt));
      }
    };
    void listAndWatch(0);
  });
}
