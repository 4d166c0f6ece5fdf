// Validation shared by the replicated workloads (apps validation.go ValidatePodTemplateSpecForReplicaSet
// and the selector rules of Deployment, ReplicaSet, DaemonSet and ReplicationController).
import type { KObject } from '../types';
import type { StatusCause } from './types';
import { forbidden, goLabelSelector, goStringMap, immutableMessage, invalidRendered, notSupported, required } from './field-errors';
import { asObject, asStringMap, deepEqual, ensureObject, isObject, type JsonObject } from './json';
import { validatePodTemplate } from './pod-spec-validation';
import { ageColumn, column, nameColumn, wide } from './columns';
import { isEmptySelector, selectorMatches, validateLabelSelector } from './selectors';

export function specOf(obj: KObject): JsonObject {
  return ensureObject(obj, 'spec');
}

export function templateLabels(spec: JsonObject): unknown {
  return asObject(asObject(spec.template)?.metadata)?.labels;
}

const selectorMismatch = '`selector` does not match template `labels`';

/** ValidatePodTemplateSpecForReplicaSet: selector/labels agreement, template, restartPolicy Always. */
export function validateTemplateForController(spec: JsonObject, matches: boolean, selectorEmpty: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const template = asObject(spec.template);
  if (!template) return [required('spec.template', '')];
  if (!selectorEmpty && !matches) {
    causes.push(invalidRendered('spec.template.metadata.labels', goStringMap(templateLabels(spec)), selectorMismatch));
  }
  causes.push(...validatePodTemplate(template, 'spec.template', { restartPolicies: ['Always', 'OnFailure', 'Never'] }));
  const restartPolicy = asObject(template.spec)?.restartPolicy;
  if (restartPolicy !== undefined && restartPolicy !== 'Always') causes.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (asObject(template.spec)?.activeDeadlineSeconds !== undefined) {
    causes.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return causes;
}

/** Selector + template validation shared by Deployment, ReplicaSet and DaemonSet (apps/v1). */
export function validateAppsSelectorAndTemplate(spec: JsonObject, kindWord: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const selector = spec.selector;
  if (!isObject(selector)) causes.push(required('spec.selector', ''));
  else {
    causes.push(...validateLabelSelector(selector, 'spec.selector'));
    if (isEmptySelector(selector)) causes.push(invalidRendered('spec.selector', goLabelSelector(selector), `empty selector is invalid for ${kindWord}`));
  }
  const labels = asStringMap(templateLabels(spec));
  // A nil selector converts to labels.Nothing(), which is not Empty() and matches nothing.
  const selectorEmpty = isObject(selector) && isEmptySelector(selector);
  causes.push(...validateTemplateForController(spec, selectorMatches(selector, labels), selectorEmpty));
  return causes;
}

export function validateSelectorImmutable(obj: KObject, old: KObject | undefined): StatusCause[] {
  if (!old) return [];
  const sel = asObject(obj.spec)?.selector;
  if (deepEqual(sel, asObject(old.spec)?.selector)) return [];
  return [invalidRendered('spec.selector', goLabelSelector(sel), immutableMessage)];
}

export const containersColumnDoc = 'Names of each container in the template.';
export const imagesColumnDoc = 'Images referenced by each container in the template.';

export function replicaColumns(selectorDoc: string) {
  return [
    nameColumn,
    column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    column('Ready', 'integer', 'The number of ready replicas for this replica set. A pod is counted as ready when it has the Ready condition.'),
    ageColumn,
    wide('Containers', 'string', containersColumnDoc),
    wide('Images', 'string', imagesColumnDoc),
    wide('Selector', 'string', selectorDoc),
  ];
}
