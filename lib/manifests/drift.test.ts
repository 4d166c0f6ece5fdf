import { describe, expect, it } from 'vitest';
import { buildDesiredState } from './build';
import { withHpa, withReplicas, withService } from './builders';
import { diffStates } from './diff';
import { driftBetween, liveToState, type LiveObject } from './drift';
import { labelState } from './labels';
import { normalizeState } from './normalize';
import { ref } from './test-helpers';
import type { DesiredState } from './types';

function desired(): DesiredState {
  const state = buildDesiredState(ref, {
    name: 'web',
    image: 'nginx:1.25',
    replicas: 3,
    containerPort: 80,
    resources: { requests: { cpu: '1000m', memory: '1024Mi' } },
    readinessProbe: { type: 'http', path: '/ready', port: 80 },
  });
  return labelState(withService(state, { type: 'NodePort', ports: [{ port: 80 }] }), { appName: 'web', revision: 2, changeCause: 'deploy' });
}

/** The objects as a 1.31 API server returns them after Berth applied `desired()`: defaults, allocations, status. */
function live(): LiveObject[] {
  const d = desired();
  const labels = d.deployment.metadata!.labels!;
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'team-a',
      uid: '5f0c',
      resourceVersion: '812',
      generation: 1,
      creationTimestamp: new Date('2026-11-26T10:00:00Z'),
      labels,
      annotations: { ...d.deployment.metadata!.annotations, 'deployment.kubernetes.io/revision': '1' },
      managedFields: [{ manager: 'berth', operation: 'Apply', apiVersion: 'apps/v1' }],
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      template: {
        metadata: { creationTimestamp: null, labels },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              resources: { requests: { cpu: '1', memory: '1Gi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              imagePullPolicy: 'IfNotPresent',
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          securityContext: {},
          schedulerName: 'default-scheduler',
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: { observedGeneration: 1, replicas: 3, readyReplicas: 3 },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'team-a', uid: '9a1', resourceVersion: '813', labels, annotations: d.service!.metadata!.annotations },
    spec: {
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 31544 }],
      selector: { 'app.kubernetes.io/name': 'web' },
      clusterIP: '10.96.14.2',
      clusterIPs: ['10.96.14.2'],
      type: 'NodePort',
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  };
  return [deployment, service, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-abc' } }];
}

describe('liveToState', () => {
  it('drops what the server defaulted or allocated, leaving the revision', () => {
    // Quantities come back canonical ("1", "1Gi"); the revision's spelling ("1000m", "1024Mi") is kept.
    expect(liveToState(live(), desired())).toEqual(normalizeState(desired()));
  });

  it('treats zero values the server omits (omitempty) as the same', () => {
    const d = desired();
    const container = d.deployment.spec!.template.spec!.containers[0];
    container.env = [{ name: 'EMPTY', value: '' }];
    container.readinessProbe!.initialDelaySeconds = 0;
    const objects = live();
    const liveContainer = (objects[0] as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } }).spec.template.spec.containers[0];
    liveContainer.env = [{ name: 'EMPTY' }];
    expect(driftBetween(d, objects)).toEqual([]);
    expect(diffStates(liveToState(objects, d), d).summary).toEqual([]);
    liveContainer.env = [{ name: 'EMPTY', value: 'set' }];
    expect(driftBetween(d, objects).map((e) => e.text)).toEqual(['spec.template.spec.containers[web].env[EMPTY].value: "" → set']);
  });

  it('adopting without a revision keeps the replica count and drops allocations', () => {
    const [deployment, service] = live();
    (deployment as { spec: { replicas: number } }).spec.replicas = 1;
    const adopted = liveToState([deployment, service]);
    expect(adopted.deployment?.spec?.replicas).toBe(1);
    expect(adopted.deployment?.spec?.template.spec?.containers[0]).toEqual({
      image: 'nginx:1.25',
      name: 'web',
      ports: [{ containerPort: 80 }],
      readinessProbe: { httpGet: { path: '/ready', port: 80 } },
      resources: { requests: { cpu: '1', memory: '1Gi' } },
    });
    expect(adopted.service?.spec).toEqual({ ports: [{ port: 80 }], selector: { 'app.kubernetes.io/name': 'web' }, type: 'NodePort' });
  });

  it('gives a clean preview diff against the live objects', () => {
    const next = labelState(withReplicas(desired(), 6), { appName: 'web', revision: 3 });
    expect(diffStates(liveToState(live(), next), next).summary).toEqual(['Deployment/web spec.replicas: 3 → 6']);
  });

  it('keeps a defaulted-looking field the revision sets itself', () => {
    const d = desired();
    d.service!.spec!.ports![0].nodePort = 31544;
    expect(liveToState(live(), d).service?.spec?.ports).toEqual([{ nodePort: 31544, port: 80, protocol: 'TCP' }]);
    expect(driftBetween(d, live())).toEqual([]);
  });
});

