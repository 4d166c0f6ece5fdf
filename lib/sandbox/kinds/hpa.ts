// autoscaling HorizontalPodAutoscaler, stored as v2 (preferred) and also served as v1 through the
// upstream conversion. Defaults from pkg/apis/autoscaling/v2/defaults.go, validation from
// pkg/apis/autoscaling/validation, printer printHorizontalPodAutoscaler.
import type { KObject } from '../types';
import type { StatusCause } from './types';
import { defineResource, specChanged } from './base';
import { ageColumn, column, nameColumn } from './columns';
import { translateTimestampSince } from './duration';
import { forbidden, invalid, notSupported, required } from './field-errors';
import { asNumber, asObject, asObjects, ensureObject, isObject, setDefault, type JsonObject } from './json';
import { nameIsPathSegment } from './names';
import { int } from './printing';
import { canonicalQuantity, parseQuantity } from './quantity';
import { defaultCpuUtilization, hpaV1ToV2, hpaV2ToV1 } from './hpa-convert';

function scaleUpDefaults(): JsonObject {
  return { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
}

function scaleDownDefaults(): JsonObject {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the user's set fields override the defaults; policies are replaced whole. */
function mergeRules(user: unknown, defaults: JsonObject): JsonObject {
  const rules = asObject(user);
  if (!rules) return defaults;
  const out: JsonObject = { ...defaults };
  for (const key of ['stabilizationWindowSeconds', 'selectPolicy', 'policies', 'tolerance']) {
    if (rules[key] !== undefined && rules[key] !== null) out[key] = rules[key];
  }
  return out;
}

export function defaultHpa(obj: KObject): void {
  const spec = ensureObject(obj, 'spec');
  setDefault(spec, 'minReplicas', 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: defaultCpuUtilization } } }];
  }
  const behavior = asObject(spec.behavior);
  if (behavior) {
    behavior.scaleUp = mergeRules(behavior.scaleUp, scaleUpDefaults());
    behavior.scaleDown = mergeRules(behavior.scaleDown, scaleDownDefaults());
  }
}

