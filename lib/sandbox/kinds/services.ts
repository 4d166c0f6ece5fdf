// core/v1 Service.
import { defineResource } from './base';
import { nameIsDns1035Label } from './names';

export const services = defineResource({
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  kind: 'Service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  subresources: ['status'],
  nameValidator: nameIsDns1035Label,
});
