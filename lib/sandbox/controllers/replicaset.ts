// ReplicaSet and ReplicationController controllers (upstream pkg/controller/replicaset, which serves
// both): adopt and release pods by selector, create or delete pods to match spec.replicas, and report
// replicas / fullyLabeledReplicas / readyReplicas / availableReplicas / observedGeneration.
import { ApiError } from '../errors';
import { formatLabelSelector, matchesLabels, parseLabelSelector } from '../selectors';
import type { ControllerHandle, KObject, OwnerReference, SandboxApi, StoreEvent } from '../types';
import { createObjectCache } from './cache';
import { canonicalJson, randomSuffix } from './hash';
import { asPod, controllerRef, formatTime, isTerminating, keyOf, splitKey, type Condition, type Pod, type PodTemplateSpec } from './objects';
import { ReadyTracker, sortPodsForDeletion } from './pod-util';
import { createWorkQueue, resyncSeconds } from './work-queue';

const PODS = 'core/pods';
const BURST_REPLICAS = 500;

interface Flavour {
  resource: string;
  apiVersion: string;
  kind: string;
  component: string;
  selector(obj: KObject): string;
}

const REPLICA_SET: Flavour = {
  resource: 'apps/replicasets',
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  selector: (o) => formatLabelSelector((o.spec as { selector?: Parameters<typeof formatLabelSelector>[0] } | undefined)?.selector),
};

const REPLICATION_CONTROLLER: Flavour = {
  resource: 'core/replicationcontrollers',
  apiVersion: 'v1',
  kind: 'ReplicationController',
  component: 'replication-controller',
  selector: (o) => {
    const spec = (o.spec ?? {}) as { selector?: Record<string, string>; template?: PodTemplateSpec };
    const sel = spec.selector && Object.keys(spec.selector).length ? spec.selector : (spec.template?.metadata?.labels ?? {});
    return formatLabelSelector({ matchLabels: sel });
  },
};

interface ReplicatedSpec {
  replicas?: number;
  minReadySeconds?: number;
  template?: PodTemplateSpec;
}

function isActivePod(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !isTerminating(pod) && phase !== 'Succeeded' && phase !== 'Failed';
}

