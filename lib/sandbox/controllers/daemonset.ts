// DaemonSet controller: one pod per node (bound by required node affinity on metadata.name, as the
// modern upstream controller does, so the scheduler places it), rolling replacement of out-of-date
// pods one unavailable pod at a time (RollingUpdate maxUnavailable, default 1), and the status counters.
import { ApiError } from '../errors';
import type { ControllerHandle, KObject, SandboxApi, StoreEvent } from '../types';
import { createObjectCache } from './cache';
import { canonicalJson, computeHash, randomSuffix } from './hash';
import { scaledValue } from './deployment-util';
import { asPod, controllerRef, isTerminating, keyOf, splitKey, type IntOrString, type Pod, type PodTemplateSpec } from './objects';
import { isPodReady, ReadyTracker } from './pod-util';
import { matchesAffinity, toSchedNodes } from './scheduler';
import { createWorkQueue, resyncSeconds } from './work-queue';

const DAEMONSETS = 'apps/daemonsets';
const PODS = 'core/pods';
const COMPONENT = 'daemonset-controller';
const HASH_LABEL = 'controller-revision-hash';

interface Toleration {
  key?: string;
  operator?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** What upstream's AddOrUpdateDaemonPodTolerations adds, so daemons survive node conditions. */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

interface DaemonSetSpec {
  template: PodTemplateSpec;
  minReadySeconds?: number;
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: IntOrString } };
}

function nodeOfPod(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.values?.length) return f.values[0];
  }
  return undefined;
}

export function startDaemonSetController(api: SandboxApi): ControllerHandle {
  const clock = api.clock;
  const cache = createObjectCache(api, [DAEMONSETS, PODS, 'core/nodes']);
  const ready = new ReadyTracker();

  const createPod = (ds: KObject, spec: DaemonSetSpec, node: string, hash: string): Pod => {
    const base = ds.metadata.name ?? '';
    const podSpec = structuredClone(spec.template.spec ?? { containers: [] });
    podSpec.affinity = {
      ...(podSpec.affinity ?? {}),
      nodeAffinity: {
        ...(podSpec.affinity?.nodeAffinity ?? {}),
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
        },
      },
    };
    const tolerations = [...((podSpec.tolerations as Toleration[] | undefined) ?? [])];
    for (const t of DAEMON_TOLERATIONS) if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push({ ...t });
    podSpec.tolerations = tolerations;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${base}-${randomSuffix()}`,
        generateName: `${base}-`,
        namespace: ds.metadata.namespace,
        labels: { ...(spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: base, uid: ds.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: podSpec,
    };
    return asPod(api.create(PODS, pod, { fieldManager: 'kube-controller-manager' }));
  };

  const sync = (key: string) => {
    const [ns, name] = splitKey(key);
    const ds = api.get(DAEMONSETS, ns, name);
    if (!ds || isTerminating(ds)) return;
    const spec = ds.spec as DaemonSetSpec;
    const hash = computeHash(spec.template);
    // Daemon pods tolerate unschedulable nodes, but only go where the template's nodeSelector/affinity allow.
    const templatePod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: spec.template.spec ?? { containers: [] } };
    const nodes = toSchedNodes(cache.list('core/nodes'))
      .filter((n) => matchesAffinity(templatePod, n))
      .map((n) => n.name);
    const pods = cache.ownedBy(PODS, ds.metadata.uid ?? '').map(asPod);
    const byNode = new Map<string, Pod[]>();
    for (const p of pods) {
      if (isTerminating(p)) continue;
      const node = nodeOfPod(p) ?? '';
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    const remove = (pod: Pod) => {
      try {
        api.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } });
        api.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, COMPONENT);
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 404)) throw err;
      }
    };
    for (const node of nodes) {
      const onNode = byNode.get(node) ?? [];
      if (onNode.length === 0) {
        const created = createPod(ds, spec, node, hash);
        byNode.set(node, [created]);
        api.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, COMPONENT);
      } else if (onNode.length > 1) {
        for (const extra of onNode.slice(1)) remove(extra);
        byNode.set(node, [onNode[0]]);
      }
    }
    for (const [node, list] of byNode) if (!nodes.includes(node)) list.forEach(remove);

    const current = nodes.map((n) => byNode.get(n)?.[0]).filter((p): p is Pod => !!p);
    const minReady = spec.minReadySeconds ?? 0;
    const isAvailable = (p: Pod) => {
      const since = ready.readySince(p);
      return since !== undefined && (minReady === 0 || clock.secondsSince(since) > minReady);
    };
    if ((spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const maxUnavailable = Math.max(1, scaledValue(spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, nodes.length, true));
      const terminating = pods.filter(isTerminating).length;
      let unavailable = current.filter((p) => !isAvailable(p)).length + terminating;
      const outdated = current.filter((p) => p.metadata.labels?.[HASH_LABEL] !== hash);
      // Out-of-date pods that are not available go first: replacing them costs no availability.
      outdated.sort((a, b) => Number(isAvailable(a)) - Number(isAvailable(b)));
      for (const pod of outdated) {
        if (isAvailable(pod)) {
          if (unavailable >= maxUnavailable) break;
          unavailable++;
        }
        remove(pod);
      }
    }

    const live = cache
      .ownedBy(PODS, ds.metadata.uid ?? '')
      .map(asPod)
      .filter((p) => !isTerminating(p));
    const scheduled = new Set(live.map((p) => p.spec.nodeName).filter(Boolean));
    const numberReady = live.filter(isPodReady).length;
    const numberAvailable = live.filter(isAvailable).length;
    const status: Record<string, unknown> = {
      currentNumberScheduled: scheduled.size,
      numberMisscheduled: 0,
      desiredNumberScheduled: nodes.length,
      numberReady,
    };
    if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
    const updated = live.filter((p) => p.metadata.labels?.[HASH_LABEL] === hash && p.spec.nodeName).length;
    if (updated) status.updatedNumberScheduled = updated;
    if (numberAvailable) status.numberAvailable = numberAvailable;
    if (nodes.length - numberAvailable > 0) status.numberUnavailable = nodes.length - numberAvailable;
    if (canonicalJson(status) !== canonicalJson(ds.status ?? {})) {
      api.updateStatus(DAEMONSETS, { ...ds, status }, { fieldManager: 'kube-controller-manager' });
    }
    if (minReady > 0 && numberReady > numberAvailable) {
      // Wake up when the next ready pod has been ready for minReadySeconds.
      const waits = live.map((p) => ready.readySince(p)).filter((t): t is number => t !== undefined).map((t) => minReady - clock.secondsSince(t)).filter((w) => w >= 0);
      if (waits.length) queue.addAfter(key, Math.min(...waits) + 0.01);
    }
  };

  const queue = createWorkQueue(clock, sync, 'daemonset');
  const onEvent = (e: StoreEvent) => {
    if (e.resource === DAEMONSETS) {
      if (e.type !== 'DELETED') queue.add(keyOf(e.object));
    } else if (e.resource === PODS) {
      const pod = asPod(e.object);
      if (e.type === 'DELETED') ready.forget(pod.metadata.uid ?? '');
      else ready.observe(pod);
      const ref = controllerRef(pod.metadata);
      if (ref?.kind === 'DaemonSet') queue.add(`${pod.metadata.namespace ?? ''}/${ref.name}`);
    } else if (e.resource === 'core/nodes') {
      for (const o of cache.list(DAEMONSETS)) queue.add(keyOf(o));
    }
  };
  const unsubscribe = api.subscribe(onEvent);
  const resync = () => {
    for (const o of cache.list(DAEMONSETS)) queue.add(keyOf(o));
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
