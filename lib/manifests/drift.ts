// Drift: what changed on the cluster outside Berth. Live objects carry everything the API server
// defaulted or allocated; those fields are dropped unless the revision set them, so only real edits
// (kubectl scale, set image, edit …) remain.
import { compareFields, type FieldChange } from './field-changes';
import { canonicalize, normalizeObject, type Json } from './normalize';
import { isSameQuantity } from './quantity';
import { managedKinds, type DesiredState, type ManagedObject, type StateKey } from './types';

type JsonMap = { [key: string]: Json };
/** A default: a fixed value, any value (allocated by the server), or a test against the sibling fields. */
type DefaultValue = Json | 'any' | ((value: Json, parent: JsonMap) => boolean);

const probeDefaults: [string, DefaultValue][] = ['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe) => [
  [`${probe}.timeoutSeconds`, 1],
  [`${probe}.periodSeconds`, 10],
  [`${probe}.successThreshold`, 1],
  [`${probe}.failureThreshold`, 3],
  [`${probe}.httpGet.scheme`, 'HTTP'],
]);

const containerDefaults: [string, DefaultValue][] = [
  ['terminationMessagePath', '/dev/termination-log'],
  ['terminationMessagePolicy', 'File'],
  ['imagePullPolicy', 'any'],
  ['ports.*.protocol', 'TCP'],
  ...probeDefaults,
];

const podTemplate = 'spec.template.spec';

// Server defaults per kind (pkg/apis/*/v1/defaults.go and admission), as seen on a 1.31–1.33 server.
const defaultsByKey: Record<StateKey, [string, DefaultValue][]> = {
  deployment: [
    ['spec.revisionHistoryLimit', 10],
    ['spec.progressDeadlineSeconds', 600],
    ['spec.strategy.type', 'RollingUpdate'],
    ['spec.strategy.rollingUpdate.maxSurge', '25%'],
    ['spec.strategy.rollingUpdate.maxUnavailable', '25%'],
    [`${podTemplate}.restartPolicy`, 'Always'],
    [`${podTemplate}.dnsPolicy`, 'ClusterFirst'],
    [`${podTemplate}.schedulerName`, 'default-scheduler'],
    [`${podTemplate}.terminationGracePeriodSeconds`, 30],
    [`${podTemplate}.enableServiceLinks`, true],
    [`${podTemplate}.serviceAccountName`, 'default'],
    [`${podTemplate}.serviceAccount`, 'default'],
    [`${podTemplate}.preemptionPolicy`, 'PreemptLowerPriority'],
    [`${podTemplate}.priority`, 0],
    [`${podTemplate}.volumes.*.configMap.defaultMode`, 420],
    ...containerDefaults.map(([path, value]): [string, DefaultValue] => [`${podTemplate}.containers.*.${path}`, value]),
    ...containerDefaults.map(([path, value]): [string, DefaultValue] => [`${podTemplate}.initContainers.*.${path}`, value]),
  ],
  service: [
    ['spec.type', 'ClusterIP'],
    ['spec.sessionAffinity', 'None'],
    ['spec.clusterIP', 'any'],
    ['spec.clusterIPs', 'any'],
    ['spec.ipFamilies', 'any'],
    ['spec.ipFamilyPolicy', 'any'],
    ['spec.internalTrafficPolicy', 'Cluster'],
    ['spec.externalTrafficPolicy', 'Cluster'],
    ['spec.allocateLoadBalancerNodePorts', true],
    ['spec.ports.*.protocol', 'TCP'],
    ['spec.ports.*.nodePort', 'any'],
    ['spec.ports.*.targetPort', (value, parent) => value === parent.port],
  ],
  hpa: [
    ['spec.minReplicas', 1],
    ['spec.metrics', [{ resource: { name: 'cpu', target: { averageUtilization: 80, type: 'Utilization' } }, type: 'Resource' }]],
  ],
  ingress: [['spec.ingressClassName', 'any']],
  configMap: [],
  pvc: [
    ['metadata.finalizers', ['kubernetes.io/pvc-protection']],
    ['spec.volumeMode', 'Filesystem'],
    ['spec.volumeName', 'any'],
    ['spec.storageClassName', 'any'],
  ],
};

function isMap(value: Json | undefined): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const quantityKeys = new Set(['cpu', 'memory', 'storage', 'ephemeral-storage']);

/** `…resources.requests.cpu`, `…limits.memory`, `spec.resources.requests.storage` (PVC). */
function isQuantityPath(path: string): boolean {
  const last = path.slice(path.lastIndexOf('.') + 1);
  return quantityKeys.has(last) && /(requests|limits)\.[^.]+$/.test(path);
}

function isQuantityValue(value: Json | undefined): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

function matchesDefault(path: string, value: Json, parent: JsonMap, rules: [string, DefaultValue][]): boolean {
  return rules.some(([p, def]) => {
    if (p !== path) return false;
    if (def === 'any') return true;
    if (typeof def === 'function') return def(value, parent);
    return JSON.stringify(canonicalize(def)) === JSON.stringify(value);
  });
}

