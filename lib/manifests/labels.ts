// Berth's labels and annotations (DESIGN.md, "Kubernetes conventions Berth keeps").
import type { V1ObjectMeta } from '@kubernetes/client-node';
import {
  annotationChangeCause,
  annotationRevision,
  labelManagedBy,
  labelName,
  managedByValue,
  managedKinds,
  type DesiredState,
} from './types';

export interface LabelOptions {
  appName: string;
  revision: number;
  changeCause?: string;
}

function label(metadata: V1ObjectMeta | undefined, labels: Record<string, string>): V1ObjectMeta {
  return { ...(metadata ?? {}), labels: { ...(metadata?.labels ?? {}), ...labels } };
}

function annotate(metadata: V1ObjectMeta, annotations: Record<string, string>): V1ObjectMeta {
  return { ...metadata, annotations: { ...(metadata.annotations ?? {}), ...annotations } };
}

/**
 * Applies Berth's conventions to every object of a state and returns a new state:
 * `app.kubernetes.io/name` and `app.kubernetes.io/managed-by=berth` on each object and on the pod
 * template, `berth.dev/revision` on each object, `kubernetes.io/change-cause` on the Deployment.
 *
 * The revision goes on object metadata only, never on the pod template: a pod-template change makes
 * the Deployment controller start a new ReplicaSet, so a revision number there would roll every pod on
 * every revision — even one that only scaled or added a Service.
 */
export function labelState(state: DesiredState, options: LabelOptions): DesiredState {
  const next = structuredClone(state);
  const labels = { [labelName]: options.appName, [labelManagedBy]: managedByValue };
  const revision = { [annotationRevision]: String(options.revision) };
  for (const { key } of managedKinds) {
    const object = next[key];
    if (!object) continue;
    object.metadata = annotate(label(object.metadata, labels), revision);
  }

  const deployment = next.deployment;
  if (options.changeCause) deployment.metadata = annotate(deployment.metadata!, { [annotationChangeCause]: options.changeCause });
  const spec = (deployment.spec ??= { selector: {}, template: {} });
  // The selector is immutable once the Deployment exists: an adopted Deployment keeps its own, and the
  // pod template always carries whatever it selects on.
  const matchLabels = spec.selector?.matchLabels && Object.keys(spec.selector.matchLabels).length > 0
    ? spec.selector.matchLabels
    : { [labelName]: options.appName };
  spec.selector = { ...spec.selector, matchLabels };
  spec.template = { ...spec.template, metadata: label(spec.template?.metadata, { ...matchLabels, ...labels }) };

  // A Service from YAML may select on purpose differently; one without a selector gets the app's pods.
  const service = next.service?.spec;
  if (service && Object.keys(service.selector ?? {}).length === 0) service.selector = { ...matchLabels };
  return next;
}
