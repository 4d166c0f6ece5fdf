// app.scale: through the /scale subresource, as `kubectl scale` does. DEPLOYER. Refused while an HPA
// owns the replica count. With the resourceVersion the user saw, a concurrent change answers CONFLICT
// instead of being overwritten.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { readDeployment } from '@/lib/kube/read';
import { scaleDeployment } from '@/lib/kube/scale';
import { withReplicas, type LiveObject } from '@/lib/manifests';
import { loadAppForChange } from './app-scope';
import { diffLive } from './apply-state';
import { runChange } from './change';
import { appIdField, optionalChangeCause, previewField } from './inputs';
import type { ChangeResult } from './types';

export const scaleAppInput = z.object({
  appId: appIdField,
  replicas: z.unknown().optional(),
  /** The Deployment's resourceVersion the caller saw (optional precondition). */
  resourceVersion: z.string().trim().min(1).max(64).optional(),
  changeCause: optionalChangeCause,
  preview: previewField,
});
export type ScaleAppInput = z.input<typeof scaleAppInput>;

export async function scaleApp(actor: AnyActor | null, raw: ScaleAppInput): Promise<ChangeResult> {
  const input = parseInput(scaleAppInput, raw);
  const app = await loadAppForChange(actor, input.appId, 'app.scale', 'app.scale');
  let replicas = 0;
  return runChange({
    actor: actor!,
    app,
    action: 'app.scale',
    operation: 'scale',
    params: { replicas: typeof input.replicas === 'number' || typeof input.replicas === 'string' ? input.replicas : null, preview: input.preview || undefined },
    preview: input.preview,
    force: false,
    changeCause: input.changeCause ?? `Scaled to ${String(input.replicas)} replicas`,
    relabel: false,
    plan: (current) => {
      const next = withReplicas(current, input.replicas as number | string);
      replicas = next.deployment.spec?.replicas ?? 0;
      return next;
    },
    execute: async ({ clients }) => {
      await scaleDeployment(clients, { namespace: app.namespace, name: app.name, replicas, resourceVersion: input.resourceVersion });
    },
    dryRun: async ({ clients, next }) => {
      const live = await readDeployment(clients, app.namespace, app.name);
      const scaled = await scaleDeployment(clients, { namespace: app.namespace, name: app.name, replicas, resourceVersion: input.resourceVersion, dryRun: true });
      const before = live ? [live as LiveObject] : [];
      const after = live ? [{ ...live, spec: { ...live.spec!, replicas: scaled.replicas } } as LiveObject] : [];
      return diffLive(before, after, { deployment: next.deployment });
    },
  });
}
