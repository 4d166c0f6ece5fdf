// Cases transcribed as data from upstream's replica_calculator_test.go and horizontal_test.go
// (pkg/controller/podautoscaler), so the sandbox's HPA arithmetic is pinned to the real controller's.
import { describe, expect, it } from 'vitest';
import { formatMilliQuantity, getPlainMetricReplicas, getResourceReplicas, groupPods, parseCpuMilli, type PodMetric, type PodSample } from './hpa-math';
import {
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  createHpaMemory,
  defaultScaleDownRules,
  defaultScaleUpRules,
  getReplicasChangePerPeriod,
  normalizeDesiredReplicas,
  normalizeDesiredReplicasWithBehaviors,
  stabilizeRecommendation,
  storeScaleEvent,
  type ScaleEvent,
  type ScalingRules,
} from './hpa-normalize';

// Upstream test constants: 2 containers per pod, CPU initialization period 2 min, readiness delay 10 s,
// metric window 1 min, pods and metrics stamped at the zero time unless a start time is given.
const NOW = 1_000_000;
const ZERO = 0;
const HOT = NOW - 60;
const COOL = NOW - 180;
const TIMING = { now: NOW, cpuInitializationPeriod: 120, delayOfInitialReadinessStatus: 10 };

interface CalcCase {
  name: string;
  current: number;
  expected?: number;
  error?: string;
  requests: number[];
  levels: number[];
  podNames?: string[];
  target: number;
  utilization?: number;
  value?: number;
  readiness?: Array<'True' | 'False'>;
  startTimes?: number[];
  phases?: string[];
  deleting?: boolean[];
}

function runCalc(tc: CalcCase) {
  const count = Math.max(tc.current, tc.phases?.length ?? 0);
  const pods: PodSample[] = [];
  for (let i = 0; i < count; i++) {
    const request = tc.requests[i];
    pods.push({
      name: `test-pod-${i}`,
      phase: tc.phases?.[i] ?? 'Running',
      deleting: tc.deleting?.[i] ?? false,
      ready: tc.readiness?.[i] ?? 'True',
      startTime: tc.startTimes?.[i] ?? ZERO,
      readyTransitionTime: ZERO,
      containers: [
        { name: 'container1', cpuRequestMilli: request },
        { name: 'container2', cpuRequestMilli: request },
      ],
    });
  }
  const metrics = new Map<string, PodMetric>();
  tc.levels.forEach((level, i) => {
    metrics.set(tc.podNames?.[i] ?? `test-pod-${i}`, { value: 2 * level, timestamp: ZERO, window: 60 });
  });
  return getResourceReplicas({ currentReplicas: tc.current, targetUtilization: tc.target, pods, metrics, timing: TIMING });
}

const r = (n: number) => Array.from({ length: n }, () => 1000);

