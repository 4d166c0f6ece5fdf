// core/v1 Pod: defaulting, the admission plugins every real cluster runs on pods (ServiceAccount,
// Priority, DefaultTolerationSeconds), validation, field labels and the pod printer.
import type { KObject } from '../types';
import type { StatusCause } from './types';
import { defineResource } from './base';
import { column, nameColumn, ageColumn, wide } from './columns';
import { forbidden } from './field-errors';
import { asArray, asObject, asObjects, deepEqual, ensureObject, setDefault, type JsonObject } from './json';
import { defaultPodOnly, defaultPodSpec } from './pod-spec-defaults';
import { validatePodSpec } from './pod-spec-validation';
import { podRowCells } from './pod-printer';
import { parseQuantity } from './quantity';

const qosResources = ['cpu', 'memory'];

/** v1 qos.GetPodQOS over containers and init containers. */
export function computeQosClass(spec: JsonObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let isGuaranteed = true;
  for (const c of [...asObjects(spec.containers), ...asObjects(spec.initContainers)]) {
    const res = asObject(c.resources) ?? {};
    for (const [k, v] of Object.entries(asObject(res.requests) ?? {})) {
      const q = parseQuantity(v);
      if (!qosResources.includes(k) || !q) continue;
      requests[k] = (requests[k] ?? 0) + q;
    }
    const found = new Set<string>();
    for (const [k, v] of Object.entries(asObject(res.limits) ?? {})) {
      const q = parseQuantity(v);
      if (!qosResources.includes(k) || !q) continue;
      found.add(k);
      limits[k] = (limits[k] ?? 0) + q;
    }
    if (!qosResources.every((r) => found.has(r))) isGuaranteed = false;
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [k, v] of Object.entries(requests)) if (limits[k] !== v) isGuaranteed = false;
  }
  return isGuaranteed && Object.keys(requests).length === Object.keys(limits).length ? 'Guaranteed' : 'Burstable';
}

const tokenVolumePrefix = 'kube-api-access-';
const tokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += suffixAlphabet[Math.floor(Math.random() * suffixAlphabet.length)];
  return s;
}

/** The ServiceAccount admission plugin's projected token volume and its mounts. */
function mountServiceAccountToken(spec: JsonObject): void {
  if (spec.automountServiceAccountToken === false) return;
  const volumes = asObjects(spec.volumes);
  if (volumes.some((v) => String(v.name ?? '').startsWith(tokenVolumePrefix))) return;
  const name = `${tokenVolumePrefix}${randomSuffix(5)}`;
  spec.volumes = [
    ...asArray(spec.volumes),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    },
  ];
  for (const c of [...asObjects(spec.initContainers), ...asObjects(spec.containers)]) {
    const mounts = asObjects(c.volumeMounts);
    if (mounts.some((m) => m.mountPath === tokenMountPath)) continue;
    c.volumeMounts = [...asArray(c.volumeMounts), { name, readOnly: true, mountPath: tokenMountPath }];
  }
}

function addDefaultTolerations(spec: JsonObject): void {
  const tolerations = asObjects(spec.tolerations);
  const additions: JsonObject[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some((t) => (t.key === key || t.key === undefined || t.key === '') && (t.effect === 'NoExecute' || !t.effect));
    if (!has) additions.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (additions.length) spec.tolerations = [...asArray(spec.tolerations), ...additions];
}

function defaultPod(obj: KObject): void {
  const spec = ensureObject(obj, 'spec');
  defaultPodSpec(spec);
  defaultPodOnly(spec);
  const status = ensureObject(obj, 'status');
  setDefault(status, 'phase', 'Pending');
  setDefault(status, 'qosClass', computeQosClass(spec));
}

/** Admission on create: what ServiceAccount, Priority and DefaultTolerationSeconds add to every pod. */
function admitPod(obj: KObject, old: KObject | undefined): void {
  if (old) return;
  const spec = ensureObject(obj, 'spec');
  if (typeof spec.serviceAccountName !== 'string' || !spec.serviceAccountName) {
    spec.serviceAccountName = typeof spec.serviceAccount === 'string' && spec.serviceAccount ? spec.serviceAccount : 'default';
  }
  spec.serviceAccount = spec.serviceAccountName;
  mountServiceAccountToken(spec);
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  addDefaultTolerations(spec);
}

const podUpdateForbidden =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate: only images, activeDeadlineSeconds and added tolerations may change. */
function validatePodSpecUpdate(obj: KObject, old: KObject): StatusCause[] {
  // The sandbox scheduler binds with an update (there is no pods/binding subresource), so setting
  // spec.nodeName on an unbound pod is the one extra change allowed.
  const unbound = !asObject(old.spec)?.nodeName;
  const mask = (spec: unknown): JsonObject => {
    const s = structuredClone(asObject(spec) ?? {});
    if (unbound) delete s.nodeName;
    for (const c of [...asObjects(s.containers), ...asObjects(s.initContainers)]) delete c.image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    delete s.terminationGracePeriodSeconds;
    return s;
  };
  if (deepEqual(mask(obj.spec), mask(old.spec))) return [];
  return [forbidden('spec', podUpdateForbidden)];
}

function podIPs(obj: KObject): string[] {
  return asObjects(asObject(obj.status)?.podIPs).map((p) => String(p.ip ?? ''));
}

export const pods = defineResource({
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  kind: 'Pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  subresources: ['status'],
  defaults: defaultPod,
  admit: admitPod,
  validate(obj, old) {
    const causes = validatePodSpec(obj.spec, 'spec');
    if (old) causes.push(...validatePodSpecUpdate(obj, old));
    return causes;
  },
  fieldLabels(obj) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      'spec.nodeName': str(spec.nodeName),
      'spec.restartPolicy': str(spec.restartPolicy),
      'spec.schedulerName': str(spec.schedulerName),
      'spec.serviceAccountName': str(spec.serviceAccountName),
      'spec.hostNetwork': String(spec.hostNetwork === true),
      'status.phase': str(status.phase),
      'status.podIP': podIPs(obj)[0] ?? '',
      'status.podIPs': podIPs(obj).join(','),
      'status.nominatedNodeName': str(status.nominatedNodeName),
    };
  },
  columns: [
    nameColumn,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn,
    wide('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
    wide('Node', 'string', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for preemption or scheduling.'),
    wide('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.'),
    wide('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.'),
  ],
  fullRow: podRowCells,
});
