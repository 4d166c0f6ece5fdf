// The HorizontalPodAutoscaler controller (horizontal.go reconcileAutoscaler) against a synthetic metrics
// source: every Running pod of the target uses `sandbox.berth.dev/cpu-utilization` percent of its CPU
// request, read from the pod's own annotation or else from the scale target's (Deployment, ReplicaSet,
// ReplicationController, StatefulSet) metadata; without either a pod is idle (0%). Syncs every 15 s of
// cluster time, like the controller's default sync period.
import type { KObject, SandboxApi, StoreEvent } from '../types';
import { ApiError, qualifiedResource } from '../errors';
import { formatLabelSelector } from '../selectors';
import { formatTime, keyOf, splitKey } from './objects';
import { createWorkQueue } from './work-queue';
import { formatMilliQuantity, getPlainMetricReplicas, getResourceReplicas, parseCpuMilli, type PodMetric, type PodSample } from './hpa-math';
import {
  createHpaMemory,
  normalizeDesiredReplicas,
  normalizeDesiredReplicasWithBehaviors,
  recordInitialRecommendation,
  storeScaleEvent,
  type Behavior,
  type ConditionSetting,
  type HpaMemory,
} from './hpa-normalize';

export const CPU_UTILIZATION_ANNOTATION = 'sandbox.berth.dev/cpu-utilization';
const SYNC_PERIOD_SECONDS = 15;
/** Length of a synthetic metrics sample window, like metrics-server's scrape resolution. */
const METRIC_WINDOW_SECONDS = 15;
const COMPONENT = 'horizontal-pod-autoscaler';
const MANAGER = { fieldManager: 'kube-controller-manager' };

const SCALE_TARGETS: Record<string, string> = {
  'apps/Deployment': 'apps/deployments',
  'apps/ReplicaSet': 'apps/replicasets',
  'apps/StatefulSet': 'apps/statefulsets',
  '/ReplicationController': 'core/replicationcontrollers',
  'extensions/Deployment': 'apps/deployments',
  'extensions/ReplicaSet': 'apps/replicasets',
};

interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
  pods?: { metric?: { name?: string } };
  object?: { metric?: { name?: string } };
  external?: { metric?: { name?: string } };
  containerResource?: { name?: string };
}

interface HpaSpec {
  scaleTargetRef: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: Behavior;
}

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

interface HpaStatus {
  currentReplicas?: number;
  desiredReplicas?: number;
  lastScaleTime?: string;
  currentMetrics?: unknown[];
  conditions?: Condition[];
}

class MetricError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

function setCondition(status: HpaStatus, type: string, c: ConditionSetting, now: string) {
  const list = (status.conditions ??= []);
  const existing = list.find((x) => x.type === type);
  if (!existing) {
    list.push({ type, status: c.status, lastTransitionTime: now, reason: c.reason, message: c.message });
    return;
  }
  if (existing.status !== c.status) existing.lastTransitionTime = now;
  existing.status = c.status;
  existing.reason = c.reason;
  existing.message = c.message;
}

function targetSelector(target: KObject): string {
  const sel = (target.spec as { selector?: unknown } | undefined)?.selector;
  if (!sel || typeof sel !== 'object') return '';
  if ('matchLabels' in sel || 'matchExpressions' in sel) return formatLabelSelector(sel as Parameters<typeof formatLabelSelector>[0]);
  return formatLabelSelector({ matchLabels: sel as Record<string, string> });
}