const calcCases: CalcCase[] = [
  { name: 'DisjointResourcesMetrics', current: 1, error: 'no metrics returned matched known pods', requests: [1000], levels: [100], podNames: ['an-older-pod-name'], target: 100 },
  { name: 'ScaleUp', current: 3, expected: 5, requests: r(3), levels: [300, 500, 700], target: 30, utilization: 50, value: 1000 },
  { name: 'ScaleUpUnreadyLessScale', current: 3, expected: 4, readiness: ['False', 'True', 'True'], requests: r(3), levels: [300, 500, 700], target: 30, utilization: 60, value: 1200 },
  { name: 'ScaleUpHotCpuLessScale', current: 3, expected: 4, startTimes: [HOT, COOL, COOL], requests: r(3), levels: [300, 500, 700], target: 30, utilization: 60, value: 1200 },
  { name: 'ScaleUpUnreadyNoScale', current: 3, expected: 3, readiness: ['True', 'False', 'False'], requests: r(3), levels: [400, 500, 700], target: 30, utilization: 40, value: 800 },
  { name: 'ScaleHotCpuNoScale', current: 3, expected: 3, readiness: ['True', 'False', 'False'], startTimes: [COOL, HOT, HOT], requests: r(3), levels: [400, 500, 700], target: 30, utilization: 40, value: 800 },
  { name: 'ScaleUpIgnoresFailedPods', current: 2, expected: 4, readiness: ['True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Failed', 'Failed'], requests: r(4), levels: [500, 700], target: 30, utilization: 60, value: 1200 },
  { name: 'ScaleUpIgnoresDeletionPods', current: 2, expected: 4, readiness: ['True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Running', 'Running'], deleting: [false, false, true, true], requests: r(4), levels: [500, 700], target: 30, utilization: 60, value: 1200 },
  { name: 'ScaleDown', current: 5, expected: 3, requests: r(5), levels: [100, 300, 500, 250, 250], target: 50, utilization: 28, value: 560 },
  { name: 'ScaleDownExcludeUnreadyPods', current: 5, expected: 2, readiness: ['True', 'True', 'True', 'False', 'False'], requests: r(5), levels: [100, 300, 500, 250, 250], target: 50, utilization: 30, value: 600 },
  { name: 'ScaleDownExcludeUnscheduledPods', current: 5, expected: 1, readiness: ['True', 'False', 'False', 'False', 'False'], phases: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'], requests: r(5), levels: [100], target: 50, utilization: 10, value: 200 },
  { name: 'ScaleDownIgnoreHotCpuPods', current: 5, expected: 2, startTimes: [COOL, COOL, COOL, HOT, HOT], requests: r(5), levels: [100, 300, 500, 250, 250], target: 50, utilization: 30, value: 600 },
  { name: 'ScaleDownIgnoresFailedPods', current: 5, expected: 3, readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], requests: r(7), levels: [100, 300, 500, 250, 250], target: 50, utilization: 28, value: 560 },
  { name: 'ScaleDownIgnoresDeletionPods', current: 5, expected: 3, readiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'], phases: Array(7).fill('Running'), deleting: [false, false, false, false, false, true, true], requests: r(7), levels: [100, 300, 500, 250, 250], target: 50, utilization: 28, value: 560 },
  { name: 'Tolerance', current: 3, expected: 3, requests: [900, 1000, 1100], levels: [1010, 1030, 1020], target: 100, utilization: 102, value: 2040 },
  { name: 'SuperfluousMetrics', current: 4, expected: 24, requests: r(4), levels: [4000, 9500, 3000, 7000, 3200, 2000], target: 100, utilization: 587, value: 11750 },
  { name: 'MissingMetrics', current: 4, expected: 3, requests: r(4), levels: [400, 95], target: 100, utilization: 24, value: 495 },
  { name: 'EmptyMetrics', current: 4, error: 'unable to get metrics for resource cpu: no metrics returned from resource metrics API', requests: r(3), levels: [], target: 100 },
  { name: 'EmptyCPURequest', current: 1, error: 'missing request for', requests: [], levels: [200], target: 100 },
  { name: 'MissingMetricsNoChangeEq', current: 2, expected: 2, requests: r(2), levels: [1000], target: 100, utilization: 100, value: 2000 },
  { name: 'MissingMetricsNoChangeGt', current: 2, expected: 2, requests: r(2), levels: [1900], target: 100, utilization: 190, value: 3800 },
  { name: 'MissingMetricsNoChangeLt', current: 2, expected: 2, requests: r(2), levels: [600], target: 100, utilization: 60, value: 1200 },
  { name: 'MissingMetricsUnreadyChange', current: 3, expected: 3, readiness: ['False', 'True', 'True'], requests: r(3), levels: [100, 450], target: 50, utilization: 45, value: 900 },
  { name: 'MissingMetricsHotCpuNoChange', current: 3, expected: 3, startTimes: [HOT, COOL, COOL], requests: r(3), levels: [100, 450], target: 50, utilization: 45, value: 900 },
  { name: 'MissingMetricsUnreadyScaleUp', current: 3, expected: 4, readiness: ['False', 'True', 'True'], requests: r(3), levels: [100, 2000], target: 50, utilization: 200, value: 4000 },
  { name: 'MissingMetricsHotCpuScaleUp', current: 3, expected: 4, readiness: ['False', 'True', 'True'], startTimes: [HOT, COOL, COOL], requests: r(3), levels: [100, 2000], target: 50, utilization: 200, value: 4000 },
  { name: 'MissingMetricsUnreadyScaleDown', current: 4, expected: 3, readiness: ['False', 'True', 'True', 'True'], requests: r(4), levels: [100, 100, 100], target: 50, utilization: 10, value: 200 },
  { name: 'MissingMetricsScaleDownTargetOver100', current: 4, expected: 2, readiness: ['False', 'True', 'True', 'True'], requests: [1000, 1000, 2000, 2000], levels: [200, 100, 100], target: 300, utilization: 6, value: 200 },
  { name: 'DuringRollingUpdateWithMaxSurge', current: 2, expected: 2, phases: ['Running', 'Running', 'Running'], requests: r(3), levels: [100, 100], target: 50, utilization: 10, value: 200 },
];

describe('GetResourceReplicas (replica_calculator_test.go)', () => {
  for (const tc of calcCases) {
    it(tc.name, () => {
      if (tc.error) {
        expect(() => runCalc(tc)).toThrow(tc.error);
        return;
      }
      const out = runCalc(tc);
      expect(out).toEqual({ replicas: tc.expected, utilization: tc.utilization, rawAverage: tc.value });
    });
  }

  it('ComputedToleranceAlgImplementation: just past the tolerance scales, just inside does not', () => {
    const requests = [400, 200, 310, 290, 302, 298, 301, 299, 300, 300];
    const levels = Array(10).fill(150);
    expect(runCalc({ name: 'x', current: 10, requests, levels, target: 56 })).toEqual({ replicas: 9, utilization: 50, rawAverage: 300 });
    expect(runCalc({ name: 'x', current: 10, requests, levels, target: 55 }).replicas).toBe(10);
  });

  it('names the container and pod when a CPU request is missing, as upstream does', () => {
    const pods: PodSample[] = [{ name: 'web-1', phase: 'Running', deleting: false, ready: 'True', startTime: 0, readyTransitionTime: 0, containers: [{ name: 'nginx' }] }];
    const metrics = new Map([['web-1', { value: 10, timestamp: 0, window: 15 }]]);
    expect(() => getResourceReplicas({ currentReplicas: 1, targetUtilization: 50, pods, metrics, timing: TIMING }))
      .toThrow('missing request for cpu in container nginx of Pod web-1');
  });
});

describe('calcPlainMetricReplicas (replica_calculator_test.go, pods metrics)', () => {
  const cases: Array<{ name: string; current: number; expected: number; levels: number[]; target: number; usage: number; readiness?: Array<'True' | 'False'>; startTimes?: number[]; phases?: string[] }> = [
    { name: 'ScaleUpCM', current: 3, expected: 4, levels: [20000, 10000, 30000], target: 15000, usage: 20000 },
    { name: 'ScaleUpCMUnreadyHotCpuNoLessScale', current: 3, expected: 6, readiness: ['True', 'True', 'False'], startTimes: [COOL, COOL, HOT], levels: [50000, 10000, 30000], target: 15000, usage: 30000 },
    { name: 'ScaleDownCM', current: 5, expected: 3, levels: [12000, 12000, 12000, 12000, 12000], target: 20000, usage: 12000 },
    { name: 'ToleranceCM', current: 3, expected: 3, levels: [20000, 21000, 21000], target: 20000, usage: 20666 },
    { name: 'PlainMetricMissingMetricsNoChangeEq', current: 5, expected: 5, levels: [20000, 19000, 21000], target: 20000, usage: 20000 },
    { name: 'DuringRollingUpdateWithMaxSurgeCM', current: 2, expected: 2, phases: ['Running', 'Running', 'Running'], levels: [10000, 10000], target: 17000, usage: 10000 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const count = Math.max(tc.current, tc.phases?.length ?? 0);
      const pods: PodSample[] = Array.from({ length: count }, (_, i) => ({
        name: `test-pod-${i}`, phase: tc.phases?.[i] ?? 'Running', deleting: false, ready: tc.readiness?.[i] ?? 'True',
        startTime: tc.startTimes?.[i] ?? ZERO, readyTransitionTime: ZERO, containers: [],
      }));
      const metrics = new Map<string, PodMetric>(tc.levels.map((v, i) => [`test-pod-${i}`, { value: v, timestamp: ZERO, window: 60 }]));
      expect(getPlainMetricReplicas({ currentReplicas: tc.current, targetUsage: tc.target, pods, metrics, resource: '', timing: TIMING })).toEqual({ replicas: tc.expected, usage: tc.usage });
    });
  }
});

