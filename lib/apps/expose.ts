// app.expose: the app's Service (ClusterIP, NodePort or LoadBalancer; ports, optional node ports) and
// Ingress (host, path, TLS secret). MAINTAINER. `null` removes one; leaving it out keeps it as it is.
// A node port another Service holds is refused by the cluster (422): that attempt reached the
// cluster, so it is audited as FAILED with the cluster's reason.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { withIngress, withoutIngress, withoutService, withService, type DesiredState, type ExposeInput, type IngressInput } from '@/lib/manifests';
import { BerthError } from '@/lib/errors';
import { loadAppForChange } from './app-scope';
import { runChange } from './change';
import { changeEnvelope } from './inputs';
import type { ChangeResult } from './types';

export const exposeAppInput = z
  .object({ ...changeEnvelope, service: z.unknown().optional(), ingress: z.unknown().optional() })
  .superRefine((input, ctx) => {
    if (input.service === undefined && input.ingress === undefined) ctx.addIssue({ code: 'custom', path: ['service'], message: 'Say what to expose: a Service, an Ingress, or both' });
  });
export type ExposeAppInput = z.input<typeof exposeAppInput>;

function planExpose(current: DesiredState, service: unknown, ingress: unknown): DesiredState {
  let next = current;
  if (ingress === null) next = withoutIngress(next);
  if (service === null) {
    if (!next.service) throw new BerthError('INVALID_INPUT', 'The app has no Service to remove.', { service: ['no Service'] });
    next = withoutService(next);
  } else if (service !== undefined) {
    next = withService(next, service as ExposeInput);
  }
  if (ingress !== null && ingress !== undefined) next = withIngress(next, ingress as IngressInput);
  return next;
}

function describe(value: unknown): string {
  if (value === null) return 'removed';
  if (value === undefined) return 'unchanged';
  return JSON.stringify(value).slice(0, 500);
}

export async function exposeApp(actor: AnyActor | null, raw: ExposeAppInput): Promise<ChangeResult> {
  const input = parseInput(exposeAppInput, raw);
  const app = await loadAppForChange(actor, input.appId, 'app.expose', 'app.expose');
  return runChange({
    actor: actor!,
    app,
    action: 'app.expose',
    operation: 'expose',
    params: { service: describe(input.service), ingress: describe(input.ingress), preview: input.preview || undefined, force: input.force || undefined },
    preview: input.preview,
    force: input.force,
    changeCause: input.changeCause ?? 'Changed how the app is exposed',
    annotateCause: false,
    plan: (current) => planExpose(current, input.service, input.ingress),
  });
}
