// networking.k8s.io/v1 Ingress.
import { defineResource, specChanged } from './base';

export const ingresses = defineResource({
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingresses',
  singular: 'ingress',
  kind: 'Ingress',
  namespaced: true,
  shortNames: ['ing'],
  subresources: ['status'],
  bumpsGeneration: specChanged,
});
