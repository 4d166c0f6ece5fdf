// Patch metadata of the built-in kinds the sandbox serves, transcribed from the upstream OpenAPI
// extensions: x-kubernetes-patch-strategy / x-kubernetes-patch-merge-key (strategic merge patch) and
// x-kubernetes-list-type / list-map-keys / map-type (server-side apply). Anything not described here is
// treated as upstream treats an untyped field: lists atomic (SMP "replace"), objects merged key by key.

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface StructSchema {
  type: 'struct';
  fields: Record<string, FieldSchema>;
  /** x-kubernetes-map-type: atomic on a struct (e.g. LabelSelector): SSA owns it as a whole. */
  atomic?: boolean;
}

export interface MapSchema {
  type: 'map';
  values?: FieldSchema;
  atomic?: boolean;
}

export interface ListSchema {
  type: 'list';
  items?: FieldSchema;
  /** SMP: present when x-kubernetes-patch-strategy contains "merge". */
  patchMergeKey?: string;
  patchMerge?: boolean;
  /** SSA: x-kubernetes-list-type. */
  listType: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  /** Defaults of key fields (protocol: TCP), used to build the identity of an item that omits them. */
  keyDefaults?: Record<string, unknown>;
}

export interface ScalarSchema {
  type: 'scalar';
}

export type FieldSchema = StructSchema | MapSchema | ListSchema | ScalarSchema;

const scalar: ScalarSchema = { type: 'scalar' };

function struct(fields: Record<string, FieldSchema>, atomic = false): StructSchema {
  return atomic ? { type: 'struct', fields, atomic } : { type: 'struct', fields };
}

const stringMap: MapSchema = { type: 'map' };
const atomicMap: MapSchema = { type: 'map', atomic: true };
const atomicList: ListSchema = { type: 'list', listType: 'atomic' };

/** patchStrategy merge + listType map keyed by `key` (the common case). */
function keyedList(key: string, items: FieldSchema = struct({}), ssaKeys: string[] = [key], keyDefaults?: Record<string, unknown>): ListSchema {
  const list: ListSchema = { type: 'list', items, patchMergeKey: key, patchMerge: true, listType: 'map', listMapKeys: ssaKeys };
  if (keyDefaults) list.keyDefaults = keyDefaults;
  return list;
}

/** patchStrategy merge on a list of scalars, listType set (finalizers). */
const mergedSet: ListSchema = { type: 'list', items: scalar, patchMerge: true, listType: 'set' };

const labelSelector = struct({ matchLabels: stringMap, matchExpressions: atomicList }, true);

const conditions = keyedList('type');

export const objectMetaSchema = struct({
  labels: stringMap,
  annotations: stringMap,
  finalizers: mergedSet,
  ownerReferences: keyedList('uid'),
  managedFields: atomicList,
});

const resources = struct({ limits: stringMap, requests: stringMap, claims: keyedList('name') });

const probe = struct({
  exec: struct({ command: atomicList }),
  httpGet: struct({ httpHeaders: atomicList }),
});

const container = struct({
  args: atomicList,
  command: atomicList,
  env: keyedList('name'),
  envFrom: atomicList,
  ports: keyedList('containerPort', struct({}), ['containerPort', 'protocol'], { protocol: 'TCP' }),
  resources,
  resizePolicy: atomicList,
  volumeMounts: keyedList('mountPath'),
  volumeDevices: keyedList('devicePath'),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  securityContext: struct({ capabilities: struct({ add: atomicList, drop: atomicList }) }),
});

const podSpec = struct({
  volumes: keyedList('name'),
  initContainers: keyedList('name', container),
  containers: keyedList('name', container),
  ephemeralContainers: keyedList('name', container),
  imagePullSecrets: keyedList('name'),
  nodeSelector: atomicMap,
  tolerations: atomicList,
  hostAliases: keyedList('ip'),
  readinessGates: atomicList,
  topologySpreadConstraints: keyedList('topologyKey', struct({ labelSelector }), ['topologyKey', 'whenUnsatisfiable']),
  resourceClaims: keyedList('name'),
  schedulingGates: keyedList('name'),
  overhead: stringMap,
  securityContext: struct({ supplementalGroups: atomicList, sysctls: atomicList }),
  dnsConfig: struct({ nameservers: atomicList, searches: atomicList, options: atomicList }),
});

