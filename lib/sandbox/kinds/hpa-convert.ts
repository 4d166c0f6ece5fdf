// autoscaling/v1 <-> v2 HorizontalPodAutoscaler conversion as pkg/apis/autoscaling/v1/conversion.go does
// it: v1's targetCPUUtilizationPercentage is the v2 cpu Utilization metric; everything v1 cannot express
// travels in the autoscaling.alpha.kubernetes.io/* annotations (in v1's JSON shapes).
import type { KObject } from '../types';
import { asNumber, asObject, asObjects, isObject, type JsonObject } from './json';

export const metricSpecsAnnotation = 'autoscaling.alpha.kubernetes.io/metrics';
export const metricStatusesAnnotation = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const conditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';
export const behaviorAnnotation = 'autoscaling.alpha.kubernetes.io/behavior';
export const defaultCpuUtilization = 80;

/** Builds an object without undefined members, keeping key order (Go marshals in field order). */
function compact(entries: Array<[string, unknown]>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

const zero = '0';

function cpuUtilizationMetric(value: number): JsonObject {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: value } } };
}

function isCpuUtilizationSpec(m: JsonObject): boolean {
  const r = asObject(m.resource);
  return m.type === 'Resource' && !!r && r.name === 'cpu' && asNumber(asObject(r.target)?.averageUtilization) !== undefined;
}

function metricSpecToV1(m: JsonObject): JsonObject {
  const target = (src: JsonObject | undefined) => asObject(src?.target) ?? {};
  const metric = (src: JsonObject | undefined) => asObject(src?.metric) ?? {};
  switch (m.type) {
    case 'Resource': {
      const r = asObject(m.resource);
      return { type: 'Resource', resource: compact([['name', r?.name], ['targetAverageUtilization', target(r).averageUtilization], ['targetAverageValue', target(r).averageValue]]) };
    }
    case 'ContainerResource': {
      const r = asObject(m.containerResource);
      return { type: 'ContainerResource', containerResource: compact([['name', r?.name], ['targetAverageUtilization', target(r).averageUtilization], ['targetAverageValue', target(r).averageValue], ['container', r?.container]]) };
    }
    case 'Pods': {
      const p = asObject(m.pods);
      return { type: 'Pods', pods: compact([['metricName', metric(p).name], ['targetAverageValue', target(p).averageValue ?? zero], ['selector', metric(p).selector]]) };
    }
    case 'Object': {
      const o = asObject(m.object);
      const d = asObject(o?.describedObject) ?? {};
      return {
        type: 'Object',
        object: compact([
          ['target', compact([['kind', d.kind], ['name', d.name], ['apiVersion', d.apiVersion]])],
          ['metricName', metric(o).name], ['targetValue', target(o).value ?? zero], ['selector', metric(o).selector], ['averageValue', target(o).averageValue],
        ]),
      };
    }
    case 'External': {
      const e = asObject(m.external);
      return { type: 'External', external: compact([['metricName', metric(e).name], ['metricSelector', metric(e).selector], ['targetValue', target(e).value], ['targetAverageValue', target(e).averageValue]]) };
    }
    default:
      return { type: m.type };
  }
}

function metricSpecFromV1(m: JsonObject): JsonObject {
  switch (m.type) {
    case 'Resource': {
      const r = asObject(m.resource) ?? {};
      const util = asNumber(r.targetAverageUtilization);
      return { type: 'Resource', resource: { name: r.name, target: compact([['type', util === undefined ? 'AverageValue' : 'Utilization'], ['averageValue', r.targetAverageValue], ['averageUtilization', util]]) } };
    }
    case 'ContainerResource': {
      const r = asObject(m.containerResource) ?? {};
      const util = asNumber(r.targetAverageUtilization);
      return { type: 'ContainerResource', containerResource: compact([['name', r.name], ['target', compact([['type', util === undefined ? 'AverageValue' : 'Utilization'], ['averageValue', r.targetAverageValue], ['averageUtilization', util]])], ['container', r.container]]) };
    }
    case 'Pods': {
      const p = asObject(m.pods) ?? {};
      return { type: 'Pods', pods: { metric: compact([['name', p.metricName], ['selector', p.selector]]), target: { type: 'AverageValue', averageValue: p.targetAverageValue ?? zero } } };
    }
    case 'Object': {
      const o = asObject(m.object) ?? {};
      const t = asObject(o.target) ?? {};
      return {
        type: 'Object',
        object: {
          describedObject: compact([['kind', t.kind], ['name', t.name], ['apiVersion', t.apiVersion]]),
          target: compact([['type', o.averageValue === undefined ? 'Value' : 'AverageValue'], ['value', o.targetValue ?? zero], ['averageValue', o.averageValue]]),
          metric: compact([['name', o.metricName], ['selector', o.selector]]),
        },
      };
    }
    case 'External': {
      const e = asObject(m.external) ?? {};
      return {
        type: 'External',
        external: {
          metric: compact([['name', e.metricName], ['selector', e.metricSelector]]),
          target: compact([['type', e.targetValue === undefined ? 'AverageValue' : 'Value'], ['value', e.targetValue], ['averageValue', e.targetAverageValue]]),
        },
      };
    }
    default:
      return { type: m.type };
  }
}

