// Version conversion at the REST edge (storage version <-> the URL's version, e.g. HPA autoscaling/v1)
// and the autoscaling/v1 Scale view of scalable workloads.
import { apiErrors } from '../errors';
import type { ResourceDef } from '../kinds/types';
import { apiVersionOf } from '../registry';
import { formatLabelSelector } from '../selectors';
import type { KObject } from '../types';

export function toVersion(def: ResourceDef, version: string, obj: KObject): KObject {
  if (version === def.version) return obj;
  const conv = def.versions?.[version];
  if (!conv) return obj;
  const out = conv.fromStorage(obj);
  out.apiVersion = apiVersionOf(def.group, version);
  out.kind = def.kind;
  return out;
}

export function fromVersion(def: ResourceDef, version: string, obj: KObject): KObject {
  if (version === def.version) return obj;
  const conv = def.versions?.[version];
  if (!conv) return obj;
  const out = conv.toStorage(obj);
  out.apiVersion = apiVersionOf(def.group, def.version);
  out.kind = def.kind;
  return out;
}

function selectorString(obj: KObject): string {
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const sel = spec.selector as Record<string, unknown> | undefined;
  if (!sel) return '';
  if (sel.matchLabels || sel.matchExpressions) return formatLabelSelector(sel as Parameters<typeof formatLabelSelector>[0]);
  // ReplicationController: a plain map selector.
  return Object.entries(sel as Record<string, string>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function scaleOf(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const status = (obj.status ?? {}) as Record<string, unknown>;
  const scaleStatus: Record<string, unknown> = { replicas: (status.replicas as number) ?? 0 };
  const sel = selectorString(obj);
  if (sel) scaleStatus.selector = sel;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: (spec.replicas as number) ?? 0 },
    status: scaleStatus,
  };
}

/** Applies a (possibly patched) Scale to its workload; the Scale's resourceVersion is a precondition. */
export function applyScale(obj: KObject, scale: KObject): KObject {
  const replicas = (scale.spec as Record<string, unknown> | undefined)?.replicas;
  const name = obj.metadata.name as string;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    throw apiErrors.invalid('autoscaling', 'Scale', name, [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be an integer`, field: 'spec.replicas' }]);
  }
  if (replicas < 0) {
    throw apiErrors.invalid('autoscaling', 'Scale', name, [{ reason: 'FieldValueInvalid', message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: 'spec.replicas' }]);
  }
  const next: KObject = JSON.parse(JSON.stringify(obj)) as KObject;
  next.spec = { ...((next.spec as Record<string, unknown>) ?? {}), replicas };
  const rv = scale.metadata?.resourceVersion;
  if (rv) next.metadata.resourceVersion = rv;
  else delete next.metadata.resourceVersion;
  return next;
}
