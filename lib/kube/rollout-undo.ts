// `kubectl rollout undo` and `kubectl rollout restart`, reproduced request for request, with a
// resourceVersion precondition added so a concurrent change is reported instead of overwritten.
import { PatchStrategy, setHeaderOptions, type V1Deployment, type V1PodTemplateSpec, type V1ReplicaSet } from '@kubernetes/client-node';
import { BerthError } from '@/lib/errors';
import { berthFieldManager, kubeErrorContext } from './apply';
import type { KubeClients } from './client';
import { callKube } from './errors';
import { listOwnedReplicaSets } from './read';
import { readReplicaSetRevision } from './rollout-history';

const podTemplateHashLabel = 'pod-template-hash';
const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

// kubectl rollback.go annotationsToSkip: kept from the Deployment, never copied from the ReplicaSet.
const annotationsToSkip = new Set([
  lastAppliedAnnotation,
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export interface UndoDeploymentInput {
  namespace: string;
  name: string;
  /** 0 (default): the previous revision; otherwise that ReplicaSet revision. */
  toRevision?: number;
  /** Precondition: the resourceVersion the caller saw; default: the one just read. */
  resourceVersion?: string;
  dryRun?: boolean;
}

export interface UndoResult {
  outcome: 'rolled-back' | 'skipped';
  /** kubectl's output without the `deployment.apps/<name> ` prefix: `rolled back`, `skipped rollback (…)`. */
  message: string;
  /** The revision rolled back to (0 for a skipped default undo, as kubectl prints it). */
  toRevision: number;
  warnings: string[];
  deployment: V1Deployment | null;
}

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

function toPlain(value: unknown): Plain {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Plain);
}

function isEmpty(value: Plain | undefined): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
}

// apimachinery's semantic DeepEqual: nil and empty slices/maps are equal.
function isSemanticallyEqual(a: Plain | undefined, b: Plain | undefined): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => isSemanticallyEqual(item, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => isSemanticallyEqual(a[key], b[key]));
  }
  return a === b;
}

function withoutHash(template: V1PodTemplateSpec | undefined): Plain {
  const plain = toPlain(template ?? {});
  if (plain && typeof plain === 'object' && !Array.isArray(plain)) {
    const metadata = plain.metadata;
    if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
      const labels = metadata.labels;
      if (labels && typeof labels === 'object' && !Array.isArray(labels)) delete labels[podTemplateHashLabel];
    }
  }
  return plain;
}

// Mirrors kubectl deploymentutil EqualIgnoreHash.
export function isTemplateEqualIgnoringHash(a: V1PodTemplateSpec | undefined, b: V1PodTemplateSpec | undefined): boolean {
  return isSemanticallyEqual(withoutHash(a), withoutHash(b));
}

function findTarget(replicaSets: V1ReplicaSet[], toRevision: number, name: string): V1ReplicaSet {
  if (toRevision > 0) {
    const match = replicaSets.find((rs) => readReplicaSetRevision(rs) === toRevision);
    if (!match) throw new BerthError('INVALID_INPUT', `unable to find specified revision ${toRevision} in history`, { toRevision: ['not in the history'] });
    return match;
  }
  // kubectl takes the second-highest revision among all owned ReplicaSets.
  let max = 0;
  let second = 0;
  let previous: V1ReplicaSet | null = null;
  let latest: V1ReplicaSet | null = null;
  for (const rs of replicaSets) {
    const revision = readReplicaSetRevision(rs);
    if (revision > max) {
      second = max;
      previous = latest;
      max = revision;
      latest = rs;
    } else if (revision > second) {
      second = revision;
      previous = rs;
    }
  }
  if (!previous) throw new BerthError('INVALID_INPUT', `no rollout history found for deployment ${JSON.stringify(name)}`);
  return previous;
}

function buildAnnotations(deployment: V1Deployment, rs: V1ReplicaSet): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata?.annotations ?? {})) if (annotationsToSkip.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(rs.metadata?.annotations ?? {})) if (!annotationsToSkip.has(key)) annotations[key] = value;
  return annotations;
}

/**
 * Undo with a resourceVersion precondition. Controllers bump the resourceVersion with every status write,
 * so a precondition that fails while the generation (spec and annotations) is unchanged only met a status
 * update: the undo is recomputed from a fresh read. A changed generation is someone else's change: CONFLICT.
 */
