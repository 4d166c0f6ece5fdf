// apps/v1 Deployment and ReplicaSet: defaults (apps/v1 defaults.go), validation (apps validation.go),
// generation rules (registry strategies) and printers.
import type { KObject } from '../types';
import type { StatusCause } from './types';
import { defineResource, specChanged } from './base';
import { ageColumn, column, nameColumn, wide } from './columns';
import { translateTimestampSince } from './duration';
import { forbidden, invalid, invalidRendered, notSupported, required } from './field-errors';
import { asObject, deepEqual, ensureObject, isObject, setDefault, setDefaultString, type JsonObject } from './json';
import { defaultPodTemplate } from './pod-spec-defaults';
import { validateNonNegative } from './pod-spec-validation';
import { formatLabelSelector, int, labelSelectorString, layoutContainerCells, templateContainers } from './printing';
import { validateIntOrPercent } from './int-or-percent';
import { containersColumnDoc, imagesColumnDoc, replicaColumns, specOf, validateAppsSelectorAndTemplate, validateSelectorImmutable } from './workload-validation';
export { daemonSets } from './daemonsets';
export { replicationControllers } from './replication-controllers';

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

const containersColumn = wide('Containers', 'string', containersColumnDoc);
const imagesColumn = wide('Images', 'string', imagesColumnDoc);

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