function metricStatusToV1(m: JsonObject): JsonObject {
  const current = (src: JsonObject | undefined) => asObject(src?.current) ?? {};
  const metric = (src: JsonObject | undefined) => asObject(src?.metric) ?? {};
  switch (m.type) {
    case 'Resource': {
      const r = asObject(m.resource);
      return { type: 'Resource', resource: compact([['name', r?.name], ['currentAverageUtilization', current(r).averageUtilization], ['currentAverageValue', current(r).averageValue ?? zero]]) };
    }
    case 'ContainerResource': {
      const r = asObject(m.containerResource);
      return { type: 'ContainerResource', containerResource: compact([['name', r?.name], ['currentAverageUtilization', current(r).averageUtilization], ['currentAverageValue', current(r).averageValue ?? zero], ['container', r?.container]]) };
    }
    case 'Pods': {
      const p = asObject(m.pods);
      return { type: 'Pods', pods: compact([['metricName', metric(p).name], ['currentAverageValue', current(p).averageValue ?? zero], ['selector', metric(p).selector]]) };
    }
    case 'Object': {
      const o = asObject(m.object);
      const d = asObject(o?.describedObject) ?? {};
      return {
        type: 'Object',
        object: compact([
          ['target', compact([['kind', d.kind], ['name', d.name], ['apiVersion', d.apiVersion]])],
          ['metricName', metric(o).name], ['currentValue', current(o).value ?? zero], ['selector', metric(o).selector], ['averageValue', current(o).averageValue],
        ]),
      };
    }
    case 'External': {
      const e = asObject(m.external);
      return { type: 'External', external: compact([['metricName', metric(e).name], ['metricSelector', metric(e).selector], ['currentValue', current(e).value ?? zero], ['currentAverageValue', current(e).averageValue]]) };
    }
    default:
      return { type: m.type };
  }
}

function metricStatusFromV1(m: JsonObject): JsonObject {
  switch (m.type) {
    case 'Resource': {
      const r = asObject(m.resource) ?? {};
      return { type: 'Resource', resource: { name: r.name, current: compact([['averageValue', r.currentAverageValue ?? zero], ['averageUtilization', r.currentAverageUtilization]]) } };
    }
    case 'ContainerResource': {
      const r = asObject(m.containerResource) ?? {};
      return { type: 'ContainerResource', containerResource: compact([['name', r.name], ['current', compact([['averageValue', r.currentAverageValue ?? zero], ['averageUtilization', r.currentAverageUtilization]])], ['container', r.container]]) };
    }
    case 'Pods': {
      const p = asObject(m.pods) ?? {};
      return { type: 'Pods', pods: { metric: compact([['name', p.metricName], ['selector', p.selector]]), current: { averageValue: p.currentAverageValue ?? zero } } };
    }
    case 'Object': {
      const o = asObject(m.object) ?? {};
      const t = asObject(o.target) ?? {};
      return {
        type: 'Object',
        object: {
          metric: compact([['name', o.metricName], ['selector', o.selector]]),
          current: compact([['value', o.currentValue ?? zero], ['averageValue', o.averageValue]]),
          describedObject: compact([['kind', t.kind], ['name', t.name], ['apiVersion', t.apiVersion]]),
        },
      };
    }
    case 'External': {
      const e = asObject(m.external) ?? {};
      return { type: 'External', external: { metric: compact([['name', e.metricName], ['selector', e.metricSelector]]), current: compact([['value', e.currentValue ?? zero], ['averageValue', e.currentAverageValue]]) } };
    }
    default:
      return { type: m.type };
  }
}

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
