// autoscaling HorizontalPodAutoscaler, stored as v2 and also served as v1.
import { defineResource, specChanged } from './base';

export const horizontalPodAutoscalers = defineResource({
  group: 'autoscaling',
  version: 'v2',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  kind: 'HorizontalPodAutoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  subresources: ['status'],
  bumpsGeneration: specChanged,
});
