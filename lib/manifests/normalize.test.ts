import { describe, expect, it } from 'vitest';
import type { V1Deployment } from '@kubernetes/client-node';
import { buildDesiredState } from './build';
import { withHpa, withIngress, withService } from './builders';
import { labelState } from './labels';
import { isSameState, normalizeState } from './normalize';
import { stateToYaml } from './render-yaml';
import { ref } from './test-helpers';
import type { DesiredState } from './types';

function fullState(): DesiredState {
  let state = buildDesiredState(ref, {
    name: 'web',
    image: 'nginx:1.25',
    containerPort: 80,
    envFrom: { mode: 'create', data: [{ key: 'B', value: '2' }, { key: 'A', value: '1' }] },
    volume: { size: '1Gi', mountPath: '/data' },
  });
  state = withService(state, { ports: [{ port: 80 }] });
  state = withIngress(state, { host: 'web.example.com', servicePort: 80 });
  state = withHpa(state, { maxReplicas: 4 });
  return labelState(state, { appName: 'web', revision: 3, changeCause: 'test' });
}

describe('normalizeState', () => {
  it('strips what the server populates', () => {
    const live: V1Deployment = {
      ...fullState().deployment,
      metadata: {
        ...fullState().deployment.metadata,
        uid: 'b8c1',
        resourceVersion: '1234',
        generation: 4,
        creationTimestamp: new Date('2026-11-26T10:00:00Z'),
        managedFields: [{ manager: 'berth', operation: 'Apply' }],
        annotations: {
          ...fullState().deployment.metadata?.annotations,
          'deployment.kubernetes.io/revision': '4',
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
      },
      status: { replicas: 2, readyReplicas: 2 },
    };
    const normalized = normalizeState({ deployment: live });
    expect(normalized.deployment.metadata).toEqual({
      name: 'web',
      namespace: 'team-a',
      labels: { 'app.kubernetes.io/managed-by': 'berth', 'app.kubernetes.io/name': 'web' },
      annotations: { 'berth.dev/revision': '3', 'kubernetes.io/change-cause': 'test' },
    });
    expect(normalized.deployment).not.toHaveProperty('status');
  });

  it('sorts keys and drops empty values, so equivalent states serialize identically', () => {
    const a = fullState();
    const b = structuredClone(a);
    b.deployment.spec!.strategy = {};
    b.deployment.spec!.template.spec!.containers[0].resources = {};
    b.deployment.spec!.template.metadata!.annotations = {};
    b.service!.spec = { ports: b.service!.spec!.ports, type: b.service!.spec!.type, selector: b.service!.spec!.selector };
    expect(JSON.stringify(normalizeState(a))).toBe(JSON.stringify(normalizeState(b)));
    expect(isSameState(a, b)).toBe(true);
    const keys = Object.keys(normalizeState(a).deployment.spec!);
    expect(keys).toEqual([...keys].sort());
  });

  it('keeps emptyDir: {} — an empty volume source still means a volume', () => {
    const state = buildDesiredState(ref, { name: 'web', image: 'nginx' });
    state.deployment.spec!.template.spec!.volumes = [{ name: 'scratch', emptyDir: {} }];
    expect(normalizeState(state).deployment.spec?.template.spec?.volumes).toEqual([{ emptyDir: {}, name: 'scratch' }]);
  });

  it('is idempotent', () => {
    const once = normalizeState(fullState());
    const twice = normalizeState(once);
    expect(twice).toEqual(once);
    expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
    expect(stateToYaml(twice)).toBe(stateToYaml(once));
  });

  it('tells different states apart', () => {
    const a = fullState();
    const b = structuredClone(a);
    b.deployment.spec!.template.spec!.containers[0].image = 'nginx:1.26';
    expect(isSameState(a, b)).toBe(false);
  });
});

describe('labelState', () => {
  it('labels every object and the pod template, annotates revision and change cause', () => {
    const state = fullState();
    for (const object of [state.deployment, state.service, state.ingress, state.hpa, state.configMap, state.pvc]) {
      expect(object?.metadata?.labels).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/managed-by': 'berth' });
      expect(object?.metadata?.annotations?.['berth.dev/revision']).toBe('3');
    }
    expect(state.deployment.metadata?.annotations?.['kubernetes.io/change-cause']).toBe('test');
    expect(state.deployment.spec?.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web' } });
    expect(state.deployment.spec?.template.metadata?.labels).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/managed-by': 'berth' });
    expect(state.service?.spec?.selector).toEqual({ 'app.kubernetes.io/name': 'web' });
  });

  it('never puts the revision on the pod template, so a new revision alone does not roll pods', () => {
    const r3 = fullState();
    const r4 = labelState(r3, { appName: 'web', revision: 4 });
    expect(r4.deployment.spec?.template).toEqual(r3.deployment.spec?.template);
    expect(r4.deployment.metadata?.annotations?.['berth.dev/revision']).toBe('4');
  });

  it('keeps the selector of an adopted Deployment (immutable) and makes the template carry it', () => {
    const state = buildDesiredState(ref, { name: 'web', image: 'nginx' });
    state.deployment.spec!.selector = { matchLabels: { app: 'web' } };
    state.deployment.spec!.template.metadata = { labels: { app: 'web' } };
    const labelled = labelState(withService(state, { ports: [{ port: 80 }] }), { appName: 'web', revision: 1 });
    expect(labelled.deployment.spec?.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(labelled.deployment.spec?.template.metadata?.labels).toEqual({ app: 'web', 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/managed-by': 'berth' });
    expect(labelled.service?.spec?.selector).toEqual({ app: 'web' });
  });

  it('does not modify its argument', () => {
    const state = buildDesiredState(ref, { name: 'web', image: 'nginx' });
    const snapshot = structuredClone(state);
    labelState(state, { appName: 'web', revision: 1 });
    expect(state).toEqual(snapshot);
  });
});
