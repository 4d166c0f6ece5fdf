// The HorizontalPodAutoscaler's arithmetic, kept pure so it can be pinned against upstream's
// table-driven cases: replica_calculator.go (GetResourceReplicas, groupPods, calculatePodRequests),
// metrics/utilization.go (GetResourceUtilizationRatio) and horizontal.go (normalization, stabilization,
// scaling rules). Times are "cluster seconds": wall-clock seconds × clock speed, so compressed time
// keeps every window and period the same length relative to the simulated cluster.

export const DEFAULT_TOLERANCE = 0.1;
export const CPU_INITIALIZATION_PERIOD_SECONDS = 300;
export const DELAY_OF_INITIAL_READINESS_STATUS_SECONDS = 30;
export const DOWNSCALE_STABILIZATION_SECONDS = 300;

/** Milli-value of a CPU quantity ("250m", "0.5", "2", 1), rounded up like resource.Quantity.MilliValue. */
export function parseCpuMilli(q: string | number | undefined): number | undefined {
  if (q === undefined || q === null) return undefined;
  if (typeof q === 'number') return Math.ceil(q * 1000);
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|n|u)?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  const scale: Record<string, number> = {
    '': 1000, m: 1, n: 1e-6, u: 1e-3, k: 1e6, M: 1e9, G: 1e12, T: 1e15, P: 1e18, E: 1e21,
    Ki: 1024e3, Mi: 1024 ** 2 * 1e3, Gi: 1024 ** 3 * 1e3, Ti: 1024 ** 4 * 1e3, Pi: 1024 ** 5 * 1e3, Ei: 1024 ** 6 * 1e3,
  };
  return Math.ceil(n * scale[m[2] ?? ''] - 1e-9);
}

