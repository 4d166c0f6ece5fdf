// The HorizontalPodAutoscaler controller (horizontal.go reconcileAutoscaler) against the synthetic metrics
// source of hpa-metrics.ts. Syncs every 15 s of cluster time, like the controller's default sync period.
import type { KObject, SandboxApi, StoreEvent } from '../types';
import { ApiError, qualifiedResource } from '../errors';
import { formatLabelSelector } from '../selectors';
import { formatTime, keyOf, splitKey } from './objects';
export { CPU_UTILIZATION_ANNOTATION } from './hpa-metrics';
import { createWorkQueue } from './work-queue';
import { computeMetric, MetricError, type MetricSpec } from './hpa-metrics';
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

const SYNC_PERIOD_SECONDS = 15;
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

export function startHpaController(api: SandboxApi): { stop(): void } {
  const memories = new Map<string, HpaMemory>();
  const clock = api.clock;
  const now = () => clock.secondsSince(0);

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
          const r = computeMetric(api, hpa, m, target, selector, current);
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