describe('groupPods (replica_calculator_test.go TestGroupPods)', () => {
  const now = 10_000;
  const timing = { now, cpuInitializationPeriod: 120, delayOfInitialReadinessStatus: 10 };
  const pod = (name: string, p: Partial<PodSample>): PodSample => ({ name, phase: 'Succeeded', deleting: false, containers: [], ...p });
  const cases: Array<{ name: string; pod: PodSample; metric?: PodMetric; cpu: boolean; ready: number; unready?: string; missing?: string }> = [
    { name: 'count in a ready pod - memory', pod: pod('bentham', {}), metric: { value: 1, timestamp: now, window: 60 }, cpu: false, ready: 1 },
    { name: 'unready a pod without ready condition - CPU', pod: pod('lucretius', { startTime: now }), metric: { value: 1, timestamp: 0, window: 0 }, cpu: true, ready: 0, unready: 'lucretius' },
    { name: 'count in a ready pod with fresh metrics during initialization period', pod: pod('bentham', { startTime: now - 60, ready: 'True', readyTransitionTime: now - 30 }), metric: { value: 1, timestamp: now, window: 30 }, cpu: true, ready: 1 },
    { name: 'unready a ready pod without fresh metrics during initialization period', pod: pod('bentham', { startTime: now - 60, ready: 'True', readyTransitionTime: now - 30 }), metric: { value: 1, timestamp: now, window: 60 }, cpu: true, ready: 0, unready: 'bentham' },
    { name: 'unready an unready pod during initialization period', pod: pod('lucretius', { startTime: now - 600, ready: 'False', readyTransitionTime: now - 594 }), metric: { value: 1, timestamp: 0, window: 0 }, cpu: true, ready: 0, unready: 'lucretius' },
    { name: 'count in a ready pod without fresh metrics after initialization period', pod: pod('bentham', { startTime: now - 180, ready: 'True', readyTransitionTime: now - 180 }), metric: { value: 1, timestamp: now - 120, window: 60 }, cpu: true, ready: 1 },
    { name: 'count in an unready pod that was ready after initialization period', pod: pod('lucretius', { startTime: now - 600, ready: 'False', readyTransitionTime: now - 540 }), metric: { value: 1, timestamp: 0, window: 0 }, cpu: true, ready: 1 },
    { name: 'unready pod that has never been ready after initialization period', pod: pod('lucretius', { startTime: now - 600, ready: 'False', readyTransitionTime: now - 590 }), metric: { value: 1, timestamp: 0, window: 0 }, cpu: true, ready: 1 },
    { name: 'a missing pod', pod: pod('epicurus', { startTime: now - 180 }), cpu: true, ready: 0, missing: 'epicurus' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const metrics = new Map<string, PodMetric>(tc.metric ? [[tc.pod.name, tc.metric]] : []);
      const g = groupPods([tc.pod], metrics, tc.cpu, timing);
      expect(g.readyPodCount).toBe(tc.ready);
      expect([...g.unready]).toEqual(tc.unready ? [tc.unready] : []);
      expect([...g.missing]).toEqual(tc.missing ? [tc.missing] : []);
    });
  }
  it('ignores deleted and failed pods', () => {
    const g = groupPods([pod('a', { deleting: true }), pod('b', { phase: 'Failed' })], new Map(), true, timing);
    expect([...g.ignored].sort()).toEqual(['a', 'b']);
  });
});

