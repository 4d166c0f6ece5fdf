// apps/v1 Deployment, ReplicaSet, DaemonSet and core/v1 ReplicationController: defaults
// (apps/v1 and core/v1 defaults.go), validation (apps validation.go), generation rules and printers.
import type { KObject } from '../types';
import type { StatusCause } from './types';
import { defineResource, specChanged } from './base';
import { ageColumn, column, nameColumn, wide } from './columns';
import { translateTimestampSince } from './duration';
import { forbidden, goLabelSelector, goStringMap, immutableMessage, invalid, invalidRendered, notSupported, required } from './field-errors';
import { asObject, asStringMap, deepEqual, ensureObject, isObject, setDefault, setDefaultString, type JsonObject } from './json';
import { defaultPodTemplate } from './pod-spec-defaults';
import { validateNonNegative, validatePodTemplate } from './pod-spec-validation';
import { formatLabels, formatLabelSelector, int, labelSelectorString, layoutContainerCells, templateContainers } from './printing';
import { isEmptySelector, selectorMatches, validateLabelSelector } from './selectors';
import { validateIntOrPercent } from './int-or-percent';

function specOf(obj: KObject): JsonObject {
  return ensureObject(obj, 'spec');
}

function templateLabels(spec: JsonObject): unknown {
  return asObject(asObject(spec.template)?.metadata)?.labels;
}

const selectorMismatch = '`selector` does not match template `labels`';