const podTemplateSpec = struct({ metadata: objectMetaSchema, spec: podSpec });

const podStatus = struct({
  conditions,
  podIPs: keyedList('ip'),
  hostIPs: keyedList('ip'),
  containerStatuses: atomicList,
  initContainerStatuses: atomicList,
  ephemeralContainerStatuses: atomicList,
});

const workloadStatus = struct({ conditions });

function root(spec: FieldSchema | undefined, status: FieldSchema | undefined, extra: Record<string, FieldSchema> = {}): StructSchema {
  const fields: Record<string, FieldSchema> = { apiVersion: scalar, kind: scalar, metadata: objectMetaSchema, ...extra };
  if (spec) fields.spec = spec;
  if (status) fields.status = status;
  return struct(fields);
}

const serviceSpec = struct({
  ports: keyedList('port', struct({}), ['port', 'protocol'], { protocol: 'TCP' }),
  selector: atomicMap,
  clusterIPs: atomicList,
  externalIPs: atomicList,
  ipFamilies: atomicList,
  loadBalancerSourceRanges: atomicList,
});

const loadBalancerStatus = struct({ ingress: atomicList });

const jobSpec = struct({ selector: labelSelector, template: podTemplateSpec });

const schemas: Record<string, StructSchema> = {
  '/Pod': root(podSpec, podStatus),
  '/PodTemplate': root(undefined, undefined, { template: podTemplateSpec }),
  '/ReplicationController': root(struct({ selector: atomicMap, template: podTemplateSpec }), workloadStatus),
  '/Service': root(serviceSpec, struct({ conditions, loadBalancer: loadBalancerStatus })),
  '/Namespace': root(struct({ finalizers: atomicList }), struct({ conditions })),
  '/ConfigMap': root(undefined, undefined, { data: stringMap, binaryData: stringMap }),
  '/Secret': root(undefined, undefined, { data: stringMap, stringData: stringMap }),
  '/Endpoints': root(undefined, undefined, { subsets: atomicList }),
  '/Event': root(undefined, undefined),
  'apps/Deployment': root(struct({ selector: labelSelector, template: podTemplateSpec }), workloadStatus),
  'apps/ReplicaSet': root(struct({ selector: labelSelector, template: podTemplateSpec }), workloadStatus),
  'apps/DaemonSet': root(struct({ selector: labelSelector, template: podTemplateSpec }), workloadStatus),
  'apps/StatefulSet': root(
    struct({ selector: labelSelector, template: podTemplateSpec, volumeClaimTemplates: atomicList }),
    workloadStatus,
  ),
  'batch/Job': root(jobSpec, workloadStatus),
  'batch/CronJob': root(struct({ jobTemplate: struct({ metadata: objectMetaSchema, spec: jobSpec }) }), struct({ active: atomicList })),
  'autoscaling/HorizontalPodAutoscaler': root(
    struct({ metrics: atomicList }),
    struct({ conditions, currentMetrics: atomicList }),
  ),
  'autoscaling/Scale': root(struct({}), struct({})),
  'networking.k8s.io/Ingress': root(struct({ rules: atomicList, tls: atomicList }), struct({ loadBalancer: loadBalancerStatus })),
  'discovery.k8s.io/EndpointSlice': root(undefined, undefined, { endpoints: atomicList, ports: atomicList }),
};

const genericObject = root(undefined, undefined);

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Schema of a kind; unknown kinds get a schema that only knows ObjectMeta. */
export function lookupSchema(gvk: Pick<GroupVersionKind, 'group' | 'kind'>): StructSchema {
  return schemas[`${gvk.group}/${gvk.kind}`] ?? genericObject;
}

/** Schema of a struct field or map value; undefined when the schema does not describe it. */
export function childSchema(parent: FieldSchema | undefined, key: string): FieldSchema | undefined {
  if (!parent) return undefined;
  if (parent.type === 'struct') return parent.fields[key];
  if (parent.type === 'map') return parent.values ?? scalar;
  return undefined;
}

export function itemSchema(list: FieldSchema | undefined): FieldSchema | undefined {
  return list && list.type === 'list' ? list.items : undefined;
}
