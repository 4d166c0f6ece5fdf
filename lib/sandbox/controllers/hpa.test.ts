// The HPA controller against the in-process API. Pods are written by hand (no workload controllers
// here) so each case controls readiness and requests exactly.
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxApi } from '../api';
import { createClock } from '../clock';
import type { KObject, SandboxApi } from '../types';
import { CPU_UTILIZATION_ANNOTATION, startHpaController } from './hpa';

async function until<T>(fn: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Cond { type: string; status: string; reason: string; message: string }

describe('HPA controller', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  function setup(speed = 100): SandboxApi {
    const api = createSandboxApi({ clock: createClock(speed) });
    const c = startHpaController(api);
    stop = () => {
      c.stop();
      api.clock.stopAll();
    };
    return api;
  }

  function deployment(api: SandboxApi, replicas: number, request?: string) {
    api.create('apps/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ...(request ? { resources: { requests: { cpu: request } } } : {}) }] } },
      },
    });
  }

  // Stands in for the ReplicaSet controller: keeps `replicas` ready pods for the deployment.
  function followReplicas(api: SandboxApi, request?: string) {
    const old = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sync = () => {
      const want = (api.get('apps/deployments', 'default', 'web')?.spec as { replicas: number }).replicas;
      const pods = api.list('core/pods', { namespace: 'default', labelSelector: 'app=web' });
      for (let i = pods.length; i < want; i++) {
        const p = api.create('core/pods', {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `web-${Math.random().toString(36).slice(2, 7)}`, namespace: 'default', labels: { app: 'web' } },
          spec: { nodeName: 'sandbox-node-1', containers: [{ name: 'nginx', image: 'nginx', ...(request ? { resources: { requests: { cpu: request } } } : {}) }] },
        });
        api.updateStatus('core/pods', { ...p, status: { phase: 'Running', startTime: old, podIP: '10.244.0.9', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: old }] } });
      }
      for (const p of pods.slice(want)) api.delete('core/pods', 'default', String(p.metadata.name));
    };
    sync();
    const unsub = api.subscribe((e) => {
      if (e.resource === 'apps/deployments' && e.type === 'MODIFIED') setImmediate(sync);
    });
    return unsub;
  }

  function setLoad(api: SandboxApi, percent: number | undefined) {
    const d = api.get('apps/deployments', 'default', 'web') as KObject;
    const annotations = { ...(d.metadata.annotations ?? {}) };
    if (percent === undefined) delete annotations[CPU_UTILIZATION_ANNOTATION];
    else annotations[CPU_UTILIZATION_ANNOTATION] = String(percent);
    api.update('apps/deployments', { ...d, metadata: { ...d.metadata, annotations } });
  }

  function hpa(api: SandboxApi, extra: Record<string, unknown> = {}) {
    api.create('autoscaling/horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 3,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
        ...extra,
      },
    });
  }

  const replicas = (api: SandboxApi) => (api.get('apps/deployments', 'default', 'web')?.spec as { replicas: number }).replicas;
  const hpaStatus = (api: SandboxApi) => (api.get('autoscaling/horizontalpodautoscalers', 'default', 'web')?.status ?? {}) as { currentReplicas?: number; desiredReplicas?: number; currentMetrics?: unknown[]; conditions?: Cond[]; lastScaleTime?: string };
  const cond = (api: SandboxApi, type: string) => hpaStatus(api).conditions?.find((c) => c.type === type);
  const events = (api: SandboxApi) => api.list('core/events', { namespace: 'default' }).filter((e) => (e.involvedObject as { kind?: string }).kind === 'HorizontalPodAutoscaler').map((e) => `${e.type} ${e.reason} ${e.message}`);

  it('scales up under load, reports metrics and conditions, and scales down after the stabilization window', async () => {
    const api = setup(100);
    deployment(api, 1, '100m');
    const unsub = followReplicas(api, '100m');
    hpa(api);
    await until(() => cond(api, 'ScalingActive')?.status === 'True', 'ScalingActive');
    expect(hpaStatus(api)).toMatchObject({ currentReplicas: 1, desiredReplicas: 1, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 0, averageValue: '0' } } }] });
    expect(cond(api, 'ScalingActive')).toMatchObject({ reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' });

    setLoad(api, 80);
    await until(() => replicas(api) === 2, 'scale to 2');
    expect(events(api)).toContain('Normal SuccessfulRescale New size: 2; reason: cpu resource utilization (percentage of request) above target');
    await until(() => replicas(api) === 3, 'scale to 3');
    await until(() => hpaStatus(api).currentReplicas === 3 && cond(api, 'ScalingLimited')?.reason === 'TooManyReplicas', 'limited at max');
    expect(cond(api, 'ScalingLimited')).toMatchObject({ status: 'True', message: 'the desired replica count is more than the maximum replica count' });
    expect(hpaStatus(api).lastScaleTime).toBeTruthy();

    setLoad(api, 10);
    const loweredAt = Date.now();
    await until(() => cond(api, 'AbleToScale')?.reason === 'ScaleDownStabilized', 'stabilized scale-down');
    expect(replicas(api)).toBe(3);
    await until(() => replicas(api) === 1, 'scale down to 1', 15_000);
    // 300 s of cluster time at speed 100 is 3 s of wall time.
    expect(Date.now() - loweredAt).toBeGreaterThanOrEqual(2500);
    expect(events(api)).toContain('Normal SuccessfulRescale New size: 1; reason: All metrics below target');
    unsub();
  }, 30_000);

  it('lets a pod annotation override the workload load for that pod', async () => {
    const api = setup(100);
    deployment(api, 1, '100m');
    const unsub = followReplicas(api, '100m');
    const pod = api.list('core/pods', { namespace: 'default', labelSelector: 'app=web' })[0];
    api.update('core/pods', { ...pod, metadata: { ...pod.metadata, annotations: { [CPU_UTILIZATION_ANNOTATION]: '100' } } });
    hpa(api);
    await until(() => replicas(api) === 2, 'scale to 2');
    // The new pod is idle: (100% + 0%) / 2 is exactly the 50% target, so the HPA holds at 2.
    await until(() => (hpaStatus(api).currentMetrics?.[0] as { resource?: { current?: { averageUtilization?: number } } } | undefined)?.resource?.current?.averageUtilization === 50, '50% average');
    expect(hpaStatus(api).desiredReplicas).toBe(2);
    unsub();
  });

  it('reports a missing CPU request like upstream and does not scale', async () => {
    const api = setup(100);
    deployment(api, 1);
    const unsub = followReplicas(api);
    setLoad(api, 90);
    hpa(api);
    await until(() => cond(api, 'ScalingActive')?.status === 'False', 'ScalingActive False');
    const active = cond(api, 'ScalingActive') as Cond;
    expect(active.reason).toBe('FailedGetResourceMetric');
    expect(active.message).toMatch(/^the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-[a-z0-9]+$/);
    expect(cond(api, 'AbleToScale')).toMatchObject({ status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
    expect(hpaStatus(api)).toMatchObject({ currentReplicas: 1, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
    await until(() => events(api).some((e) => e.startsWith('Warning FailedComputeMetricsReplicas')), 'compute event');
    expect(events(api).find((e) => e.startsWith('Warning FailedComputeMetricsReplicas'))).toMatch(/^Warning FailedComputeMetricsReplicas invalid metrics \(1 invalid out of 1\), first error is: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container nginx of Pod web-/);
    expect(replicas(api)).toBe(1);
    unsub();
  });

  it('reports a missing scale target', async () => {
    const api = setup(100);
    hpa(api);
    await until(() => cond(api, 'AbleToScale'), 'AbleToScale');
    expect(cond(api, 'AbleToScale')).toMatchObject({ status: 'False', reason: 'FailedGetScale', message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "web" not found' });
    const h = api.get('autoscaling/horizontalpodautoscalers', 'default', 'web') as KObject;
    api.update('autoscaling/horizontalpodautoscalers', { ...h, spec: { ...(h.spec as object), scaleTargetRef: { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' } } });
    await until(() => cond(api, 'AbleToScale')?.message.includes('Widget'), 'unknown kind');
    expect(cond(api, 'AbleToScale')?.message).toBe('the HPA controller was unable to get the target\'s current scale: no matches for kind "Widget" in group "example.com"');
    expect(events(api)).toContain('Warning FailedGetScale deployments.apps "web" not found');
  });

  it('raises replicas below minReplicas without metrics', async () => {
    const api = setup(100);
    deployment(api, 1, '100m');
    hpa(api, { minReplicas: 2 });
    await until(() => replicas(api) === 2, 'min replicas');
    expect(events(api)).toContain('Normal SuccessfulRescale New size: 2; reason: Current number of replicas below Spec.MinReplicas');
  });

  it('honours behavior scale-up policies (Pods 1 per 60 s)', async () => {
    const api = setup(100);
    deployment(api, 1, '100m');
    const unsub = followReplicas(api, '100m');
    setLoad(api, 200);
    hpa(api, { maxReplicas: 10, behavior: { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } });
    await until(() => replicas(api) === 2, 'first step');
    const firstStep = Date.now();
    await until(() => replicas(api) === 3, 'next period', 10_000);
    // One pod per 60 s of cluster time: 0.6 s of wall time at speed 100.
    expect(Date.now() - firstStep).toBeGreaterThanOrEqual(500);
    expect(cond(api, 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
    unsub();
  }, 20_000);
});
