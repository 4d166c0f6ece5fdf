import { describe, expect, it } from 'vitest';
import type { RawKubeObject } from '@/lib/kube/watch-hub';
import { computeLiveData } from './compute-live-data';
import { summarizePod, summarizeRollout, type LiveAppRef } from './app-objects';

const app: LiveAppRef = { appId: 'a1', clusterId: 'c1', namespace: 'team-a', name: 'web' };

function meta(name: string, extra: Record<string, unknown> = {}) {
  return { name, namespace: 'team-a', ...extra };
}

const deployment: RawKubeObject = {
  kind: 'Deployment',
  metadata: { ...meta('web'), generation: 3, annotations: { 'deployment.kubernetes.io/revision': '2' } },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'PASSWORD', value: 'hunter2' }] }] } } },
  status: { observedGeneration: 3, replicas: 4, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'progressing' }] },
};

const objects: Record<string, RawKubeObject[]> = {
  deployments: [deployment, { kind: 'Deployment', metadata: meta('web-api'), spec: { replicas: 1 } }],
  replicasets: [
    { metadata: { ...meta('web-6f7d'), annotations: { 'deployment.kubernetes.io/revision': '2' }, ownerReferences: [{ kind: 'Deployment', name: 'web' }] }, spec: { replicas: 3 }, status: { readyReplicas: 3 } },
    { metadata: { ...meta('web-api-1a2b'), ownerReferences: [{ kind: 'Deployment', name: 'web-api' }] }, spec: { replicas: 1 } },
  ],
  pods: [
    {
      metadata: { ...meta('web-6f7d-x1'), creationTimestamp: '2026-11-26T10:00:00Z', labels: { 'pod-template-hash': '6f7d' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-6f7d' }] },
      spec: { nodeName: 'node-1', containers: [{ name: 'app' }] },
      status: { phase: 'Pending', podIP: '10.1.0.7', containerStatuses: [{ name: 'app', ready: false, restartCount: 2, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:nope"' } } }] },
    },
    { metadata: { ...meta('web-api-1a2b-y'), labels: { 'app.kubernetes.io/name': 'web-api' } }, spec: { containers: [{ name: 'app' }] }, status: { phase: 'Running' } },
  ],
  events: [
    { metadata: { ...meta('e1'), uid: 'u1' }, involvedObject: { kind: 'Pod', name: 'web-6f7d-x1' }, type: 'Warning', reason: 'Failed', message: 'ErrImagePull', count: 3, lastTimestamp: '2026-11-26T10:01:00Z' },
    { metadata: { ...meta('e2'), uid: 'u2' }, involvedObject: { kind: 'Deployment', name: 'web' }, type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up', lastTimestamp: '2026-11-26T10:00:00Z' },
    { metadata: { ...meta('e3'), uid: 'u3' }, involvedObject: { kind: 'Pod', name: 'web-api-1a2b-y' }, type: 'Normal', reason: 'Pulled', message: 'other app' },
  ],
  services: [{ metadata: { ...meta('web'), labels: { 'app.kubernetes.io/name': 'web' } }, spec: { type: 'NodePort', clusterIP: '10.96.0.9', ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }] } }],
  endpoints: [{ metadata: meta('web'), subsets: [{ addresses: [{ ip: '10.1.0.7' }, { ip: '10.1.0.8' }], notReadyAddresses: [{ ip: '10.1.0.9' }] }] }],
  horizontalpodautoscalers: [
    {
      metadata: meta('web'),
      spec: { minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
      status: { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 72 } } }] },
    },
  ],
  ingresses: [{ metadata: { ...meta('web'), labels: { 'app.kubernetes.io/name': 'web' } }, spec: { ingressClassName: 'nginx', rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] }, status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } }],
};

