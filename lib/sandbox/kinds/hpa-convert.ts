// autoscaling/v1 <-> v2 HorizontalPodAutoscaler conversion as pkg/apis/autoscaling/v1/conversion.go does
// it: v1's targetCPUUtilizationPercentage is the v2 cpu Utilization metric; everything v1 cannot express
// travels in the autoscaling.alpha.kubernetes.io/* annotations (in v1's JSON shapes).
import type { KObject } from '../types';
import { asNumber, asObject, asObjects, isObject, type JsonObject } from './json';
import { compact, cpuUtilizationMetric, isCpuUtilizationSpec, metricSpecFromV1, metricSpecToV1, metricStatusFromV1, metricStatusToV1 } from './hpa-v1-metrics';

export const metricSpecsAnnotation = 'autoscaling.alpha.kubernetes.io/metrics';
export const metricStatusesAnnotation = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const conditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';
export const behaviorAnnotation = 'autoscaling.alpha.kubernetes.io/behavior';
export const defaultCpuUtilization = 80;

function parseJsonArray(text: string | undefined): JsonObject[] | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter(isObject) : [];
  } catch {
    return [];
  }
}

function parseJsonObject(text: string | undefined): JsonObject | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** autoscaling/v1 object → the v2 storage form. */
export function hpaV1ToV2(v1: KObject): KObject {
  const out = structuredClone(v1);
  out.apiVersion = 'autoscaling/v2';
  const annotations = { ...(out.metadata.annotations ?? {}) };
  const spec = asObject(v1.spec) ?? {};
  const status = asObject(v1.status);

  const metrics: JsonObject[] = [];
  const other = parseJsonArray(annotations[metricSpecsAnnotation]);
  if (other) {
    metrics.push(...other.map(metricSpecFromV1));
    delete annotations[metricSpecsAnnotation];
  }
  const cpu = asNumber(spec.targetCPUUtilizationPercentage);
  if (cpu !== undefined) metrics.push(cpuUtilizationMetric(cpu));
  if (metrics.length === 0) metrics.push(cpuUtilizationMetric(defaultCpuUtilization));

  const v2spec = compact([
    ['scaleTargetRef', spec.scaleTargetRef],
    ['minReplicas', spec.minReplicas],
    ['maxReplicas', spec.maxReplicas],
    ['metrics', metrics],
  ]);
  const behavior = parseJsonObject(annotations[behaviorAnnotation]);
  if (annotations[behaviorAnnotation] !== undefined) delete annotations[behaviorAnnotation];
  if (behavior) v2spec.behavior = behavior;
  out.spec = v2spec;

  if (status) {
    const v2status = compact([
      ['observedGeneration', status.observedGeneration],
      ['lastScaleTime', status.lastScaleTime],
      ['currentReplicas', status.currentReplicas],
      ['desiredReplicas', status.desiredReplicas ?? 0],
    ]);
    const cpuNow = asNumber(status.currentCPUUtilizationPercentage);
    if (cpuNow !== undefined) v2status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cpuNow } } }];
    const current = parseJsonArray(annotations[metricStatusesAnnotation]);
    if (current) {
      v2status.currentMetrics = current.map(metricStatusFromV1);
      delete annotations[metricStatusesAnnotation];
    }
    const conditions = parseJsonArray(annotations[conditionsAnnotation]);
    if (conditions) {
      v2status.conditions = conditions;
      delete annotations[conditionsAnnotation];
    }
    out.status = v2status;
  } else {
    for (const k of [metricStatusesAnnotation, conditionsAnnotation]) delete annotations[k];
  }
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out;
}

/** The v2 storage form → autoscaling/v1. */
export function hpaV2ToV1(v2: KObject): KObject {
  const out = structuredClone(v2);
  out.apiVersion = 'autoscaling/v1';
  const annotations = { ...(out.metadata.annotations ?? {}) };
  const spec = asObject(v2.spec) ?? {};
  const status = asObject(v2.status) ?? {};
  const metrics = asObjects(spec.metrics);

  let targetCPU: number | undefined;
  for (const m of metrics) {
    const r = asObject(m.resource);
    if (m.type === 'Resource' && r?.name === 'cpu') {
      targetCPU = asNumber(asObject(r.target)?.averageUtilization);
      break;
    }
  }
  const other = metrics.filter((m) => !isCpuUtilizationSpec(m)).map(metricSpecToV1);
  const currentMetrics = asObjects(status.currentMetrics);
  const conditions = asObjects(status.conditions);
  if (other.length) annotations[metricSpecsAnnotation] = JSON.stringify(other);
  if (currentMetrics.length) annotations[metricStatusesAnnotation] = JSON.stringify(currentMetrics.map(metricStatusToV1));
  if (conditions.length) {
    annotations[conditionsAnnotation] = JSON.stringify(conditions.map((c) => compact([['type', c.type], ['status', c.status], ['lastTransitionTime', c.lastTransitionTime], ['reason', c.reason], ['message', c.message]])));
  }
  if (isObject(spec.behavior)) annotations[behaviorAnnotation] = JSON.stringify(spec.behavior);

  out.spec = compact([
    ['scaleTargetRef', spec.scaleTargetRef],
    ['minReplicas', spec.minReplicas],
    ['maxReplicas', spec.maxReplicas],
    ['targetCPUUtilizationPercentage', targetCPU],
  ]);
  let currentCPU: number | undefined;
  for (const m of currentMetrics) {
    const r = asObject(m.resource);
    if (m.type === 'Resource' && r?.name === 'cpu') {
      const u = asNumber(asObject(r.current)?.averageUtilization);
      if (u !== undefined) currentCPU = u;
    }
  }
  out.status = compact([
    ['observedGeneration', status.observedGeneration],
    ['lastScaleTime', status.lastScaleTime],
    ['currentReplicas', status.currentReplicas ?? 0],
    ['desiredReplicas', status.desiredReplicas ?? 0],
    ['currentCPUUtilizationPercentage', currentCPU],
  ]);
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out;
}
