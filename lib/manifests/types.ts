import type {
  V1ConfigMap,
  V1Deployment,
  V1Ingress,
  V1PersistentVolumeClaim,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { BerthError, type FieldErrors } from '@/lib/errors';

/** Which app a state belongs to: the Deployment's name and the namespace every object lives in. */
export interface AppRef {
  name: string;
  namespace: string;
}

/**
 * Everything Berth manages for one app, as plain JSON objects with apiVersion and kind. One object per
 * kind: a revision stores exactly this (normalized), and `lib/kube` applies it object by object.
 */
export interface DesiredState {
  deployment: V1Deployment;
  service?: V1Service;
  hpa?: V2HorizontalPodAutoscaler;
  ingress?: V1Ingress;
  configMap?: V1ConfigMap;
  pvc?: V1PersistentVolumeClaim;
}

export type StateKey = keyof DesiredState;

/** A managed object of any kind, as it travels through parse/normalize/diff. */
export type ManagedObject = NonNullable<DesiredState[StateKey]>;

export interface ManagedKind {
  key: StateKey;
  kind: string;
  apiVersion: string;
}

/** The kinds Berth manages, in the order they are applied (config and storage before the pods using them). */
export const managedKinds: readonly ManagedKind[] = [
  { key: 'configMap', kind: 'ConfigMap', apiVersion: 'v1' },
  { key: 'pvc', kind: 'PersistentVolumeClaim', apiVersion: 'v1' },
  { key: 'deployment', kind: 'Deployment', apiVersion: 'apps/v1' },
  { key: 'service', kind: 'Service', apiVersion: 'v1' },
  { key: 'hpa', kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2' },
  { key: 'ingress', kind: 'Ingress', apiVersion: 'networking.k8s.io/v1' },
];

export const labelName = 'app.kubernetes.io/name';
export const labelManagedBy = 'app.kubernetes.io/managed-by';
export const managedByValue = 'berth';
export const annotationRevision = 'berth.dev/revision';
export const annotationChangeCause = 'kubernetes.io/change-cause';

/** The highest replica count Berth accepts anywhere (form, scale, HPA maximum). */
export const maxReplicas = 1000;

export interface ManifestIssue {
  /** Dotted field path in the input (`env.2.name`, `ports.0.nodePort`) or `yaml` for YAML text. */
  path: string;
  message: string;
  /** 1-based position in the YAML text, when the problem comes from one. */
  line?: number;
  column?: number;
}

/** Bad input to a builder or parser: INVALID_INPUT with every problem, grouped by field for the form. */
export class ManifestError extends BerthError {
  readonly issues: ManifestIssue[];
  constructor(issues: ManifestIssue[]) {
    const fieldErrors: FieldErrors = {};
    for (const issue of issues) (fieldErrors[issue.path || '_'] ??= []).push(issue.message);
    const first = issues[0]?.message ?? 'Invalid manifest';
    super('INVALID_INPUT', issues.length > 1 ? `${first} (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : first, fieldErrors);
    this.name = 'ManifestError';
    this.issues = issues;
  }
}
