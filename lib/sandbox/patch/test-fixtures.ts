// Shared fixtures of the managedFields tests: the tutorial deployment as kubectl sends it.
import type { KObject } from '../types';

export const T0 = new Date('2026-11-26T18:00:00.750Z');
export const T1 = new Date('2026-11-26T18:05:00Z');
export const T2 = new Date('2026-11-26T18:10:00Z');

export function tutorialDeployment(overrides: { replicas?: number; image?: string; labels?: Record<string, string>; containers?: unknown[] } = {}): KObject {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: 'myapp' } },
    template: {
      metadata: { labels: { app: 'myapp' } },
      spec: { containers: overrides.containers ?? [{ image: overrides.image ?? 'nginx:1.25', name: 'app', ports: [{ containerPort: 8000 }] }] },
    },
  };
  if (overrides.replicas !== undefined) spec.replicas = overrides.replicas;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels: overrides.labels ?? { app: 'myapp' }, name: 'myapp', namespace: 'demo' },
    spec,
  };
}

/** What the store would hold: server-populated metadata around the object. */
export function stored(obj: KObject, rv = '10'): KObject {
  return { ...obj, metadata: { ...obj.metadata, uid: 'u-1', resourceVersion: rv, generation: 1, creationTimestamp: '2026-11-26T17:00:00Z' } };
}
