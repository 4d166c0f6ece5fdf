// Scaling through the /scale subresource, as kubectl scale does, with an explicit merge-patch type.
import { PatchStrategy, setHeaderOptions, type V1Scale } from '@kubernetes/client-node';
import { BerthError } from '@/lib/errors';
import { berthFieldManager, kubeErrorContext } from './apply';
import type { KubeClients } from './client';
import { callKube } from './errors';

export interface ScaleDeploymentInput {
  namespace: string;
  name: string;
  replicas: number;
  /**
   * Precondition: the Deployment's resourceVersion the caller saw. With it the full Scale object is
   * PUT and a concurrent change answers CONFLICT; without it a merge patch is sent (kubectl scale).
   */
  resourceVersion?: string;
  dryRun?: boolean;
}

export interface ScaleSummary {
  /** Desired replicas after the change. */
  replicas: number;
  /** Replicas currently running (status). */
  currentReplicas: number;
  selector: string | null;
  resourceVersion: string | null;
}

function summarizeScale(scale: V1Scale): ScaleSummary {
  return {
    replicas: scale.spec?.replicas ?? 0,
    currentReplicas: scale.status?.replicas ?? 0,
    selector: scale.status?.selector ?? null,
    resourceVersion: scale.metadata?.resourceVersion ?? null,
  };
}

export async function readDeploymentScale(clients: KubeClients, namespace: string, name: string): Promise<ScaleSummary> {
  const scale = await callKube(kubeErrorContext(clients, `Deployment "${name}"`), () => clients.apps.readNamespacedDeploymentScale({ name, namespace }));
  return summarizeScale(scale);
}

export async function scaleDeployment(clients: KubeClients, input: ScaleDeploymentInput): Promise<ScaleSummary> {
  if (!Number.isInteger(input.replicas) || input.replicas < 0) {
    throw new BerthError('INVALID_INPUT', 'Replicas must be a whole number of 0 or more.', { replicas: ['must be a whole number of 0 or more'] });
  }
  const { namespace, name } = input;
  const dryRun = input.dryRun ? 'All' : undefined;
  const context = kubeErrorContext(clients, `Deployment "${name}"`);
  const scale = await callKube(context, () => {
    if (input.resourceVersion !== undefined) {
      return clients.apps.replaceNamespacedDeploymentScale({
        name,
        namespace,
        dryRun,
        fieldManager: berthFieldManager,
        body: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name, namespace, resourceVersion: input.resourceVersion }, spec: { replicas: input.replicas } },
      });
    }
    return clients.apps.patchNamespacedDeploymentScale(
      { name, namespace, dryRun, fieldManager: berthFieldManager, body: { spec: { replicas: input.replicas } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  });
  return summarizeScale(scale);
}
