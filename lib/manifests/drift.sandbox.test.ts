// Drift against a real API server: the sandbox cluster over HTTP, objects applied with server-side apply
// and read back through @kubernetes/client-node as the portal does. Whatever the server defaults or
// allocates must not show up as drift; kubectl-style edits must.
import { AppsV1Api, AutoscalingV2Api, CoreV1Api, KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@/lib/sandbox';
import { rawRequest } from '@/lib/sandbox/testing/http';
import { buildDesiredState } from './build';
import { withHpa, withIngress, withService } from './builders';
import { driftBetween, type LiveObject } from './drift';
import { labelState } from './labels';
import { managedKinds, type DesiredState } from './types';

const namespace = 'default';
let sb: Sandbox;
let kc: KubeConfig;

const paths: Record<string, (name: string) => string> = {
  ConfigMap: (n) => `/api/v1/namespaces/${namespace}/configmaps/${n}`,
  PersistentVolumeClaim: (n) => `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${n}`,
  Deployment: (n) => `/apis/apps/v1/namespaces/${namespace}/deployments/${n}`,
  Service: (n) => `/api/v1/namespaces/${namespace}/services/${n}`,
  HorizontalPodAutoscaler: (n) => `/apis/autoscaling/v2/namespaces/${namespace}/horizontalpodautoscalers/${n}`,
  Ingress: (n) => `/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses/${n}`,
};

async function applyState(state: DesiredState): Promise<void> {
  for (const { key, kind } of managedKinds) {
    const object = state[key];
    if (!object) continue;
    const res = await rawRequest(sb, 'PATCH', `${paths[kind](object.metadata!.name!)}?fieldManager=berth&force=true`, {
      body: JSON.stringify(object),
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
    });
    expect(res.status, res.text).toBeLessThan(300);
  }
}

async function readLive(name: string): Promise<LiveObject[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const autoscaling = kc.makeApiClient(AutoscalingV2Api);
  const networking = kc.makeApiClient(NetworkingV1Api);
  const withKind = <T extends object>(kind: string, apiVersion: string, o: T) => ({ ...o, kind, apiVersion });
  return [
    withKind('Deployment', 'apps/v1', await apps.readNamespacedDeployment({ name, namespace })),
    withKind('Service', 'v1', await core.readNamespacedService({ name, namespace })),
    withKind('HorizontalPodAutoscaler', 'autoscaling/v2', await autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace })),
    withKind('Ingress', 'networking.k8s.io/v1', await networking.readNamespacedIngress({ name, namespace })),
    withKind('ConfigMap', 'v1', await core.readNamespacedConfigMap({ name: `${name}-config`, namespace })),
    withKind('PersistentVolumeClaim', 'v1', await core.readNamespacedPersistentVolumeClaim({ name: `${name}-data`, namespace })),
  ];
}

function fullState(name: string): DesiredState {
  let state = buildDesiredState(
    { name, namespace },
    {
      name,
      image: 'nginx:1.25',
      replicas: 2,
      containerPort: 8080,
      env: [{ name: 'MODE', value: 'prod' }],
      envFrom: { mode: 'create', data: [{ key: 'FEATURE', value: 'on' }] },
      resources: { requests: { cpu: '0.25', memory: '128Mi' }, limits: { cpu: '1000m', memory: '1024Mi' } },
      livenessProbe: { type: 'http', path: '/healthz', port: 8080 },
      readinessProbe: { type: 'tcp', port: 8080, initialDelaySeconds: 1 },
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      sidecars: [{ name: 'log', image: 'fluent/fluent-bit:3.0' }],
      volume: { size: '1Gi', mountPath: '/data' },
    },
  );
  state = withService(state, { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] });
  state = withIngress(state, { host: `${name}.example.com`, servicePort: 80 });
  state = withHpa(state, { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 });
  return labelState(state, { appName: name, revision: 1, changeCause: 'first deploy' });
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, speed: 60 });
  kc = new KubeConfig();
  kc.loadFromString(sb.kubeconfig);
});

afterAll(async () => {
  await sb?.close();
});

describe('drift against the sandbox API server', () => {
  it('a freshly applied state shows no drift, although the server defaulted and allocated fields', async () => {
    const state = fullState('drift-a');
    await applyState(state);
    const live = await readLive('drift-a');
    const service = live[1] as { spec?: { clusterIP?: string; ports?: { nodePort?: number }[] } };
    expect(service.spec?.clusterIP).toMatch(/^10\./);
    expect(service.spec?.ports?.[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(driftBetween(state, live)).toEqual([]);
  });

  it('kubectl set image and a label added by hand show up as drift', async () => {
    const state = fullState('drift-b');
    await applyState(state);
    const patch = await rawRequest(sb, 'PATCH', `${paths.Deployment('drift-b')}?fieldManager=kubectl-set`, {
      body: { metadata: { labels: { team: 'ops' } }, spec: { template: { spec: { containers: [{ name: 'drift-b', image: 'nginx:1.26' }] } } } },
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    });
    expect(patch.status, patch.text).toBe(200);
    const svc = await rawRequest(sb, 'PATCH', `${paths.Service('drift-b')}?fieldManager=kubectl-edit`, {
      body: { spec: { sessionAffinity: 'ClientIP' } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    expect(svc.status, svc.text).toBe(200);
    expect(driftBetween(state, await readLive('drift-b')).map((d) => `${d.kind} ${d.text}`)).toEqual([
      'Deployment metadata.labels.team: (none) → ops',
      'Deployment spec.template.spec.containers[drift-b].image: nginx:1.25 → nginx:1.26',
      'Service spec.sessionAffinity: (none) → ClientIP',
      // The server fills in the affinity's timeout along with it.
      'Service spec.sessionAffinityConfig: (none) → {"clientIP":{"timeoutSeconds":10800}}',
    ]);
  });
});
