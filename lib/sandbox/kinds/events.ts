// core/v1 Events and the events.k8s.io/v1 view of them.
import { defineResource } from './base';

export const events = defineResource({
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  kind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
});

export const eventsV1 = defineResource({
  group: 'events.k8s.io',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  kind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
});