export async function undoDeployment(clients: KubeClients, input: UndoDeploymentInput): Promise<UndoResult> {
  if (input.toRevision !== undefined && input.toRevision < 0) {
    throw new BerthError('INVALID_INPUT', `unable to find specified revision ${input.toRevision} in history`, { toRevision: ['must be 0 or more'] });
  }
  const context = kubeErrorContext(clients, `Deployment "${input.name}"`);
  let generation: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const deployment = await callKube(context, () => clients.apps.readNamespacedDeployment({ name: input.name, namespace: input.namespace }));
    if (generation !== undefined && deployment.metadata?.generation !== generation) {
      throw new BerthError('CONFLICT', `Deployment "${input.name}" was changed by someone else in the meantime; reload and try again.`);
    }
    generation = deployment.metadata?.generation;
    try {
      return await undoFrom(clients, input, deployment);
    } catch (error) {
      const statusOnly = input.resourceVersion === undefined && error instanceof BerthError && error.code === 'CONFLICT' && attempt < 5;
      if (!statusOnly) throw error;
    }
  }
}

// Mirrors kubectl DeploymentRollbacker.Rollback (rollback.go).
async function undoFrom(clients: KubeClients, input: UndoDeploymentInput, deployment: V1Deployment): Promise<UndoResult> {
  const { namespace, name } = input;
  const toRevision = input.toRevision ?? 0;
  const context = kubeErrorContext(clients, `Deployment "${name}"`);
  const warnings: string[] = [];
  if (deployment.metadata?.annotations?.[lastAppliedAnnotation] !== undefined) {
    warnings.push(
      `resource deployments/${name} was previously managed with 'kubectl apply'. Rolling back will not update the kubectl.kubernetes.io/last-applied-configuration annotation, which may cause unexpected behavior on future 'kubectl apply' operations.`,
    );
  }
  const target = findTarget(await listOwnedReplicaSets(clients, deployment), toRevision, name);
  if (deployment.spec?.paused) {
    throw new BerthError('INVALID_INPUT', "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  }
  if (isTemplateEqualIgnoringHash(deployment.spec?.template, target.spec?.template)) {
    return { outcome: 'skipped', message: `skipped rollback (current template already matches revision ${toRevision})`, toRevision, warnings, deployment };
  }
  const template = toPlain(target.spec?.template ?? {});
  const labels = template && typeof template === 'object' && !Array.isArray(template) ? template.metadata : null;
  if (labels && typeof labels === 'object' && !Array.isArray(labels) && labels.labels && typeof labels.labels === 'object' && !Array.isArray(labels.labels)) {
    delete labels.labels[podTemplateHashLabel];
  }
  const resourceVersion = input.resourceVersion ?? deployment.metadata?.resourceVersion;
  // kubectl sends the two replace ops only; replacing resourceVersion first makes the update conditional.
  const patch = [
    ...(resourceVersion ? [{ op: 'replace', path: '/metadata/resourceVersion', value: resourceVersion }] : []),
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: buildAnnotations(deployment, target) },
  ];
  const updated = await callKube(context, () =>
    clients.apps.patchNamespacedDeployment(
      { name, namespace, body: patch, fieldManager: berthFieldManager, dryRun: input.dryRun ? 'All' : undefined },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    ),
  );
  return { outcome: 'rolled-back', message: 'rolled back', toRevision: readReplicaSetRevision(target), warnings, deployment: updated };
}

export interface RestartDeploymentInput {
  namespace: string;
  name: string;
  /** The restartedAt value; defaults to now (RFC 3339, seconds, as kubectl writes it). */
  at?: Date;
  dryRun?: boolean;
}

// Mirrors kubectl rollout restart (polymorphichelpers/objectrestarter.go): a strategic merge patch of the template annotation.
export async function restartDeployment(clients: KubeClients, input: RestartDeploymentInput): Promise<V1Deployment> {
  const { namespace, name } = input;
  const context = kubeErrorContext(clients, `Deployment "${name}"`);
  const deployment = await callKube(context, () => clients.apps.readNamespacedDeployment({ name, namespace }));
  if (deployment.spec?.paused) throw new BerthError('INVALID_INPUT', "can't restart paused deployment (run rollout resume first)");
  const restartedAt = (input.at ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const body = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } };
  return callKube(context, () =>
    clients.apps.patchNamespacedDeployment(
      { name, namespace, body, fieldManager: berthFieldManager, dryRun: input.dryRun ? 'All' : undefined },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    ),
  );
}
