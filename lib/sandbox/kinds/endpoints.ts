// Endpoints and EndpointSlices (written by the sandbox's controllers, readable by clients).
import { defineResource } from './base';

export const endpoints = defineResource({
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  kind: 'Endpoints',
  namespaced: true,
  shortNames: ['ep'],
});

export const endpointSlices = defineResource({
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  kind: 'EndpointSlice',
  namespaced: true,
});
