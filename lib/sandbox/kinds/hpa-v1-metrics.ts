// The autoscaling/v1 JSON shapes of v2 metric specs and statuses, as the v1 conversion writes them into
// (and reads them from) the autoscaling.alpha.kubernetes.io/* annotations.
import { asNumber, asObject, type JsonObject } from './json';

/** Builds an object without undefined members, keeping key order (Go marshals in field order). */
export function compact(entries: Array<[string, unknown]>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries) if (v !== undefined && v !== null) out[k] = v;
  return out;
}

export const zero = '0';

export function cpuUtilizationMetric(value: number): JsonObject {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: value } } };
}

export function isCpuUtilizationSpec(m: JsonObject): boolean {
  const r = asObject(m.resource);
  return m.type === 'Resource' && !!r && r.name === 'cpu' && asNumber(asObject(r.target)?.averageUtilization) !== undefined;
}

export function metricSpecToV1(m: JsonObject): JsonObject {
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

export function metricSpecFromV1(m: JsonObject): JsonObject {
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

export function metricStatusToV1(m: JsonObject): JsonObject {
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

export function metricStatusFromV1(m: JsonObject): JsonObject {
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