describe('live DTOs', () => {
  it('reports the rollout with kubectl rollout status message and never the pod spec', () => {
    const rollout = summarizeRollout(deployment);
    expect(rollout).toMatchObject({ revision: 2, desired: 3, updated: 3, ready: 3, state: 'progressing', images: ['nginx:1.27'] });
    expect(rollout?.message).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(JSON.stringify(rollout)).not.toContain('hunter2');
  });

  it("gives a waiting pod's reason, restarts, node and IP", () => {
    expect(summarizePod(objects.pods[0])).toEqual({
      name: 'web-6f7d-x1',
      phase: 'Pending',
      ready: 0,
      containers: 1,
      restarts: 2,
      node: 'node-1',
      ip: '10.1.0.7',
      createdAt: '2026-11-26T10:00:00Z',
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "nginx:nope"',
      podTemplateHash: '6f7d',
      terminating: false,
    });
  });

  it("selects only the app's own objects, even next to an app whose name starts the same", () => {
    const data = computeLiveData(app, true, (resource) => objects[resource] ?? null);
    expect(data.replicaSets?.map((rs) => rs.name)).toEqual(['web-6f7d']);
    expect(data.pods?.map((p) => p.name)).toEqual(['web-6f7d-x1']);
    expect(data.events?.map((e) => [e.object, e.reason])).toEqual([
      ['Pod/web-6f7d-x1', 'Failed'],
      ['Deployment/web', 'ScalingReplicaSet'],
    ]);
    expect(data.services).toEqual([
      { name: 'web', type: 'NodePort', clusterIP: '10.96.0.9', ports: [{ name: null, port: 80, targetPort: '8080', nodePort: 30080, protocol: 'TCP' }], readyEndpoints: 2, notReadyEndpoints: 1 },
    ]);
    expect(data.hpa).toEqual([{ name: 'web', minReplicas: 1, maxReplicas: 3, currentReplicas: 2, desiredReplicas: 3, targetCpuPercent: 50, currentCpuPercent: 72 }]);
    expect(data.ingresses).toEqual([{ name: 'web', className: 'nginx', rules: [{ host: 'web.example.com', path: '/', service: 'web', port: '80' }], addresses: ['192.0.2.10'] }]);
  });

  it('leaves out resources whose feed has not listed yet, and summaries carry the rollout only', () => {
    expect(Object.keys(computeLiveData(app, true, (resource) => (resource === 'deployments' ? objects.deployments : null)))).toEqual(['summary', 'rollout']);
    expect(Object.keys(computeLiveData(app, false, (resource) => objects[resource] ?? null))).toEqual(['summary', 'rollout']);
    expect(computeLiveData({ ...app, name: 'gone' }, false, (resource) => objects[resource] ?? null)).toEqual({ summary: null, rollout: null });
  });

  it("also speaks lib/apps' own shapes, so pages seed the cache with what they rendered on the server", () => {
    const data = computeLiveData(app, true, (resource) => objects[resource] ?? null);
    expect(data.summary).toEqual({ image: 'nginx:1.27', readyReplicas: 3, desiredReplicas: 3, rolloutState: 'progressing', rolloutMessage: 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...' });
    const detail = data.detail;
    expect(detail?.deploymentFound).toBe(true);
    expect(detail?.kubeRevision).toBe(2);
    expect(detail?.replicas).toEqual({ desired: 3, updated: 3, ready: 3, available: 3 });
    expect(detail?.pods.map((p) => [p.name, p.ready, p.waitingReason])).toEqual([['web-6f7d-x1', '0/1', 'ImagePullBackOff']]);
    expect(detail?.events.map((e) => e.object)).toEqual(['Deployment/web', 'Pod/web-6f7d-x1']);
    expect(detail?.service?.ports[0].nodePort).toBe(30080);
    expect(detail?.ingress?.rules).toEqual([{ host: 'web.example.com', path: '/', backend: 'web:80' }]);
    expect(detail?.hpa).toMatchObject({ minReplicas: 1, maxReplicas: 3, targetCpuUtilization: 50, currentCpuUtilization: 72 });
    expect(JSON.stringify(detail)).not.toContain('hunter2');
  });
});