function ownerRefFor(flavour: Flavour, owner: KObject): OwnerReference {
  return { apiVersion: flavour.apiVersion, kind: flavour.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

function startReplicatedController(api: SandboxApi, flavour: Flavour): ControllerHandle {
  const clock = api.clock;
  const cache = createObjectCache(api, [PODS, flavour.resource]);
  const ready = new ReadyTracker();

  const createPod = (owner: KObject, template: PodTemplateSpec): Pod => {
    const base = owner.metadata.name ?? '';
    for (let attempt = 0; ; attempt++) {
      const pod: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${base}-${randomSuffix()}`,
          generateName: `${base}-`,
          namespace: owner.metadata.namespace,
          labels: { ...(template.metadata?.labels ?? {}) },
          ownerReferences: [ownerRefFor(flavour, owner)],
        },
        spec: structuredClone(template.spec ?? { containers: [] }),
      };
      if (template.metadata?.annotations) pod.metadata.annotations = { ...template.metadata.annotations };
      try {
        return asPod(api.create(PODS, pod, { fieldManager: 'kube-controller-manager' }));
      } catch (err) {
        if (err instanceof ApiError && err.reason === 'AlreadyExists' && attempt < 10) continue;
        throw err;
      }
    }
  };

  /** getIndirectlyRelatedPods: the pods of every controller with the same owner (a Deployment's ReplicaSets). */
  const relatedPods = (owner: KObject, own: Pod[]): Pod[] => {
    const parent = controllerRef(owner.metadata);
    if (!parent) return own;
    const siblings = cache.ownedBy(flavour.resource, parent.uid);
    return siblings.flatMap((rs) => (rs.metadata.uid === owner.metadata.uid ? own : cache.ownedBy(PODS, rs.metadata.uid ?? '').map(asPod)));
  };

  const sync = (key: string) => {
    const [ns, name] = splitKey(key);
    const owner = api.get(flavour.resource, ns, name);
    if (!owner) return;
    const spec = (owner.spec ?? {}) as ReplicatedSpec;
    const selectorText = flavour.selector(owner);
    if (!selectorText) return;
    const selector = parseLabelSelector(selectorText);
    const uid = owner.metadata.uid;
    const deleting = isTerminating(owner);
    const owned: Pod[] = [];
    for (const o of cache.list(PODS, ns ?? '')) {
      const pod = asPod(o);
      const ref = controllerRef(pod.metadata);
      const matches = matchesLabels(selector, pod.metadata.labels);
      if (ref && ref.uid === uid) {
        if (matches || isTerminating(pod)) owned.push(pod);
        else {
          const copy = structuredClone(pod);
          copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          api.update(PODS, copy, { fieldManager: 'kube-controller-manager' });
        }
      } else if (!ref && matches && !deleting && !isTerminating(pod)) {
        const copy = structuredClone(pod);
        copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), ownerRefFor(flavour, owner)];
        owned.push(asPod(api.update(PODS, copy, { fieldManager: 'kube-controller-manager' })));
      }
    }
    let active = owned.filter(isActivePod);
    let failure: Condition | undefined;
    const wanted = spec.replicas ?? 1;
    if (!deleting) {
      const diff = active.length - wanted;
      if (diff < 0) {
        const toCreate = Math.min(-diff, BURST_REPLICAS);
        for (let i = 0; i < toCreate; i++) {
          try {
            const pod = createPod(owner, spec.template ?? {});
            active.push(pod);
            api.recordEvent(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, flavour.component);
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            api.recordEvent(owner, 'Warning', 'FailedCreate', `Error creating: ${message}`, flavour.component);
            failure = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(Date.now()), reason: 'FailedCreate', message };
            break;
          }
        }
      } else if (diff > 0) {
        const victims = sortPodsForDeletion(active, (p) => ready.readySince(p), relatedPods(owner, active)).slice(0, Math.min(diff, BURST_REPLICAS));
        for (const pod of victims) {
          try {
            api.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } });
          } catch (err) {
            if (!(err instanceof ApiError && err.code === 404)) throw err;
          }
          api.recordEvent(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, flavour.component);
        }
        const gone = new Set(victims.map((p) => p.metadata.uid));
        active = active.filter((p) => !gone.has(p.metadata.uid));
      }
    }
    writeStatus(owner, spec, active, failure, key);
  };

  const writeStatus = (owner: KObject, spec: ReplicatedSpec, active: Pod[], failure: Condition | undefined, key: string) => {
    const minReady = spec.minReadySeconds ?? 0;
    const templateLabels = spec.template?.metadata?.labels ?? {};
    let readyCount = 0;
    let available = 0;
    let fullyLabeled = 0;
    let nextCheck = Infinity;
    for (const pod of active) {
      if (Object.entries(templateLabels).every(([k, v]) => pod.metadata.labels?.[k] === v)) fullyLabeled++;
      const since = ready.readySince(pod);
      if (since === undefined) continue;
      readyCount++;
      const readyFor = clock.secondsSince(since);
      if (minReady === 0 || readyFor > minReady) available++;
      else nextCheck = Math.min(nextCheck, minReady - readyFor);
    }
    const old = (owner.status ?? {}) as { conditions?: Condition[] };
    const status: Record<string, unknown> = { replicas: active.length };
    if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
    if (readyCount) status.readyReplicas = readyCount;
    if (available) status.availableReplicas = available;
    if (owner.metadata.generation) status.observedGeneration = owner.metadata.generation;
    const previousFailure = old.conditions?.find((c) => c.type === 'ReplicaFailure');
    if (failure) status.conditions = [previousFailure && previousFailure.message === failure.message ? previousFailure : failure];
    if (canonicalJson(status) !== canonicalJson(owner.status ?? {})) {
      api.updateStatus(flavour.resource, { ...owner, status }, { fieldManager: 'kube-controller-manager' });
    }
    if (Number.isFinite(nextCheck)) queue.addAfter(key, nextCheck + 0.01);
  };

  const queue = createWorkQueue(clock, sync, flavour.kind);

  const enqueueOwnersOf = (pod: Pod) => {
    const ref = controllerRef(pod.metadata);
    if (ref) {
      if (ref.kind === flavour.kind) queue.add(`${pod.metadata.namespace ?? ''}/${ref.name}`);
      return;
    }
    for (const o of cache.list(flavour.resource, pod.metadata.namespace ?? '')) {
      const sel = flavour.selector(o);
      if (sel && matchesLabels(parseLabelSelector(sel), pod.metadata.labels)) queue.add(keyOf(o));
    }
  };

  const onEvent = (e: StoreEvent) => {
    if (e.resource === flavour.resource) {
      if (e.type !== 'DELETED') queue.add(keyOf(e.object));
      return;
    }
    if (e.resource !== PODS) return;
    const pod = asPod(e.object);
    if (e.type === 'DELETED') ready.forget(pod.metadata.uid ?? '');
    else ready.observe(pod);
    enqueueOwnersOf(pod);
    if (e.old) {
      const before = controllerRef(e.old.metadata);
      const after = controllerRef(pod.metadata);
      if (before && before.uid !== after?.uid && before.kind === flavour.kind) queue.add(`${pod.metadata.namespace ?? ''}/${before.name}`);
    }
  };

  const unsubscribe = api.subscribe(onEvent);
  const resync = () => {
    for (const o of cache.list(flavour.resource)) queue.add(keyOf(o));
  };
  resync();
  const stopResync = clock.every(resyncSeconds(clock), resync);
  return {
    stop() {
      unsubscribe();
      stopResync();
      queue.stop();
      cache.stop();
    },
  };
}

export function startReplicaSetController(api: SandboxApi): ControllerHandle {
  return startReplicatedController(api, REPLICA_SET);
}

export function startReplicationControllerController(api: SandboxApi): ControllerHandle {
  return startReplicatedController(api, REPLICATION_CONTROLLER);
}
