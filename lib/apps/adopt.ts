// app.adopt: takes an existing Deployment Berth did not create under management, with the Service of
// the same name and the HPA that scales it if there are. MAINTAINER. Berth co-owns the fields with
// their values as they are and labels the objects; the pod template keeps its labels, so adopting does
// not restart a single pod. The apply is forced (adopting needs MAINTAINER, as forcing does): Berth
// becomes the fields' only manager, so its later changes do not conflict with `kubectl create`'s
// ownership of the very values it adopted.
import { parseInput } from '@/lib/manifests/parse-input';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { AnyActor } from '@/lib/access/actor';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { getKubeClients } from '@/lib/kube/client';
import { readDeployment, readObject } from '@/lib/kube/read';
import { liveToState, managedByValue, labelManagedBy, type DesiredState, type LiveObject } from '@/lib/manifests';
import { loadNamespaceForChange, resolveOwningTeam } from './app-scope';
import { applyState, previewState, labelRevision } from './apply-state';
import { afterRevisionStored } from './change';
import { optionalChangeCause, previewField } from './inputs';
import { storeRevision } from './store-revision';
import { takeOwnership } from './take-ownership';
import { toChangePreview, toRevisionSummary, type ChangeResult } from './types';

export const adoptAppInput = z.object({
  clusterId: z.string({ error: 'Cluster is required' }).trim().min(1, { error: 'Cluster is required' }),
  namespace: z.string({ error: 'Namespace is required' }).trim().min(1, { error: 'Namespace is required' }),
  name: z
    .string({ error: 'Deployment name is required' })
    .trim()
    .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, { error: 'Deployment name must be a DNS-1035 label (lowercase letters, digits and "-", starting with a letter)' })
    .max(63, { error: 'Deployment name must be at most 63 characters' }),
  teamId: z.string().trim().min(1).optional(),
  changeCause: optionalChangeCause,
  preview: previewField,
});
export type AdoptAppInput = z.input<typeof adoptAppInput>;

export async function adoptApp(actor: AnyActor | null, raw: AdoptAppInput): Promise<ChangeResult> {
  const input = parseInput(adoptAppInput, raw);
  const audit = { action: 'app.adopt' as const, target: `${input.namespace}/${input.name}`, scope: { clusterId: input.clusterId, namespace: input.namespace } };
  const scope = await loadNamespaceForChange(actor, { clusterId: input.clusterId, namespace: input.namespace }, 'app.manage', audit);
  const signedIn = actor as AnyActor;
  const teamId = await resolveOwningTeam(signedIn, scope, input.teamId);
  const taken = await db.app.findUnique({ where: { clusterId_namespace_name: { clusterId: input.clusterId, namespace: input.namespace, name: input.name } }, select: { id: true } });
  if (taken) throw new BerthError('CONFLICT', `Berth already manages an app named "${input.name}" in namespace ${input.namespace}.`, { name: ['already managed'] });
  const clients = await getKubeClients(input.clusterId);
  const deployment = await readDeployment(clients, input.namespace, input.name);
  if (!deployment) throw new BerthError('INVALID_INPUT', `There is no Deployment named "${input.name}" in namespace ${input.namespace} of cluster ${scope.clusterName}.`, { name: ['no such Deployment'] });
  if (deployment.metadata?.labels?.[labelManagedBy] === managedByValue) {
    throw new BerthError('CONFLICT', `Deployment "${input.name}" is already labeled as managed by Berth (another Berth installation?).`, { name: ['already managed'] });
  }
  const ref = (apiVersion: string, kind: string) => ({ apiVersion, kind, namespace: input.namespace, name: input.name });
  const [service, hpa] = await Promise.all([readObject(clients, ref('v1', 'Service')), readObject(clients, ref('autoscaling/v2', 'HorizontalPodAutoscaler'))]);
  const related: KubernetesObject[] = [deployment];
  if (service) related.push(service);
  const target = hpa as { spec?: { scaleTargetRef?: { kind?: string; name?: string } } } | null;
  if (hpa && target?.spec?.scaleTargetRef?.kind === 'Deployment' && target.spec.scaleTargetRef.name === input.name) related.push(hpa);
  const live = liveToState(related as LiveObject[]) as DesiredState;
  const state = labelRevision(live, { appName: input.name, revision: 1, changeCause: input.changeCause, labelPods: false });
  const appId = randomUUID();
  if (input.preview) return toChangePreview(appId, await previewState(clients, null, state, { force: true }));
  const app = { id: appId, name: input.name, namespace: input.namespace, clusterId: input.clusterId, clusterName: scope.clusterName, teamId, currentRevision: null, access: scope.access };
  const stored = await runAudited(
    signedIn,
    { action: 'app.adopt', scope: { teamId, clusterId: input.clusterId, namespace: input.namespace, appId }, target: `${scope.clusterName}/${input.namespace}/${input.name}`, params: { objects: related.map((o) => `${o.kind} "${o.metadata?.name}"`) } },
    async () => {
      await takeOwnership(clients, await applyState(clients, null, state, { force: true }));
      return db.$transaction(async (tx) => {
        await tx.app.create({ data: { id: appId, teamId, clusterId: input.clusterId, namespace: input.namespace, name: input.name } });
        // Followed like a new rollout so the first revision's verdict says how the adopted Deployment is doing.
        return storeRevision({ appId, state, operation: 'adopt', actor: signedIn, changeCause: input.changeCause ?? `Adopted ${input.name}`, startsRollout: true }, tx);
      });
    },
  );
  afterRevisionStored(app, stored);
  return { kind: 'applied', appId, revision: toRevisionSummary(stored.revision) };
}
