// app.restart: `kubectl rollout restart` (the restartedAt annotation on the pod template). DEPLOYER.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { readDeployment } from '@/lib/kube/read';
import { restartDeployment } from '@/lib/kube/rollout-undo';
import type { DesiredState, LiveObject } from '@/lib/manifests';
import { loadAppForChange } from './app-scope';
import { diffLive } from './apply-state';
import { runChange } from './change';
import { appIdField, optionalChangeCause, previewField } from './inputs';
import type { ChangeResult } from './types';

export const restartAppInput = z.object({ appId: appIdField, changeCause: optionalChangeCause, preview: previewField });
export type RestartAppInput = z.input<typeof restartAppInput>;

const restartedAtAnnotation = 'kubectl.kubernetes.io/restartedAt';

function withRestartedAt(state: DesiredState, restartedAt: string): DesiredState {
  const next = structuredClone(state);
  const template = next.deployment.spec?.template;
  if (template) template.metadata = { ...template.metadata, annotations: { ...(template.metadata?.annotations ?? {}), [restartedAtAnnotation]: restartedAt } };
  return next;
}

export async function restartApp(actor: AnyActor | null, raw: RestartAppInput): Promise<ChangeResult> {
  const input = parseInput(restartAppInput, raw);
  const app = await loadAppForChange(actor, input.appId, 'app.deploy', 'app.restart');
  return runChange({
    actor: actor!,
    app,
    action: 'app.restart',
    operation: 'restart',
    params: { preview: input.preview || undefined },
    preview: input.preview,
    force: false,
    changeCause: input.changeCause ?? 'Restarted',
    relabel: false,
    plan: (current) => current,
    execute: async ({ clients, current }) => {
      const restarted = await restartDeployment(clients, { namespace: app.namespace, name: app.name });
      const at = restarted.spec?.template?.metadata?.annotations?.[restartedAtAnnotation];
      return at ? withRestartedAt(current, at) : current;
    },
    dryRun: async ({ clients, current }) => {
      const live = await readDeployment(clients, app.namespace, app.name);
      const restarted = await restartDeployment(clients, { namespace: app.namespace, name: app.name, dryRun: true });
      return diffLive(live ? [live as LiveObject] : [], [restarted as LiveObject], { deployment: current.deployment });
    },
  });
}