describe('quantities', () => {
  it('parses CPU quantities to milli-values and formats them back canonically', () => {
    expect(parseCpuMilli('250m')).toBe(250);
    expect(parseCpuMilli('0.5')).toBe(500);
    expect(parseCpuMilli('1.0')).toBe(1000);
    expect(parseCpuMilli('2')).toBe(2000);
    expect(parseCpuMilli(1)).toBe(1000);
    expect(parseCpuMilli('bogus')).toBeUndefined();
    expect(formatMilliQuantity(1000)).toBe('1');
    expect(formatMilliQuantity(250)).toBe('250m');
    expect(formatMilliQuantity(0)).toBe('0');
  });
});

describe('stabilizeRecommendation (horizontal_test.go TestNormalizeDesiredReplicas)', () => {
  const now = 100_000;
  const cases = [
    { name: 'empty log', recs: [] as Array<[number, number]>, pre: 5, expected: 5, log: 1 },
    { name: 'stabilize', recs: [[4, -120], [5, -60]] as Array<[number, number]>, pre: 3, expected: 5, log: 3 },
    { name: 'no stabilize', recs: [[1, -120], [2, -60]] as Array<[number, number]>, pre: 3, expected: 3, log: 3 },
    { name: 'no stabilize - old recommendations', recs: [[10, -600], [9, -540]] as Array<[number, number]>, pre: 3, expected: 3, log: 2 },
    { name: 'stabilize - old recommendations', recs: [[10, -600], [4, -60], [5, -120], [9, -540]] as Array<[number, number]>, pre: 3, expected: 5, log: 4 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const memory = createHpaMemory();
      memory.recommendations = tc.recs.map(([recommendation, ago]) => ({ recommendation, at: now + ago }));
      expect(stabilizeRecommendation(memory, tc.pre, now)).toBe(tc.expected);
      expect(memory.recommendations).toHaveLength(tc.log);
    });
  }
});

