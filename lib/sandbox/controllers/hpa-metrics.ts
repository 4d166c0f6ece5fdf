// The HPA's synthetic metrics source and per-metric replica proposals (horizontal.go
// computeReplicasForMetric). Every Running pod of the scale target uses `sandbox.berth.dev/cpu-utilization`
// percent of its CPU request, read from the pod's own annotation or else from the scale target's metadata;
// without either the pod is idle (0%). Only cpu Resource metrics have data, as without a metrics adapter.
import type { KObject, SandboxApi } from '../types';
import { formatMilliQuantity, getPlainMetricReplicas, getResourceReplicas, parseCpuMilli, type PodMetric, type PodSample } from './hpa-math';

export const CPU_UTILIZATION_ANNOTATION = 'sandbox.berth.dev/cpu-utilization';
/** Length of a synthetic metrics sample window, like metrics-server's scrape resolution. */
const METRIC_WINDOW_SECONDS = 15;

export interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
  pods?: { metric?: { name?: string } };
  object?: { metric?: { name?: string } };
  external?: { metric?: { name?: string } };
  containerResource?: { name?: string };
}

export interface MetricProposal {
  replicas: number;
  status: unknown;
  name: string;
}

export class MetricError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
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

/** One metric's replica proposal; a MetricError carries the upstream condition reason and message. */
export function computeMetric(api: SandboxApi, hpa: KObject, m: MetricSpec, target: KObject, selector: string, current: number): MetricProposal {
  const clock = api.clock;
  const now = () => clock.secondsSince(0);
  const clusterTime = (ts: string | undefined) => (ts ? now() - clock.secondsSince(ts) : undefined);
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