/** A milli-value as the canonical DecimalSI quantity string the API server would serialize. */
export function formatMilliQuantity(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

export interface PodSample {
  name: string;
  phase: string;
  deleting: boolean;
  /** Status of the pod's Ready condition, undefined when the pod has none. */
  ready?: 'True' | 'False' | 'Unknown';
  /** status.startTime in cluster seconds; undefined when the pod has not started. */
  startTime?: number;
  /** The Ready condition's lastTransitionTime in cluster seconds. */
  readyTransitionTime?: number;
  containers: Array<{ name: string; cpuRequestMilli?: number }>;
}

/** One pod's usage sample as a metrics API would return it. */
export interface PodMetric {
  /** Usage in milli-units. */
  value: number;
  /** Sample time in cluster seconds. */
  timestamp: number;
  /** Collection window in cluster seconds. */
  window: number;
}

export interface GroupedPods {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

export interface ReadinessTiming {
  now: number;
  cpuInitializationPeriod?: number;
  delayOfInitialReadinessStatus?: number;
}

export function groupPods(pods: PodSample[], metrics: Map<string, PodMetric>, isCpu: boolean, timing: ReadinessTiming): GroupedPods {
  const initPeriod = timing.cpuInitializationPeriod ?? CPU_INITIALIZATION_PERIOD_SECONDS;
  const readinessDelay = timing.delayOfInitialReadinessStatus ?? DELAY_OF_INITIAL_READINESS_STATUS_SECONDS;
  const out: GroupedPods = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'Failed') {
      out.ignored.add(pod.name);
      continue;
    }
    if (pod.phase === 'Pending') {
      out.unready.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (!metric) {
      out.missing.add(pod.name);
      continue;
    }
    if (isCpu) {
      let unready: boolean;
      if (pod.ready === undefined || pod.startTime === undefined) {
        unready = true;
      } else {
        const transition = pod.readyTransitionTime ?? 0;
        if (pod.startTime + initPeriod > timing.now) {
          // Within the initialization period a sample only counts once a full window followed the transition.
          unready = pod.ready === 'False' || metric.timestamp < transition + metric.window;
        } else {
          // Afterwards only pods that never became ready are left out.
          unready = pod.ready === 'False' && pod.startTime + readinessDelay > transition;
        }
      }
      if (unready) {
        out.unready.add(pod.name);
        continue;
      }
    }
    out.readyPodCount++;
  }
  return out;
}

export function calculatePodRequests(pods: PodSample[], resource = 'cpu'): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of pod.containers) {
      if (c.cpuRequestMilli === undefined) {
        throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.name}`);
      }
      sum += c.cpuRequestMilli;
    }
    requests.set(pod.name, sum);
  }
  return requests;
}

export function getResourceUtilizationRatio(metrics: Map<string, PodMetric>, requests: Map<string, number>, targetUtilization: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, m] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

export interface ResourceReplicasResult {
  replicas: number;
  utilization: number;
  rawAverage: number;
}

/** GetResourceReplicas: the desired count for a Utilization target. Throws with upstream's messages. */
export function getResourceReplicas(args: {
  currentReplicas: number;
  targetUtilization: number;
  pods: PodSample[];
  metrics: Map<string, PodMetric>;
  tolerance?: number;
  resource?: string;
  timing: ReadinessTiming;
}): ResourceReplicasResult {
  const tolerance = args.tolerance ?? DEFAULT_TOLERANCE;
  const resource = args.resource ?? 'cpu';
  if (args.metrics.size === 0) {
    throw new Error(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
  }
  if (args.pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
  const metrics = new Map(args.metrics);
  const groups = groupPods(args.pods, metrics, resource === 'cpu', args.timing);
  for (const n of groups.ignored) metrics.delete(n);
  for (const n of groups.unready) metrics.delete(n);
  const requests = calculatePodRequests(args.pods, resource);
  if (metrics.size === 0) throw new Error('did not receive metrics for any ready pods');

  const { ratio, utilization, rawAverage } = getResourceUtilizationRatio(metrics, requests, args.targetUtilization);
  const current = args.currentReplicas;
  const result = (replicas: number) => ({ replicas, utilization, rawAverage });

  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= tolerance) return result(current);
    return result(Math.ceil(ratio * groups.readyPodCount));
  }
  if (groups.missing.size > 0) {
    if (ratio < 1.0) {
      const fallback = Math.max(100, args.targetUtilization);
      for (const n of groups.missing) metrics.set(n, { value: Math.trunc(((requests.get(n) ?? 0) * fallback) / 100), timestamp: args.timing.now, window: 0 });
    } else if (ratio > 1.0) {
      for (const n of groups.missing) metrics.set(n, { value: 0, timestamp: args.timing.now, window: 0 });
    }
  }
  if (scaleUpWithUnready) {
    for (const n of groups.unready) metrics.set(n, { value: 0, timestamp: args.timing.now, window: 0 });
  }
  const newRatio = getResourceUtilizationRatio(metrics, requests, args.targetUtilization).ratio;
  if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
    return result(current);
  }
  const replicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && replicas > current) || (newRatio > 1.0 && replicas < current)) return result(current);
  return result(replicas);
}

/** calcPlainMetricReplicas: the desired count for an AverageValue target (milli-units per pod). */
export function getPlainMetricReplicas(args: {
  currentReplicas: number;
  targetUsage: number;
  pods: PodSample[];
  metrics: Map<string, PodMetric>;
  tolerance?: number;
  resource?: string;
  timing: ReadinessTiming;
}): { replicas: number; usage: number } {
  const tolerance = args.tolerance ?? DEFAULT_TOLERANCE;
  if (args.pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
  const metrics = new Map(args.metrics);
  const groups = groupPods(args.pods, metrics, args.resource === 'cpu', args.timing);
  for (const n of groups.ignored) metrics.delete(n);
  for (const n of groups.unready) metrics.delete(n);
  if (metrics.size === 0) throw new Error('did not receive metrics for any ready pods');
  const usageOf = (m: Map<string, PodMetric>) => {
    let total = 0;
    for (const v of m.values()) total += v.value;
    const usage = Math.trunc(total / m.size);
    return { ratio: usage / args.targetUsage, usage };
  };
  const { ratio, usage } = usageOf(metrics);
  const current = args.currentReplicas;
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= tolerance) return { replicas: current, usage };
    return { replicas: Math.ceil(ratio * groups.readyPodCount), usage };
  }
  if (groups.missing.size > 0) {
    // Like the utilization path, a ratio of exactly 1 leaves missing pods out (upstream's NoChangeEq case).
    if (ratio !== 1.0) for (const n of groups.missing) metrics.set(n, { value: ratio < 1.0 ? args.targetUsage : 0, timestamp: args.timing.now, window: 0 });
  }
  if (scaleUpWithUnready) {
    for (const n of groups.unready) metrics.set(n, { value: 0, timestamp: args.timing.now, window: 0 });
  }
  const newRatio = usageOf(metrics).ratio;
  if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
    return { replicas: current, usage };
  }
  const replicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && replicas > current) || (newRatio > 1.0 && replicas < current)) return { replicas: current, usage };
  return { replicas, usage };
}