describe('convertDesiredReplicasWithRules (horizontal_test.go)', () => {
  const cases = [
    { current: 5, desired: 7, min: 3, max: 8, expected: 7, condition: 'DesiredWithinRange' },
    { current: 3, desired: 1, min: 2, max: 8, expected: 2, condition: 'TooFewReplicas' },
    { current: 1, desired: 0, min: 0, max: 10, expected: 0, condition: 'DesiredWithinRange' },
    { current: 20, desired: 1000, min: 1, max: 10, expected: 10, condition: 'TooManyReplicas' },
    { current: 3, desired: 1000, min: 1, max: 2000, expected: 6, condition: 'ScaleUpLimit' },
  ];
  for (const tc of cases) {
    it(`${tc.current} -> ${tc.desired} in [${tc.min},${tc.max}]`, () => {
      const out = convertDesiredReplicasWithRules(tc.current, tc.desired, tc.min, tc.max);
      expect([out.desired, out.reason]).toEqual([tc.expected, tc.condition]);
    });
  }
});

// generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow) from horizontal_test.go
function rules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number): ScalingRules {
  const policies: ScalingRules['policies'] = [];
  if (pods) policies.push({ type: 'Pods', value: pods, periodSeconds: podsPeriod });
  if (percent) policies.push({ type: 'Percent', value: percent, periodSeconds: percentPeriod });
  return { stabilizationWindowSeconds: window, selectPolicy: 'Max', policies };
}

// generateEventsUniformDistribution: events spread over the last `period` seconds, oldest first.
function uniformEvents(raw: number[], period: number, now: number): ScaleEvent[] {
  const seg = period / raw.length;
  return raw.map((change, i) => ({ change, at: now - Math.trunc(period - seg * (i + 1) + seg / 2) }));
}