function counterpart(items: Json[] | undefined, item: Json, index: number): Json | undefined {
  if (!items) return undefined;
  if (isMap(item) && typeof item.name === 'string') return items.find((other) => isMap(other) && other.name === item.name);
  return items[index];
}

/** Removes from `live` the defaulted fields `desired` does not set itself. */
function stripDefaults(live: Json, desired: Json | undefined, path: string, rules: [string, DefaultValue][]): Json | undefined {
  if (Array.isArray(live)) {
    const desiredItems = Array.isArray(desired) ? desired : undefined;
    return live.map((item, i) => stripDefaults(item, counterpart(desiredItems, item, i), `${path}.*`, rules) ?? {});
  }
  if (!isMap(live)) {
    // The server answers "1" for "1000m" and "1Gi" for "1024Mi": show the revision's spelling when the amount is the same.
    if (isQuantityPath(path) && isQuantityValue(live) && isQuantityValue(desired) && isSameQuantity(live, desired)) return desired;
    return live;
  }
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(live)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    const wanted = isMap(desired) ? desired[key] : undefined;
    if (wanted === undefined && matchesDefault(childPath, value, live, rules)) continue;
    const stripped = stripDefaults(value, wanted, childPath, rules);
    if (stripped !== undefined) out[key] = stripped;
  }
  // Go's `omitempty` drops zero values on the way back ("", 0, false): a revision saying `value: ""` or
  // `initialDelaySeconds: 0` matches a live object without the field.
  if (isMap(desired)) {
    for (const [key, value] of Object.entries(desired)) {
      if (!(key in live) && (value === '' || value === 0 || value === false)) out[key] = value;
    }
  }
  return out;
}

/** A live object from the cluster (client-node model or plain JSON). */
export type LiveObject = { apiVersion?: string; kind?: string; metadata?: { name?: string } };

/** What is on the cluster, shaped like a state; missing objects are absent. */
export type LiveState = Partial<DesiredState>;

/**
 * Brings live objects into the shape of a revision: picks each managed kind (by the desired object's
 * name when given), normalizes, and drops fields the API server defaulted or allocated that `desired`
 * does not set — `clusterIP`, `nodePort`, `imagePullPolicy`, `terminationMessagePath`, strategy defaults …
 */
export function liveToState(liveObjects: readonly LiveObject[], desired?: Partial<DesiredState>): LiveState {
  const out: Record<string, Json> = {};
  for (const { key, kind } of managedKinds) {
    const wantedName = desired?.[key]?.metadata?.name;
    const candidates = liveObjects.filter((o) => o.kind === kind);
    const live = wantedName === undefined ? candidates[0] : candidates.find((o) => o.metadata?.name === wantedName);
    if (!live) continue;
    const normalized = normalizeObject(live as ManagedObject) as unknown as Json;
    const wanted = desired?.[key] ? (normalizeObject(desired[key]) as unknown as Json) : undefined;
    const rules = [...defaultsByKey[key]];
    // With an HPA the replica count is the autoscaler's, not part of the desired state.
    if (key === 'deployment' && desired?.hpa) rules.push(['spec.replicas', 'any']);
    // Without a revision to compare with (adoption) the replica count is kept: it is the app's, not a default.
    if (key === 'deployment' && desired && !desired.hpa) rules.push(['spec.replicas', 1]);
    const stripped = canonicalize(stripDefaults(normalized, wanted, '', rules));
    if (stripped !== undefined) out[key] = stripped;
  }
  return out as unknown as LiveState;
}

export interface DriftEntry extends FieldChange {
  kind: string;
  name: string;
}

/** Quantities compare by value, whatever the spelling. */
function isSameLeaf(path: string, a: Json, b: Json): boolean {
  if (a === b) return true;
  return isQuantityPath(path) && isQuantityValue(a) && isQuantityValue(b) && isSameQuantity(a, b);
}

/**
 * The fields changed outside Berth: for each object of the revision, what the revision says (`before`)
 * and what the cluster holds (`after`). A deleted object is one entry with an empty path; objects on the
 * cluster that the revision does not have are not drift (Berth does not manage them).
 */
export function driftBetween(desired: DesiredState, live: readonly LiveObject[] | LiveState): DriftEntry[] {
  const objects: readonly LiveObject[] = Array.isArray(live)
    ? (live as readonly LiveObject[])
    : managedKinds.map(({ key }) => (live as LiveState)[key]).filter((o): o is ManagedObject => o !== undefined);
  const liveState = liveToState(objects, desired);
  const entries: DriftEntry[] = [];
  for (const { key, kind } of managedKinds) {
    const wanted = desired[key];
    if (!wanted) continue;
    const name = wanted.metadata?.name ?? '';
    const actual = liveState[key];
    if (!actual) {
      entries.push({ kind, name, path: '', before: normalizeObject(wanted) as unknown as Json, text: `${kind} "${name}" was deleted outside Berth` });
      continue;
    }
    const changes = compareFields(normalizeObject(wanted) as unknown as Json, normalizeObject(actual) as unknown as Json, isSameLeaf);
    for (const change of changes) entries.push({ kind, name, ...change });
  }
  return entries;
}
