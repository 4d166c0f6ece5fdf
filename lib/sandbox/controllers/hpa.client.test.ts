// The HPA through @kubernetes/client-node (what the portal uses): one object created as autoscaling/v1,
// read and watched as v2 and v1 while the controller scales the Deployment under synthetic load.
import { AppsV1Api, AutoscalingV1Api, AutoscalingV2Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import { CPU_UTILIZATION_ANNOTATION } from './hpa';

let sb: Sandbox;
let apps: AppsV1Api;
let v1: AutoscalingV1Api;
let v2: AutoscalingV2Api;
const namespace = 'default';

async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, speed: 60 });
  const kc = new KubeConfig();
  kc.loadFromString(sb.kubeconfig);
  apps = kc.makeApiClient(AppsV1Api);
  v1 = kc.makeApiClient(AutoscalingV1Api);
  v2 = kc.makeApiClient(AutoscalingV2Api);
});

afterAll(async () => {
  await sb?.close();
});

describe('HPA via client-node, autoscaling/v1 and v2', () => {
  it('serves one object under both versions while it scales the target', async () => {
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'api' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'api' } },
          template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx:1.25', resources: { requests: { cpu: '200m' } } }] } },
        },
      },
    });
    const created = await v1.createNamespacedHorizontalPodAutoscaler({
      namespace,
      body: { metadata: { name: 'api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 50 } },
    });
    expect(created.spec?.targetCPUUtilizationPercentage).toBe(50);

    const asV2 = await v2.readNamespacedHorizontalPodAutoscaler({ name: 'api', namespace });
    expect(asV2.metadata?.uid).toBe(created.metadata?.uid);
    expect(asV2.spec?.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);

    const idle = await poll('idle status', async () => {
      const h = await v2.readNamespacedHorizontalPodAutoscaler({ name: 'api', namespace });
      return h.status?.conditions?.some((c) => c.type === 'ScalingActive' && c.status === 'True') ? h : undefined;
    });
    expect(idle.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization).toBe(0);
    expect(idle.status?.conditions?.map((c) => c.type)).toEqual(['AbleToScale', 'ScalingActive', 'ScalingLimited']);

    await apps.patchNamespacedDeployment(
      { name: 'api', namespace, body: { metadata: { annotations: { [CPU_UTILIZATION_ANNOTATION]: '150' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const scaled = await poll('scaled to 4', async () => {
      const h = await v1.readNamespacedHorizontalPodAutoscaler({ name: 'api', namespace });
      return h.status?.currentReplicas === 4 ? h : undefined;
    });
    expect(scaled.status?.desiredReplicas).toBe(4);
    expect(scaled.status?.currentCPUUtilizationPercentage).toBe(150);
    expect(scaled.status?.lastScaleTime).toBeInstanceOf(Date);
    const d = await apps.readNamespacedDeployment({ name: 'api', namespace });
    expect(d.spec?.replicas).toBe(4);

    const v2View = await v2.readNamespacedHorizontalPodAutoscaler({ name: 'api', namespace });
    expect(v2View.status?.currentMetrics?.[0]).toEqual({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 150, averageValue: '300m' } } });
    const limited = v2View.status?.conditions?.find((c) => c.type === 'ScalingLimited');
    expect([limited?.status, limited?.reason]).toEqual(['True', 'TooManyReplicas']);

    await v1.deleteNamespacedHorizontalPodAutoscaler({ name: 'api', namespace });
    await apps.deleteNamespacedDeployment({ name: 'api', namespace });
  }, 60_000);
});
