// apps/v1 Deployment, ReplicaSet, DaemonSet and core/v1 ReplicationController.
import { defineResource, specChanged } from './base';
import { deepEqual } from './json';

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
  // Annotations are copied from deployments to their replica sets, so upstream bumps on them too.
  bumpsGeneration: (obj, old) => specChanged(obj, old) || !deepEqual(obj.metadata.annotations ?? {}, old.metadata.annotations ?? {}),
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
  bumpsGeneration: specChanged,
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
  bumpsGeneration: specChanged,
});

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
  bumpsGeneration: specChanged,
  fieldLabels: (obj) => ({ 'status.replicas': String((obj.status as { replicas?: number } | undefined)?.replicas ?? 0) }),
});