describe('convertDesiredReplicasWithBehaviorRate (horizontal_test.go TestScalingWithRules)', () => {
  const now = 50_000;
  const cases: Array<{ name: string; current: number; pre: number; min: number; max: number; up?: ScalingRules; down?: ScalingRules; upEvents?: number[]; expected: number; condition: string }> = [
    { name: 'within range', current: 5, pre: 7, min: 3, max: 8, expected: 7, condition: 'DesiredWithinRange' },
    { name: 'below minReplicas', current: 3, pre: 1, min: 2, max: 8, expected: 2, condition: 'TooFewReplicas' },
    { name: 'within range when minReplicas is 0', current: 1, pre: 0, min: 0, max: 10, expected: 0, condition: 'DesiredWithinRange' },
    { name: 'maxReplicas < scaleUpLimit', current: 20, pre: 1000, min: 1, max: 10, expected: 10, condition: 'TooManyReplicas' },
    { name: 'more than the maximum', current: 100, pre: 1000, min: 100, max: 150, expected: 150, condition: 'TooManyReplicas' },
    { name: 'scaleUpLimit with user policies', current: 3, pre: 1000, min: 1, max: 2000, up: rules(0, 0, 1, 60, 0), expected: 4, condition: 'ScaleUpLimit' },
    { name: 'scaleDownLimit with user policies', current: 1000, pre: 3, min: 3, max: 2000, down: rules(20, 60, 0, 0, 0), expected: 980, condition: 'ScaleDownLimit' },
    { name: 'scaleUp with default behavior', current: 10, pre: 50, min: 1, max: 1000, expected: 20, condition: 'ScaleUpLimit' },
    { name: 'pods policy larger than percent', current: 10, pre: 500, min: 1, max: 1000, up: rules(100, 60, 100, 60, 0), expected: 110, condition: 'ScaleUpLimit' },
    { name: 'percent policy larger than pods', current: 10, pre: 500, min: 1, max: 1000, up: rules(2, 60, 100, 60, 0), expected: 20, condition: 'ScaleUpLimit' },
    { name: 'large pod policy', current: 10, pre: 50, min: 1, max: 1000, up: rules(100, 60, 0, 0, 0), expected: 50, condition: 'DesiredWithinRange' },
    { name: 'pod policy limitation', current: 10, pre: 50, min: 1, max: 1000, up: rules(30, 60, 0, 0, 0), expected: 40, condition: 'ScaleUpLimit' },
    { name: 'percent policy limitation', current: 10, pre: 50, min: 1, max: 1000, up: rules(0, 0, 200, 60, 0), expected: 30, condition: 'ScaleUpLimit' },
    { name: 'scaleDown percent larger than pods', current: 100, pre: 2, min: 1, max: 1000, down: rules(20, 60, 1, 60, 300), expected: 80, condition: 'ScaleDownLimit' },
    { name: 'scaleDown pods larger than percent', current: 100, pre: 2, min: 1, max: 1000, down: rules(2, 60, 1, 60, 300), expected: 98, condition: 'ScaleDownLimit' },
    { name: 'scaleDown MinReplicas with large pod policy', current: 10, pre: 0, min: 1, max: 1000, down: rules(100, 60, 0, 0, 300), expected: 1, condition: 'TooFewReplicas' },
    { name: 'scaleDown MinReplicas with large percent policy', current: 10, pre: 2, min: 5, max: 1000, down: rules(0, 0, 100, 60, 300), expected: 5, condition: 'TooFewReplicas' },
    { name: 'scaleDown pod policy limitation', current: 10, pre: 2, min: 1, max: 1000, down: rules(5, 60, 0, 0, 300), expected: 5, condition: 'ScaleDownLimit' },
    { name: 'scaleDown percent policy limitation', current: 10, pre: 5, min: 1, max: 1000, down: rules(0, 0, 50, 60, 300), expected: 5, condition: 'DesiredWithinRange' },
    { name: 'MaxReplicas with large pod policy and events', current: 100, pre: 500, min: 1, max: 200, up: rules(300, 60, 0, 0, 0), upEvents: [1, 5, 9], expected: 200, condition: 'TooManyReplicas' },
    { name: 'a lot of recent scale up events', current: 100, pre: 500, min: 1, max: 1000, up: rules(5, 120, 0, 0, 0), upEvents: [1, 5, 9], expected: 100, condition: 'ScaleUpLimit' },
    { name: 'pod policy and previous scale up events', current: 100, pre: 500, min: 1, max: 1000, up: rules(150, 120, 0, 0, 0), upEvents: [1, 5, 9], expected: 235, condition: 'ScaleUpLimit' },
    { name: 'percent policy and previous scale up events', current: 100, pre: 500, min: 1, max: 1000, up: rules(0, 0, 200, 120, 0), upEvents: [1, 5, 9], expected: 255, condition: 'ScaleUpLimit' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const memory = createHpaMemory();
      if (tc.upEvents) memory.scaleUpEvents = uniformEvents(tc.upEvents, 120, now);
      const out = convertDesiredReplicasWithBehaviorRate(memory, {
        current: tc.current, desired: tc.pre, minReplicas: tc.min, maxReplicas: tc.max,
        up: defaultScaleUpRules(tc.up), down: defaultScaleDownRules(tc.down), now,
      });
      expect([out.desired, out.reason]).toEqual([tc.expected, tc.condition]);
    });
  }
});

