// app.delete: deletes every object of the app from the cluster (background cascading, as `kubectl
// delete` does: the garbage collector removes ReplicaSets and pods) and the app with its revisions.
// MAINTAINER. The audit log keeps the app's history.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { runAudited } from '@/lib/audit/append';
import { db } from '@/lib/db';
import { deleteObjects } from '@/lib/kube/apply';
import { getKubeClients } from '@/lib/kube/client';
import { describeRef } from '@/lib/kube/kinds';
import type { DesiredState } from '@/lib/manifests';
import { auditScopeOf, auditTargetOf, loadAppForChange } from './app-scope';
import { diffLive, readLiveObjects, refsOf } from './apply-state';
import { stopRolloutFollower } from './rollout-verdict';
import { withAppLock } from './store-revision';
import { toChangePreview, type ChangePreview } from './types';
import { appIdField, previewField } from './inputs';

export const deleteAppInput = z.object({ appId: appIdField, preview: previewField });
export type DeleteAppInput = z.input<typeof deleteAppInput>;

export interface AppDeleted {
  kind: 'deleted';
  appId: string;
  /** `Deployment "web"`, … with whether each still existed. */
  objects: { object: string; existed: boolean }[];
}

export async function deleteApp(actor: AnyActor | null, raw: DeleteAppInput): Promise<AppDeleted | ChangePreview> {
  const input = parseInput(deleteAppInput, raw);
  const app = await loadAppForChange(actor, input.appId, 'app.manage', 'app.delete');
  return withAppLock(app.id, async () => {
    const current = (await db.revision.findFirst({ where: { appId: app.id }, orderBy: { number: 'desc' }, select: { manifest: true } }))?.manifest as unknown as DesiredState | undefined;
    const refs = current ? refsOf(current) : [];
    const clients = await getKubeClients(app.clusterId);
    if (input.preview) {
      const before = current ? await readLiveObjects(clients, [current]) : [];
      if (refs.length > 0) await deleteObjects(clients, refs, { dryRun: true });
      return toChangePreview(app.id, diffLive(before, [], current ?? {}));
    }
    return runAudited(actor!, { action: 'app.delete', scope: auditScopeOf(app), target: auditTargetOf(app), params: { objects: refs.map(describeRef) } }, async () => {
      stopRolloutFollower(app.id);
      const deleted = await deleteObjects(clients, refs, { propagationPolicy: 'Background' });
      await db.$transaction([db.app.update({ where: { id: app.id }, data: { currentRevisionId: null } }), db.app.delete({ where: { id: app.id } })]);
      return { kind: 'deleted' as const, appId: app.id, objects: deleted.map((d) => ({ object: describeRef(d.ref), existed: d.existed })) };
    });
  });
}
