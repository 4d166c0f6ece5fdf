// app.autoscale: create, change or remove the app's HorizontalPodAutoscaler (autoscaling/v2, CPU
// utilization). MAINTAINER. Removing it pins the replica count again (default: the HPA's minimum).
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { BerthError } from '@/lib/errors';
import { withHpa, withoutHpa } from '@/lib/manifests';
import { loadAppForChange } from './app-scope';
import { runChange } from './change';
import { changeEnvelope } from './inputs';
import type { ChangeResult } from './types';

export const autoscaleAppInput = z.object({
  ...changeEnvelope,
  /** true: remove the autoscaler. */
  remove: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()).default(false),
  minReplicas: z.unknown().optional(),
  maxReplicas: z.unknown().optional(),
  cpuUtilization: z.unknown().optional(),
  /** When removing: the replica count to pin (default the HPA's minimum). */
  replicas: z.unknown().optional(),
});
export type AutoscaleAppInput = z.input<typeof autoscaleAppInput>;

type Numberish = number | string | undefined;

export async function autoscaleApp(actor: AnyActor | null, raw: AutoscaleAppInput): Promise<ChangeResult> {
  const input = parseInput(autoscaleAppInput, raw);
  const app = await loadAppForChange(actor, input.appId, 'app.autoscale', 'app.autoscale');
  const spec = { minReplicas: input.minReplicas as Numberish, maxReplicas: input.maxReplicas as Numberish, cpuUtilization: input.cpuUtilization as Numberish };
  return runChange({
    actor: actor!,
    app,
    action: 'app.autoscale',
    operation: input.remove ? 'autoscale_remove' : 'autoscale',
    params: input.remove
      ? { remove: true, preview: input.preview || undefined }
      : { minReplicas: String(spec.minReplicas ?? ''), maxReplicas: String(spec.maxReplicas ?? ''), cpuUtilization: String(spec.cpuUtilization ?? ''), preview: input.preview || undefined },
    preview: input.preview,
    force: input.force,
    changeCause: input.changeCause ?? (input.remove ? 'Removed the autoscaler' : `Autoscale ${String(spec.minReplicas ?? 1)}–${String(spec.maxReplicas)} replicas at ${String(spec.cpuUtilization ?? 80)}% CPU`),
    annotateCause: false,
    plan: (current) => {
      if (!input.remove) return withHpa(current, spec as Parameters<typeof withHpa>[1]);
      if (!current.hpa) throw new BerthError('INVALID_INPUT', 'The app has no autoscaler to remove.', { remove: ['no autoscaler'] });
      const pinned = input.replicas === undefined || input.replicas === '' ? undefined : Number(input.replicas);
      return withoutHpa(current, pinned);
    },
  });
}