describe('normalization with conditions', () => {
  it('legacy path: holds a scale-down for the 5 minute window and reports ScaleDownStabilized', () => {
    const memory = createHpaMemory();
    memory.recommendations = [{ recommendation: 4, at: 1000 - 60 }];
    const out = normalizeDesiredReplicas(memory, { current: 5, prenormalized: 3, minReplicas: 1, maxReplicas: 10, now: 1000 });
    expect(out.desired).toBe(4);
    expect(out.ableToScale.reason).toBe('ScaleDownStabilized');
    expect(out.scalingLimited).toEqual({ status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' });
    const later = normalizeDesiredReplicas(memory, { current: 4, prenormalized: 3, minReplicas: 1, maxReplicas: 10, now: 1000 + 301 });
    expect(later.desired).toBe(3);
  });

  it('legacy path: scale-up capped at max(2x, 4) with ScaleUpLimit, at max with TooManyReplicas', () => {
    const capped = normalizeDesiredReplicas(createHpaMemory(), { current: 1, prenormalized: 9, minReplicas: 1, maxReplicas: 10, now: 0 });
    expect([capped.desired, capped.scalingLimited.status, capped.scalingLimited.reason]).toEqual([4, 'True', 'ScaleUpLimit']);
    const atMax = normalizeDesiredReplicas(createHpaMemory(), { current: 1, prenormalized: 9, minReplicas: 1, maxReplicas: 3, now: 0 });
    expect([atMax.desired, atMax.scalingLimited.reason, atMax.scalingLimited.message]).toEqual([3, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count']);
  });

  it('behavior path (TestNormalizeDesiredReplicasWithBehaviors): scale up and down limited by policies', () => {
    const up = normalizeDesiredReplicasWithBehaviors(createHpaMemory(), {
      current: 5, prenormalized: 15, minReplicas: 1, maxReplicas: 10, now: 0,
      behavior: { scaleUp: rules(0, 0, 200, 60, 300), scaleDown: rules(0, 0, 100, 60, 300) },
    });
    expect(up.desired).toBe(10);
    const down = normalizeDesiredReplicasWithBehaviors(createHpaMemory(), {
      current: 8, prenormalized: 2, minReplicas: 1, maxReplicas: 10, now: 0,
      behavior: { scaleUp: rules(0, 0, 200, 60, 300), scaleDown: rules(0, 0, 50, 60, 300) },
    });
    expect(down.desired).toBe(4);
  });

  it('behavior path: default scale-down window keeps the highest recommendation of the last 300 s', () => {
    const memory = createHpaMemory();
    memory.recommendations = [{ recommendation: 3, at: 900 }];
    const out = normalizeDesiredReplicasWithBehaviors(memory, { current: 3, prenormalized: 1, minReplicas: 1, maxReplicas: 3, now: 1000, behavior: {} });
    expect(out.desired).toBe(3);
    expect(out.ableToScale).toEqual({ status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
  });

  it('records scale events only for HPAs with behavior and counts them per period', () => {
    const memory = createHpaMemory();
    storeScaleEvent(memory, undefined, 1, 3, 0);
    expect(memory.scaleUpEvents).toHaveLength(0);
    storeScaleEvent(memory, {}, 1, 3, 0);
    storeScaleEvent(memory, {}, 3, 2, 5);
    expect(memory.scaleUpEvents).toEqual([{ change: 2, at: 0 }]);
    expect(memory.scaleDownEvents).toEqual([{ change: 1, at: 5 }]);
    expect(getReplicasChangePerPeriod(60, [{ change: 3, at: -30 }, { change: 2, at: -45 }, { change: 1, at: -70 }], 0)).toBe(5);
  });
});
