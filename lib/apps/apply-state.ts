// Putting a desired state on the cluster (server-side apply, field manager `berth`) and previewing it
// (server-side dry run, diffed against the live objects).
import type { KubernetesObject } from '@kubernetes/client-node';
import { applyObjects, deleteObjects, type AppliedObject, type ApplyOptions } from '@/lib/kube/apply';
import type { KubeClients } from '@/lib/kube/client';
import { refOf, type KubeObjectRef } from '@/lib/kube/kinds';
import { readObjects } from '@/lib/kube/read';
import {
  diffStates,
  labelState,
  liveToState,
  managedKinds,
  normalizeObject,
  normalizeState,
  type DesiredState,
  type LiveObject,
  type ManagedObject,
  type StateDiff,
} from '@/lib/manifests';

export function objectsOf(state: Partial<DesiredState>): KubernetesObject[] {
  return managedKinds.map(({ key }) => state[key]).filter((o): o is ManagedObject => o !== undefined) as KubernetesObject[];
}

export function refsOf(state: Partial<DesiredState>): KubeObjectRef[] {
  return objectsOf(state).map(refOf);
}

/** Objects of `previous` that `next` no longer has (by kind and name): deleted after the apply. */
export function removedRefs(previous: Partial<DesiredState> | null, next: Partial<DesiredState>): KubeObjectRef[] {
  if (!previous) return [];
  const kept = new Set(refsOf(next).map((r) => `${r.kind}/${r.name}`));
  return refsOf(previous).filter((r) => !kept.has(`${r.kind}/${r.name}`));
}

export interface ApplyStateOptions {
  force?: boolean;
  dryRun?: boolean;
}

/**
 * While the previous revision had an autoscaler, the Deployment's replicas were written by that HPA (as
 * kube-controller-manager through /scale). Berth created the HPA, so a revision that removes it or pins
 * replicas again takes the field back without asking for force.
 */
function berthCausedConflicts(previous: DesiredState | null): ApplyOptions['isBerthCaused'] {
  if (!previous?.hpa) return undefined;
  return (conflict, object) => object.kind === 'Deployment' && conflict.field === '.spec.replicas';
}

/** Applies `next` and deletes what `previous` had and `next` drops (an HPA removed, a Service unexposed). */
export async function applyState(clients: KubeClients, previous: DesiredState | null, next: DesiredState, options: ApplyStateOptions = {}): Promise<AppliedObject[]> {
  const applied = await applyObjects(clients, objectsOf(next), { ...options, isBerthCaused: berthCausedConflicts(previous) });
  const removed = removedRefs(previous, next);
  if (removed.length > 0) await deleteObjects(clients, removed, { dryRun: options.dryRun });
  return applied;
}

/** The live objects of every kind either state names. */
export async function readLiveObjects(clients: KubeClients, states: Partial<DesiredState>[]): Promise<LiveObject[]> {
  const refs = new Map<string, KubeObjectRef>();
  for (const state of states) for (const ref of refsOf(state)) refs.set(`${ref.kind}/${ref.name}`, ref);
  const live = await readObjects(clients, [...refs.values()]);
  return live.filter((o): o is KubernetesObject => o !== null) as LiveObject[];
}

/** The diff between what is live and what the server would hold afterwards, both reduced to what `desired` manages. */
export function diffLive(before: LiveObject[], after: LiveObject[], desired: Partial<DesiredState>): StateDiff {
  return diffStates(liveToState(before, desired), liveToState(after, desired));
}

/** Server-side dry run of `next` (deletions included) compared with the live objects. */
export async function previewState(clients: KubeClients, previous: DesiredState | null, next: DesiredState, options: { force?: boolean } = {}): Promise<StateDiff> {
  const before = await readLiveObjects(clients, previous ? [previous, next] : [next]);
  const applied = await applyObjects(clients, objectsOf(next), { force: options.force, dryRun: true, isBerthCaused: berthCausedConflicts(previous) });
  const removed = removedRefs(previous, next);
  if (removed.length > 0) await deleteObjects(clients, removed, { dryRun: true });
  const after = applied.map((a) => a.object as LiveObject);
  return diffLive(before, after, { ...(previous ?? {}), ...next });
}

export interface LabelRevisionOptions {
  appName: string;
  revision: number;
  changeCause?: string;
  /**
   * Put Berth's labels on the pod template too (apps Berth creates). Later revisions and adopted apps
   * keep the template's labels as they are: a new pod label would roll every pod for nothing.
   */
  labelPods: boolean;
}

/** Berth's labels and annotations on a state, normalized: what a revision stores and what is applied. */
export function labelRevision(state: DesiredState, options: LabelRevisionOptions): DesiredState {
  const labeled = labelState(state, { appName: options.appName, revision: options.revision, changeCause: options.changeCause });
  if (!options.labelPods) {
    const template = labeled.deployment.spec?.template;
    const original = state.deployment.spec?.template?.metadata?.labels ?? {};
    const selector = labeled.deployment.spec?.selector?.matchLabels ?? {};
    if (template) template.metadata = { ...template.metadata, labels: { ...original, ...selector } };
  }
  return normalizeState(labeled);
}

/** Whether the pod template differs: only then does the Deployment start a new rollout. */
export function isTemplateChanged(previous: DesiredState | null, next: DesiredState): boolean {
  if (!previous) return true;
  const template = (state: DesiredState) => JSON.stringify(normalizeObject({ ...state.deployment, metadata: {}, spec: { selector: {}, template: state.deployment.spec?.template ?? {} } }));
  return template(previous) !== template(next);
}
