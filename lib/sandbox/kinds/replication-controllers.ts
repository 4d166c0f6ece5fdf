// core/v1 ReplicationController: selector/labels defaulted from the template (core/v1 defaults.go),
// validation, generation rule and printer.
import type { KObject } from '../types';
import type { StatusCause } from './types';
import { defineResource, specChanged } from './base';
import { translateTimestampSince } from './duration';
import { required } from './field-errors';
import { asObject, asStringMap, setDefault } from './json';
import { defaultPodTemplate } from './pod-spec-defaults';
import { validateNonNegative } from './pod-spec-validation';
import { formatLabels, int, layoutContainerCells, templateContainers } from './printing';
import { replicaColumns, specOf, templateLabels, validateTemplateForController } from './workload-validation';

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