function validateTarget(target: unknown, path: string): StatusCause[] {
  const t = asObject(target) ?? {};
  const causes: StatusCause[] = [];
  if (!t.type) causes.push(required(`${path}.type`, 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(String(t.type))) causes.push(invalid(`${path}.type`, t.type, 'must be either Utilization, Value, or AverageValue'));
  for (const f of ['value', 'averageValue']) {
    if (t[f] === undefined) continue;
    const q = parseQuantity(t[f]);
    if (q === undefined || q <= 0) causes.push(invalid(`${path}.${f}`, t[f], 'must be positive'));
  }
  const util = asNumber(t.averageUtilization);
  if (util !== undefined && util < 1) causes.push(invalid(`${path}.averageUtilization`, util, 'must be greater than 0'));
  return causes;
}

function validateMetric(m: JsonObject, path: string): StatusCause[] {
  const types = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
  if (!m.type) return [required(`${path}.type`, 'must specify a metric source type')];
  if (!types.includes(String(m.type))) return [notSupported(`${path}.type`, m.type, types)];
  const causes: StatusCause[] = [];
  const key = String(m.type).charAt(0).toLowerCase() + String(m.type).slice(1);
  const src = asObject(m[key]);
  if (!src) return [required(`${path}.${key}`, `must populate information for the given metric source`)];
  if (m.type === 'Resource' || m.type === 'ContainerResource') {
    if (!src.name) causes.push(required(`${path}.${key}.name`, 'must specify a resource name'));
    const target = asObject(src.target) ?? {};
    const hasUtil = target.averageUtilization !== undefined;
    const hasValue = target.averageValue !== undefined;
    if (!hasUtil && !hasValue) causes.push(required(`${path}.${key}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
    if (hasUtil && hasValue) causes.push(forbidden(`${path}.${key}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
  } else if (!asObject(src.metric)?.name) {
    causes.push(required(`${path}.${key}.metric.name`, 'must specify a metric name'));
  }
  causes.push(...validateTarget(src.target, `${path}.${key}.target`));
  return causes;
}

function validateRules(rules: unknown, path: string): StatusCause[] {
  const r = asObject(rules);
  if (!r) return [];
  const causes: StatusCause[] = [];
  const window = asNumber(r.stabilizationWindowSeconds);
  if (window !== undefined && window < 0) causes.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > 3600) causes.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be less than or equal to 3600'));
  if (r.selectPolicy !== undefined && !['Disabled', 'Max', 'Min'].includes(String(r.selectPolicy))) {
    causes.push(notSupported(`${path}.selectPolicy`, r.selectPolicy, ['Disabled', 'Max', 'Min']));
  }
  const policies = asObjects(r.policies);
  if (policies.length === 0) causes.push(required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pp = `${path}.policies[${i}]`;
    if (!['Percent', 'Pods'].includes(String(p.type))) causes.push(notSupported(`${pp}.type`, p.type ?? '', ['Percent', 'Pods']));
    const value = asNumber(p.value) ?? 0;
    if (value <= 0) causes.push(invalid(`${pp}.value`, value, 'must be greater than zero'));
    const period = asNumber(p.periodSeconds) ?? 0;
    if (period <= 0) causes.push(invalid(`${pp}.periodSeconds`, period, 'must be greater than zero'));
    if (period > 1800) causes.push(invalid(`${pp}.periodSeconds`, period, 'must be less than or equal to 1800'));
  });
  return causes;
}

export function validateHpa(obj: KObject): StatusCause[] {
  const spec = asObject(obj.spec) ?? {};
  const causes: StatusCause[] = [];
  const min = asNumber(spec.minReplicas);
  const max = asNumber(spec.maxReplicas) ?? 0;
  if (min !== undefined && min < 1) causes.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) causes.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) causes.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const ref = asObject(spec.scaleTargetRef) ?? {};
  for (const f of ['kind', 'name']) {
    const v = typeof ref[f] === 'string' ? String(ref[f]) : '';
    if (!v) causes.push(required(`spec.scaleTargetRef.${f}`, ''));
    else for (const msg of nameIsPathSegment(v, false)) causes.push(invalid(`spec.scaleTargetRef.${f}`, v, msg));
  }
  asObjects(spec.metrics).forEach((m, i) => causes.push(...validateMetric(m, `spec.metrics[${i}]`)));
  const behavior = asObject(spec.behavior);
  if (behavior) {
    causes.push(...validateRules(behavior.scaleUp, 'spec.behavior.scaleUp'));
    causes.push(...validateRules(behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return causes;
}

function quantityText(v: unknown): string {
  return v === undefined || v === null ? '<unknown>' : canonicalQuantity(v);
}

/** formatHPAMetrics: "cpu: 12%/50%", "<unknown>" currents, "<auto>" targets, at most two then "+ N more...". */
export function formatHpaMetrics(metrics: unknown, statuses: unknown): string {
  const specs = asObjects(metrics);
  const current = asObjects(statuses);
  if (specs.length === 0) return '<none>';
  const list: string[] = [];
  specs.forEach((spec, i) => {
    const st = current[i];
    switch (spec.type) {
      case 'External':
      case 'Object': {
        const key = spec.type === 'External' ? 'external' : 'object';
        const target = asObject(asObject(spec[key])?.target) ?? {};
        const cur = asObject(asObject(st?.[key])?.current);
        if (target.averageValue !== undefined) {
          list.push(`${cur?.averageValue !== undefined ? quantityText(cur.averageValue) : '<unknown>'}/${quantityText(target.averageValue)} (avg)`);
        } else {
          list.push(`${cur ? quantityText(cur.value) : '<unknown>'}/${quantityText(target.value)}`);
        }
        break;
      }
      case 'Pods': {
        const target = asObject(asObject(spec.pods)?.target) ?? {};
        const cur = asObject(asObject(st?.pods)?.current);
        list.push(`${cur ? quantityText(cur.averageValue) : '<unknown>'}/${quantityText(target.averageValue)}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const src = asObject(spec[key]) ?? {};
        const target = asObject(src.target) ?? {};
        const curSrc = isObject(st?.[key]) ? asObject(asObject(st?.[key])?.current) : undefined;
        if (target.averageValue !== undefined) {
          list.push(`${String(src.name)}: ${curSrc ? quantityText(curSrc.averageValue) : '<unknown>'}/${quantityText(target.averageValue)}`);
        } else {
          const util = asNumber(curSrc?.averageUtilization);
          const t = asNumber(target.averageUtilization);
          list.push(`${String(src.name)}: ${util !== undefined ? `${util}%` : '<unknown>'}/${t !== undefined ? `${t}%` : '<auto>'}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

export const horizontalPodAutoscalers = defineResource({
  group: 'autoscaling',
  version: 'v2',
  versions: { v1: { toStorage: hpaV1ToV2, fromStorage: hpaV2ToV1 } },
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  kind: 'HorizontalPodAutoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  subresources: ['status'],
  defaults: defaultHpa,
  validate: validateHpa,
  bumpsGeneration: specChanged,
  columns: [
    nameColumn,
    column('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    column('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).'),
    column('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
    column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
    column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    ageColumn,
  ],
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const ref = asObject(spec.scaleTargetRef) ?? {};
    const min = asNumber(spec.minReplicas);
    return [
      `${String(ref.kind ?? '')}/${String(ref.name ?? '')}`,
      formatHpaMetrics(spec.metrics, status.currentMetrics),
      min === undefined ? '<unset>' : String(min),
      int(spec.maxReplicas),
      int(status.currentReplicas),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
    ];
  },
});
