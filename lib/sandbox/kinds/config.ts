// ConfigMaps and Secrets.
import { defineResource } from './base';

export const configMaps = defineResource({
  group: '',
  version: 'v1',
  plural: 'configmaps',
  singular: 'configmap',
  kind: 'ConfigMap',
  namespaced: true,
  shortNames: ['cm'],
});

export const secrets = defineResource({
  group: '',
  version: 'v1',
  plural: 'secrets',
  singular: 'secret',
  kind: 'Secret',
  namespaced: true,
  fieldLabels: (obj) => ({ type: typeof obj.type === 'string' ? obj.type : '' }),
});