/** ValidatePodTemplateSpecForReplicaSet: selector/labels agreement, template, restartPolicy Always. */
function validateTemplateForController(spec: JsonObject, matches: boolean, selectorEmpty: boolean): StatusCause[] {
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
function validateAppsSelectorAndTemplate(spec: JsonObject, kindWord: string): StatusCause[] {
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

function validateSelectorImmutable(obj: KObject, old: KObject | undefined): StatusCause[] {
  if (!old) return [];
  const sel = asObject(obj.spec)?.selector;
  if (deepEqual(sel, asObject(old.spec)?.selector)) return [];
  return [invalidRendered('spec.selector', goLabelSelector(sel), immutableMessage)];
}

function defaultDeployment(obj: KObject): void {
  const spec = specOf(obj);
  setDefault(spec, 'replicas', 1);
  const strategy = ensureObject(spec, 'strategy');
  setDefaultString(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObject(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(ensureObject(spec, 'template'));
}

function validateDeploymentStrategy(spec: JsonObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const strategy = asObject(spec.strategy) ?? {};
  const type = strategy.type;
  if (type !== 'Recreate' && type !== 'RollingUpdate') {
    causes.push(notSupported('spec.strategy.type', type ?? '', ['Recreate', 'RollingUpdate']));
    return causes;
  }
  const ru = asObject(strategy.rollingUpdate);
  if (type === 'Recreate') {
    if (ru) causes.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
    return causes;
  }
  if (!ru) return [required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
  causes.push(...validateIntOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
  causes.push(...validateIntOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
  const isZero = (v: unknown) => v === 0 || v === '0%' || v === '0';
  if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
    causes.push(invalidRendered('spec.strategy.rollingUpdate.maxUnavailable', String(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  return causes;
}

function validateDeployment(obj: KObject, old?: KObject): StatusCause[] {
  const spec = asObject(obj.spec) ?? {};
  const causes: StatusCause[] = [];
  causes.push(...validateNonNegative(spec.replicas, 'spec.replicas'));
  causes.push(...validateAppsSelectorAndTemplate(spec, 'deployment'));
  causes.push(...validateDeploymentStrategy(spec));
  causes.push(...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  causes.push(...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    causes.push(...validateNonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
    if (spec.progressDeadlineSeconds <= minReady) {
      causes.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  causes.push(...validateSelectorImmutable(obj, old));
  return causes;
}

const containersColumn = wide('Containers', 'string', 'Names of each container in the template.');
const imagesColumn = wide('Images', 'string', 'Images referenced by each container in the template.');

export const deployments = defineResource({
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  singular: 'deployment',
  kind: 'Deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  subresources: ['scale', 'status'],
  defaults: defaultDeployment,
  validate: validateDeployment,
  // Annotations are copied from deployments to their replica sets, so upstream bumps on them too.
  bumpsGeneration: (obj, old) => specChanged(obj, old) || !deepEqual(obj.metadata.annotations ?? {}, old.metadata.annotations ?? {}),
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.'),
  ],
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const [names, images] = layoutContainerCells(templateContainers(obj));
    return [
      `${int(status.readyReplicas)}/${int(spec.replicas)}`,
      int(status.updatedReplicas),
      int(status.availableReplicas),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      names,
      images,
      isObject(spec.selector) ? labelSelectorString(spec.selector) : '',
    ];
  },
});

function replicaColumns(selectorDoc: string) {
  return [
    nameColumn,
    column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    column('Ready', 'integer', 'The number of ready replicas for this replica set. A pod is counted as ready when it has the Ready condition.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide('Selector', 'string', selectorDoc),
  ];
}

export const replicaSets = defineResource({
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  singular: 'replicaset',
  kind: 'ReplicaSet',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  subresources: ['scale', 'status'],
  defaults(obj) {
    const spec = specOf(obj);
    setDefault(spec, 'replicas', 1);
    defaultPodTemplate(ensureObject(spec, 'template'));
  },
  validate(obj, old) {
    const spec = asObject(obj.spec) ?? {};
    return [
      ...validateNonNegative(spec.replicas, 'spec.replicas'),
      ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
      ...validateAppsSelectorAndTemplate(spec, 'deployment'),
      ...validateSelectorImmutable(obj, old),
    ];
  },
  bumpsGeneration: specChanged,
  fieldLabels: (obj) => ({ 'status.replicas': String(int(asObject(obj.status)?.replicas)) }),
  columns: replicaColumns('Selector is a label query over pods that should match the replica count.'),
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const [names, images] = layoutContainerCells(templateContainers(obj));
    return [int(spec.replicas), int(status.replicas), int(status.readyReplicas), translateTimestampSince(obj.metadata.creationTimestamp, now), names, images, formatLabelSelector(spec.selector)];
  },
});

export const daemonSets = defineResource({
  group: 'apps',
  version: 'v1',
  plural: 'daemonsets',
  singular: 'daemonset',
  kind: 'DaemonSet',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  subresources: ['status'],
  defaults(obj) {
    const spec = specOf(obj);
    const strategy = ensureObject(spec, 'updateStrategy');
    setDefaultString(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const ru = ensureObject(strategy, 'rollingUpdate');
      setDefault(ru, 'maxUnavailable', 1);
      setDefault(ru, 'maxSurge', 0);
    }
    setDefault(spec, 'revisionHistoryLimit', 10);
    defaultPodTemplate(ensureObject(spec, 'template'));
  },
  validate(obj, old) {
    const spec = asObject(obj.spec) ?? {};
    const causes = [
      ...validateAppsSelectorAndTemplate(spec, 'daemonset'),
      ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
      ...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
      ...validateSelectorImmutable(obj, old),
    ];
    const type = asObject(spec.updateStrategy)?.type;
    if (type !== 'OnDelete' && type !== 'RollingUpdate') causes.push(notSupported('spec.updateStrategy.type', type ?? '', ['OnDelete', 'RollingUpdate']));
    return causes;
  },
  bumpsGeneration: specChanged,
  columns: [
    nameColumn,
    column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).'),
    column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    column('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    column('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    ageColumn,
    containersColumn,
    imagesColumn,
    wide('Selector', 'string', 'A label query over pods that are managed by the daemon set. Must match in order to be controlled.'),
  ],
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const [names, images] = layoutContainerCells(templateContainers(obj));
    const nodeSelector = asObject(asObject(spec.template)?.spec)?.nodeSelector;
    return [
      int(status.desiredNumberScheduled), int(status.currentNumberScheduled), int(status.numberReady),
      int(status.updatedNumberScheduled), int(status.numberAvailable), formatLabels(nodeSelector),
      translateTimestampSince(obj.metadata.creationTimestamp, now), names, images, formatLabelSelector(spec.selector),
    ];
  },
});

function defaultReplicationController(obj: KObject): void {
  const spec = specOf(obj);
  const template = asObject(spec.template);
  const labels = asStringMap(asObject(template?.metadata)?.labels);
  if (template && Object.keys(labels).length > 0) {
    if (Object.keys(asStringMap(spec.selector)).length === 0) spec.selector = { ...labels };
    if (Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...labels };
  }
  setDefault(spec, 'replicas', 1);
  if (template) defaultPodTemplate(template);
}

function validateReplicationController(obj: KObject): StatusCause[] {
  const spec = asObject(obj.spec) ?? {};
  const causes: StatusCause[] = [
    ...validateNonNegative(spec.replicas, 'spec.replicas'),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
  ];
  const selector = asStringMap(spec.selector);
  if (Object.keys(selector).length === 0) causes.push(required('spec.selector', ''));
  const labels = asStringMap(templateLabels(spec));
  const matches = Object.entries(selector).every(([k, v]) => labels[k] === v);
  causes.push(...validateTemplateForController(spec, matches, Object.keys(selector).length === 0));
  return causes;
}

export const replicationControllers = defineResource({
  group: '',
  version: 'v1',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  kind: 'ReplicationController',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  subresources: ['scale', 'status'],
  defaults: defaultReplicationController,
  validate: validateReplicationController,
  bumpsGeneration: specChanged,
  fieldLabels: (obj) => ({ 'status.replicas': String(int(asObject(obj.status)?.replicas)) }),
  columns: replicaColumns('Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template.'),
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const [names, images] = layoutContainerCells(templateContainers(obj));
    return [int(spec.replicas), int(status.replicas), int(status.readyReplicas), translateTimestampSince(obj.metadata.creationTimestamp, now), names, images, formatLabels(spec.selector)];
  },
});