describe('driftBetween', () => {
  it('finds nothing when the cluster holds the revision', () => {
    expect(driftBetween(desired(), live())).toEqual([]);
  });

  it('reports kubectl scale and kubectl set image', () => {
    const objects = live();
    const deployment = objects[0] as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
    deployment.spec.replicas = 5;
    deployment.spec.template.spec.containers[0].image = 'nginx:1.26';
    expect(driftBetween(desired(), objects).map((d) => `${d.kind}/${d.name} ${d.text}`)).toEqual([
      'Deployment/web spec.replicas: 3 → 5',
      'Deployment/web spec.template.spec.containers[web].image: nginx:1.25 → nginx:1.26',
    ]);
  });

  it('reports a field someone added and a changed quantity, not an equivalent one', () => {
    const objects = live();
    const deployment = objects[0] as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    deployment.spec.template.spec.containers[0].resources = { requests: { cpu: '2', memory: '1024Mi' } };
    deployment.spec.template.spec.containers[0].args = ['--debug'];
    expect(driftBetween(desired(), objects)).toEqual([
      { kind: 'Deployment', name: 'web', path: 'spec.template.spec.containers[web].args', after: ['--debug'], text: 'spec.template.spec.containers[web].args: (none) → ["--debug"]' },
      { kind: 'Deployment', name: 'web', path: 'spec.template.spec.containers[web].resources.requests.cpu', before: '1000m', after: '2', text: 'spec.template.spec.containers[web].resources.requests.cpu: 1000m → 2' },
    ]);
  });

  it('reports a non-default value of a defaulted field (strategy changed with kubectl edit)', () => {
    const objects = live();
    (objects[0] as { spec: { strategy: unknown } }).spec.strategy = { type: 'Recreate' };
    expect(driftBetween(desired(), objects).map((d) => d.text)).toEqual(["spec.strategy.type: (none) → Recreate"]);
  });

  it('reports a deleted object and a changed Service type', () => {
    const [, service] = live();
    (service as { spec: { type: string } }).spec.type = 'LoadBalancer';
    expect(driftBetween(desired(), [service]).map((d) => `${d.kind}/${d.name} ${d.text}`)).toEqual([
      'Deployment/web Deployment "web" was deleted outside Berth',
      'Service/web spec.type: NodePort → LoadBalancer',
    ]);
  });

  it('ignores replicas while an HPA owns them', () => {
    const d = labelState(withHpa(desired(), { minReplicas: 2, maxReplicas: 8 }), { appName: 'web', revision: 3 });
    const objects = live();
    const deployment = objects[0] as { metadata: { annotations: Record<string, string> }; spec: { replicas: number } };
    deployment.spec.replicas = 7;
    deployment.metadata.annotations['berth.dev/revision'] = '3';
    (objects[1] as { metadata: { annotations: Record<string, string> } }).metadata.annotations = { 'berth.dev/revision': '3' };
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { ...d.hpa!.metadata, uid: 'h1', resourceVersion: '900' },
      spec: d.hpa!.spec,
      status: { currentReplicas: 7, desiredReplicas: 7 },
    };
    expect(driftBetween(d, [...objects, hpa])).toEqual([]);
  });

  it('accepts live objects already shaped as a state', () => {
    const [deployment, service] = live();
    expect(driftBetween(desired(), { deployment, service } as unknown as DesiredState)).toEqual([]);
  });
});