function utilizationPercent(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(String(value).trim().replace(/%$/, ''));
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

interface PodView {
  sample: PodSample;
  requestMilli: number;
  running: boolean;
  utilization?: number;
}

function viewPod(pod: KObject, clusterTime: (ts: string | undefined) => number | undefined): PodView {
  const spec = (pod.spec ?? {}) as { containers?: Array<{ name: string; resources?: { requests?: { cpu?: string } } }>; initContainers?: Array<{ name: string; restartPolicy?: string; resources?: { requests?: { cpu?: string } } }> };
  const status = (pod.status ?? {}) as { phase?: string; startTime?: string; conditions?: Array<{ type: string; status: 'True' | 'False' | 'Unknown'; lastTransitionTime?: string }> };
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')]
    .map((c) => ({ name: c.name, cpuRequestMilli: parseCpuMilli(c.resources?.requests?.cpu) }));
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  return {
    sample: {
      name: String(pod.metadata.name),
      phase: status.phase ?? 'Pending',
      deleting: Boolean(pod.metadata.deletionTimestamp),
      ready: ready?.status,
      startTime: clusterTime(status.startTime),
      readyTransitionTime: clusterTime(ready?.lastTransitionTime),
      containers,
    },
    requestMilli: containers.reduce((sum, c) => sum + (c.cpuRequestMilli ?? 0), 0),
    running: status.phase === 'Running',
    utilization: utilizationPercent(pod.metadata.annotations?.[CPU_UTILIZATION_ANNOTATION]),
  };
}

export function startHpaController(api: SandboxApi): { stop(): void } {
  const memories = new Map<string, HpaMemory>();
  const clock = api.clock;
  const now = () => clock.secondsSince(0);
  const clusterTime = (ts: string | undefined) => (ts ? now() - clock.secondsSince(ts) : undefined);

  function computeMetric(hpa: KObject, m: MetricSpec, target: KObject, selector: string, current: number): { replicas: number; status: unknown; name: string } {
    if (m.type !== 'Resource' || !m.resource) {
      const kind = { Pods: 'Pods', Object: 'Object', External: 'External', ContainerResource: 'ContainerResource' }[m.type] ?? m.type;
      const name = m.pods?.metric?.name ?? m.object?.metric?.name ?? m.external?.metric?.name ?? m.containerResource?.name ?? '';
      throw new MetricError(`FailedGet${kind}Metric`, `unable to get metric ${name}: no custom or external metrics API is served by the sandbox`);
    }
    const resource = m.resource.name;
    const pods = api.list('core/pods', { namespace: hpa.metadata.namespace, labelSelector: selector });
    const workloadUtil = utilizationPercent(target.metadata.annotations?.[CPU_UTILIZATION_ANNOTATION]);
    const views = pods.map((p) => viewPod(p, clusterTime));
    const metrics = new Map<string, PodMetric>();
    if (resource === 'cpu') {
      for (const v of views) {
        if (!v.running) continue;
        const util = v.utilization ?? workloadUtil ?? 0;
        metrics.set(v.sample.name, { value: Math.trunc((v.requestMilli * util) / 100), timestamp: now(), window: METRIC_WINDOW_SECONDS });
      }
    }
    const timing = { now: now() };
    const samples = views.map((v) => v.sample);
    const t = m.resource.target;
    if (t.type === 'AverageValue' && t.averageValue !== undefined) {
      try {
        if (metrics.size === 0) throw new Error(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
        const r = getPlainMetricReplicas({ currentReplicas: current, targetUsage: parseCpuMilli(t.averageValue) ?? 0, pods: samples, metrics, resource, timing });
        return {
          replicas: r.replicas,
          name: `${resource} resource`,
          status: { type: 'Resource', resource: { name: resource, current: { averageValue: formatMilliQuantity(r.usage) } } },
        };
      } catch (err) {
        throw new MetricError('FailedGetResourceMetric', `failed to get ${resource} usage: ${(err as Error).message}`);
      }
    }
    const targetUtilization = t.averageUtilization;
    if (targetUtilization === undefined) {
      throw new MetricError('FailedGetResourceMetric', 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    }
    try {
      const r = getResourceReplicas({ currentReplicas: current, targetUtilization, pods: samples, metrics, resource, timing });
      return {
        replicas: r.replicas,
        name: `${resource} resource utilization (percentage of request)`,
        status: { type: 'Resource', resource: { name: resource, current: { averageUtilization: r.utilization, averageValue: formatMilliQuantity(r.rawAverage) } } },
      };
    } catch (err) {
      throw new MetricError('FailedGetResourceMetric', `failed to get ${resource} utilization: ${(err as Error).message}`);
    }
  }

  function writeStatus(hpa: KObject, s: HpaStatus) {
    // Field order of the Go struct; desiredReplicas has no omitempty, so a never-computed HPA reports 0.
    const status: HpaStatus = {};
    if (s.lastScaleTime) status.lastScaleTime = s.lastScaleTime;
    if (s.currentReplicas) status.currentReplicas = s.currentReplicas;
    status.desiredReplicas = s.desiredReplicas ?? 0;
    if (s.currentMetrics) status.currentMetrics = s.currentMetrics;
    if (s.conditions) status.conditions = s.conditions;
    if (JSON.stringify(status) === JSON.stringify(hpa.status ?? {})) return;
    api.updateStatus('autoscaling/horizontalpodautoscalers', { ...hpa, status }, MANAGER);
  }

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const hpa = api.get('autoscaling/horizontalpodautoscalers', ns, name);
    if (!hpa || hpa.metadata.deletionTimestamp) {
      memories.delete(key);
      return;
    }
    const spec = hpa.spec as HpaSpec;
    const stamp = formatTime(clock.now());
    const status: HpaStatus = JSON.parse(JSON.stringify(hpa.status ?? {})) as HpaStatus;
    const memory = memories.get(key) ?? createHpaMemory();
    memories.set(key, memory);
    const ref = spec.scaleTargetRef;
    const group = (ref.apiVersion ?? '').includes('/') ? (ref.apiVersion ?? '').split('/')[0] : '';
    const resource = SCALE_TARGETS[`${group}/${ref.kind}`];
    let target: KObject | undefined;
    let scaleError: string | undefined;
    const noMatch = `no matches for kind "${ref.kind}" in group "${group}"`;
    if (!resource) scaleError = noMatch;
    else {
      try {
        target = api.get(resource, ns, ref.name);
      } catch {
        // The sandbox does not serve this kind (e.g. StatefulSet): the RESTMapper would not know it either.
        scaleError = noMatch;
      }
      if (!target && !scaleError) {
        const [g, plural] = resource.split('/');
        scaleError = `${qualifiedResource(g === 'core' ? '' : g, plural)} "${ref.name}" not found`;
      }
    }
    if (!target || !resource) {
      const message = `the HPA controller was unable to get the target's current scale: ${scaleError}`;
      setCondition(status, 'AbleToScale', { status: 'False', reason: 'FailedGetScale', message }, stamp);
      api.recordEvent(hpa, 'Warning', 'FailedGetScale', scaleError ?? '', COMPONENT);
      writeStatus(hpa, status);
      return;
    }
    setCondition(status, 'AbleToScale', { status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" }, stamp);
    const current = (target.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    const minReplicas = spec.minReplicas ?? 1;
    recordInitialRecommendation(memory, current, now());
    let desired = current;
    let rescaleReason = '';
    let rescale = true;
    // Like upstream, metric statuses are only reported by a sync that computed them.
    let currentMetrics: unknown[] | undefined;
    if (current === 0 && minReplicas !== 0) {
      desired = 0;
      rescale = false;
      setCondition(status, 'ScalingActive', { status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' }, stamp);
    } else if (current > spec.maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desired = spec.maxReplicas;
    } else if (current < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desired = minReplicas;
    } else {
      const selector = targetSelector(target);
      const metricSpecs: MetricSpec[] = spec.metrics?.length ? spec.metrics : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
      if (!selector) {
        setCondition(status, 'ScalingActive', { status: 'False', reason: 'InvalidSelector', message: "the HPA target's scale is missing a selector" }, stamp);
        api.recordEvent(hpa, 'Warning', 'SelectorRequired', 'selector is required', COMPONENT);
        writeStatus(hpa, { ...status, currentReplicas: current });
        api.recordEvent(hpa, 'Warning', 'FailedComputeMetricsReplicas', 'selector is required', COMPONENT);
        return;
      }
      const statuses: unknown[] = [];
      let proposal = 0;
      let metricName = '';
      let invalid = 0;
      let firstError: MetricError | undefined;
      for (const m of metricSpecs) {
        try {
          const r = computeMetric(hpa, m, target, selector, current);
          statuses.push(r.status);
          if (r.replicas > proposal || !metricName) {
            proposal = r.replicas;
            metricName = r.name;
          }
        } catch (err) {
          if (!(err instanceof MetricError)) throw err;
          invalid++;
          statuses.push({ type: '' });
          api.recordEvent(hpa, 'Warning', err.reason, err.message, COMPONENT);
          firstError ??= err;
        }
      }
      currentMetrics = statuses;
      if (firstError && (invalid >= metricSpecs.length || proposal < current)) {
        setCondition(status, 'ScalingActive', { status: 'False', reason: firstError.reason, message: `the HPA was unable to compute the replica count: ${firstError.message}` }, stamp);
        writeStatus(hpa, { ...status, currentReplicas: current, currentMetrics });
        const m = metricSpecs[statuses.findIndex((s) => (s as { type: string }).type === '')];
        const resourceName = m?.resource?.name ?? m?.type ?? '';
        api.recordEvent(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${invalid} invalid out of ${metricSpecs.length}), first error is: failed to get ${resourceName} resource metric value: ${firstError.message}`, COMPONENT);
        return;
      }
      setCondition(status, 'ScalingActive', { status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${metricName}` }, stamp);
      if (proposal > current) rescaleReason = `${metricName} above target`;
      if (proposal < current) rescaleReason = 'All metrics below target';
      const args = { current, prenormalized: proposal, minReplicas, maxReplicas: spec.maxReplicas, now: now() };
      const normalized = spec.behavior ? normalizeDesiredReplicasWithBehaviors(memory, { ...args, behavior: spec.behavior }) : normalizeDesiredReplicas(memory, args);
      setCondition(status, 'AbleToScale', normalized.ableToScale, stamp);
      setCondition(status, 'ScalingLimited', normalized.scalingLimited, stamp);
      desired = normalized.desired;
      rescale = desired !== current;
    }
    if (rescale) {
      try {
        scaleTarget(resource, ns, ref.name, desired);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        setCondition(status, 'AbleToScale', { status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${msg}` }, stamp);
        writeStatus(hpa, { ...status, currentReplicas: current, currentMetrics });
        api.recordEvent(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${rescaleReason}; error: ${msg}`, COMPONENT);
        return;
      }
      setCondition(status, 'AbleToScale', { status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` }, stamp);
      storeScaleEvent(memory, spec.behavior, current, desired, now());
      api.recordEvent(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${rescaleReason}`, COMPONENT);
      status.lastScaleTime = stamp;
    }
    writeStatus(hpa, { ...status, currentReplicas: current, desiredReplicas: desired, currentMetrics });
  }

  function scaleTarget(resource: string, ns: string | undefined, name: string, replicas: number) {
    for (let attempt = 0; ; attempt++) {
      const fresh = api.get(resource, ns, name);
      if (!fresh) throw new Error(`${resource.split('/')[1]} "${name}" not found`);
      try {
        api.update(resource, { ...fresh, spec: { ...(fresh.spec as object), replicas } }, MANAGER);
        return;
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 409) || attempt >= 2) throw err;
      }
    }
  }

  const queue = createWorkQueue(clock, reconcile, 'horizontal-pod-autoscaler');
  const onEvent = (e: StoreEvent) => {
    if (e.resource !== 'autoscaling/horizontalpodautoscalers') return;
    const key = keyOf(e.object);
    if (e.type === 'DELETED') {
      memories.delete(key);
      return;
    }
    if (e.type === 'ADDED' || JSON.stringify(e.old?.spec) !== JSON.stringify(e.object.spec)) queue.add(key);
  };
  const unsubscribe = api.subscribe(onEvent);
  const resyncAll = () => {
    for (const h of api.list('autoscaling/horizontalpodautoscalers')) queue.add(keyOf(h));
  };
  resyncAll();
  const cancel = clock.every(SYNC_PERIOD_SECONDS, resyncAll);
  return {
    stop() {
      cancel();
      unsubscribe();
      queue.stop();
    },
  };
}
