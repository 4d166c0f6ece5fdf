/**
 * Pods without a kubelet: the scheduler and the kubelet of the sandbox's three simulated nodes.
 *
 * A new pod is bound to the node running the fewest pods (ties by name; a DaemonSet pod's required
 * `metadata.name` node affinity is honoured), gets `spec.nodeName`, a `Scheduled` event, a unique pod IP
 * from the node's podCIDR (10.244.<n>.0/24) and the node's hostIP. The "kubelet" then reports, in cluster
 * time (compressed by the sandbox speed): image pulled after 1 s, containers Running and `Ready` once
 * their readiness probe's `initialDelaySeconds` has passed (immediately without a probe), with the
 * `PodReadyToStartContainers`, `Initialized`, `ContainersReady`, `Ready` and `PodScheduled` conditions and
 * the kubelet's events (`Pulling`, `Pulled`, `Created`, `Started`).
 *
 * Failure rules — deterministic, so a demo or a test can make a rollout fail on purpose:
 * - **Image that cannot be pulled**: the tag is `doesnotexist`, `does-not-exist`, `broken`, `invalid` or
 *   `notfound` (e.g. `nginx:broken`), or the repository name contains `invalid`, `doesnotexist` or
 *   `does-not-exist`, or the image is empty. The container waits with `ErrImagePull`, then
 *   `ImagePullBackOff`; pulls are retried after 10 s, 20 s, 40 s … (cap 300 s). The pod stays `Pending`.
 * - **Crash loop**: the tag is `crashloop` (e.g. `busybox:crashloop`) or the container has env
 *   `SANDBOX_CRASH=1` (or `true`). It runs for 2 s, exits with code 1 (`lastState.terminated`, reason
 *   `Error`), waits in `CrashLoopBackOff` (10 s, 20 s, 40 s … cap 300 s) and restarts, so `restartCount`
 *   grows. It is never ready. With `restartPolicy: Never` it is not restarted and the pod ends `Failed`.
 * - **Never ready**: env `SANDBOX_NEVER_READY=1` (or `true`), or a readiness probe whose `httpGet.path` is
 *   `/never-ready`. The container runs but never passes its readiness probe (`Unhealthy` event).
 * - **Failing liveness probe**: env `SANDBOX_LIVENESS_FAIL=1` (or `true`), or a liveness probe whose
 *   `httpGet.path` is `/fail-liveness`. The container becomes ready as usual, then after the liveness
 *   probe's initialDelaySeconds + periodSeconds × failureThreshold it is killed (exit 137, `Unhealthy` and
 *   `Killing` events) and restarted with the crash-loop back-off.
 * Everything else becomes ready. A deleted pod is `Terminating` (deletionTimestamp set) until its
 * containers have stopped: 2 s after SIGTERM, or the grace period if shorter; then it is removed.
 */
import { ApiError } from '../errors';
import type { ControllerHandle, SandboxApi, StoreEvent } from '../types';
import { createObjectCache } from './cache';
import { canonicalJson } from './hash';
import { asPod, formatTime, keyOf, splitKey, type Condition, type Pod, type PodStatus } from './objects';
import { containerBehaviour, pullPolicy, qualifiedImage, simulateContainer } from './pod-sim';
import { fitNodes, pickNode, toSchedNodes, type SchedNode } from './scheduler';
import { createWorkQueue, resyncSeconds } from './work-queue';

const PODS = 'core/pods';
const STOP_SECONDS = 2;

function qosClass(pod: Pod): string {
  const containers = pod.spec.containers ?? [];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const r = (c.resources ?? {}) as { requests?: Record<string, string>; limits?: Record<string, string> };
    const req = r.requests ?? {};
    const lim = r.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    if (!lim.cpu || !lim.memory) guaranteed = false;
    for (const k of ['cpu', 'memory']) if (req[k] !== undefined && req[k] !== lim[k]) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function startPodController(api: SandboxApi): ControllerHandle {
  const clock = api.clock;
  const cache = createObjectCache(api, [PODS, 'core/nodes']);
  const boundAt = new Map<string, number>();
  const eventsUpTo = new Map<string, number>();
  const ipOf = new Map<string, string>();
  const usedIPs = new Set<string>();
  const terminatingSince = new Map<string, number>();
  /** Images each node has pulled, and per pod the containers whose image was already there at binding. */
  const nodeImages = new Map<string, Set<string>>();
  const presentImages = new Map<string, Set<string>>();

  /** The next free address of the node's podCIDR (.1 is the node's bridge), as the CNI plugin hands them out. */
  const allocateIP = (uid: string, node: SchedNode): string => {
    const known = ipOf.get(uid);
    if (known) return known;
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(node.podCIDR ?? '');
    const base = m ? ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0 : (((10 << 24) | (244 << 16) | (node.index << 8)) >>> 0);
    const size = m ? 2 ** (32 - Number(m[5])) : 256;
    for (let host = 2; host < size - 1; host++) {
      const n = (base + host) >>> 0;
      const ip = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
      if (!usedIPs.has(ip)) {
        usedIPs.add(ip);
        ipOf.set(uid, ip);
        return ip;
      }
    }
    throw new Error(`no free pod IP left in ${node.podCIDR ?? 'the pod network'} of node ${node.name}`);
  };

  const forget = (uid: string) => {
    const ip = ipOf.get(uid);
    if (ip) usedIPs.delete(ip);
    ipOf.delete(uid);
    boundAt.delete(uid);
    presentImages.delete(uid);
    eventsUpTo.delete(uid);
    terminatingSince.delete(uid);
  };

  for (const p of cache.list(PODS)) {
    const ip = (p.status as PodStatus | undefined)?.podIP;
    if (ip && p.metadata.uid) {
      usedIPs.add(ip);
      ipOf.set(p.metadata.uid, ip);
    }
  }

  const listNodes = (): SchedNode[] => toSchedNodes(cache.list('core/nodes'));

  const bind = (pod: Pod): Pod | undefined => {
    const nodes = listNodes();
    const { fit, message } = fitNodes(pod, nodes);
    if (fit.length === 0) {
      markUnschedulable(pod, message ?? `0/${nodes.length} nodes are available`);
      return undefined;
    }
    const load = new Map<string, number>();
    for (const p of cache.list(PODS)) {
      const node = asPod(p).spec?.nodeName;
      if (node && !p.metadata.deletionTimestamp) load.set(node, (load.get(node) ?? 0) + 1);
    }
    const node = pickNode(fit, load);
    let updated: Pod;
    try {
      updated = asPod(api.update(PODS, { ...pod, spec: { ...pod.spec, nodeName: node.name } }, { fieldManager: 'kube-scheduler' }));
    } catch (err) {
      // A binding the API refuses will not succeed on retry; the periodic resync tries again.
      if (err instanceof ApiError && err.code === 422) return undefined;
      throw err;
    }
    api.recordEvent(updated, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.name}`, 'default-scheduler');
    return updated;
  };

  /** No node fits: PodScheduled=False Unschedulable and a FailedScheduling event, once per message. */
  const markUnschedulable = (pod: Pod, message: string) => {
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.message === message) return;
    const condition: Condition = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: formatTime(Date.now()), reason: 'Unschedulable', message };
    const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), condition];
    api.updateStatus(PODS, { ...pod, status: { ...pod.status, phase: 'Pending', conditions } }, { fieldManager: 'default-scheduler' });
    api.recordEvent(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
  };

  const finishTermination = (pod: Pod, key: string) => {
    const uid = pod.metadata.uid ?? '';
    let since = terminatingSince.get(uid);
    if (since === undefined) {
      since = Date.now();
      terminatingSince.set(uid, since);
      if (pod.spec.nodeName) {
        for (const c of pod.spec.containers ?? []) api.recordEvent(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, 'kubelet');
      }
    }
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const wait = Math.min(grace, STOP_SECONDS) - clock.secondsSince(since);
    if (wait > 0) {
      queue.addAfter(key, wait);
      return;
    }
    api.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid } });
  };

  const sync = (key: string) => {
    const [ns, name] = splitKey(key);
    const found = api.get(PODS, ns, name);
    if (!found) return;
    let pod = asPod(found);
    const uid = pod.metadata.uid ?? '';
    if (pod.metadata.deletionTimestamp) return finishTermination(pod, key);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    if (!pod.spec.nodeName) {
      const bound = bind(pod);
      if (!bound) return;
      pod = bound;
    }
    const node = listNodes().find((n) => n.name === pod.spec.nodeName);
    if (!node) return;
    let start = boundAt.get(uid);
    if (start === undefined) {
      const previous = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
      start = Number.isFinite(previous) ? previous : Date.now();
      boundAt.set(uid, start);
      // A pod already running when the controller started (persisted state): do not replay its events.
      if (Number.isFinite(previous)) eventsUpTo.set(uid, clock.secondsSince(start));
    }
    const t = clock.secondsSince(start);
    const startMs = start;
    const wall = (at: number) => formatTime(startMs + (at * 1000) / clock.speed);
    let present = presentImages.get(uid);
    if (!present) {
      const onNode = nodeImages.get(node.name) ?? new Set<string>();
      nodeImages.set(node.name, onNode);
      present = new Set((pod.spec.containers ?? []).filter((c) => pullPolicy(c) !== 'Always' && onNode.has(qualifiedImage(c.image ?? ''))).map((c) => c.name));
      presentImages.set(uid, present);
      for (const c of pod.spec.containers ?? []) if (containerBehaviour(c) !== 'pull-error') onNode.add(qualifiedImage(c.image ?? ''));
    }
    const havePresent = present;
    const sims = (pod.spec.containers ?? []).map((c) => simulateContainer(pod, c, t, wall, havePresent.has(c.name)));
    const ready = sims.length > 0 && sims.every((s) => s.status.ready);
    const started = sims.some((s) => s.status.state.running || s.status.restartCount > 0);
    // restartPolicy Never: once every container has exited the pod is finished.
    const finished = sims.length > 0 && sims.every((s) => s.status.state.terminated);
    const failed = sims.some((s) => (s.status.state.terminated?.exitCode ?? 0) !== 0);
    const notReady = sims.filter((s) => !s.status.ready).map((s) => s.status.name);
    const now = formatTime(Date.now());
    const existing = new Map((pod.status?.conditions ?? []).map((c) => [c.type, c]));
    const cond = (type: string, isTrue: boolean, reason?: string, message?: string): Condition => {
      const status = isTrue ? 'True' : 'False';
      const prev = existing.get(type);
      const c: Condition = { type, status, lastProbeTime: null, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now };
      if (!isTrue && reason) {
        c.reason = reason;
        c.message = message;
      }
      return c;
    };
    const unready = `containers with unready status: [${notReady.join(' ')}]`;
    const ip = allocateIP(uid, node);
    const status: PodStatus = {
      ...pod.status,
      phase: finished ? (failed ? 'Failed' : 'Succeeded') : started ? 'Running' : 'Pending',
      conditions: [
        cond('PodReadyToStartContainers', true),
        cond('Initialized', true),
        cond('Ready', ready, 'ContainersNotReady', unready),
        cond('ContainersReady', ready, 'ContainersNotReady', unready),
        cond('PodScheduled', true),
      ],
      hostIP: node.hostIP,
      hostIPs: [{ ip: node.hostIP }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: wall(0),
      containerStatuses: sims.map((s) => s.status),
      qosClass: pod.status?.qosClass ?? qosClass(pod),
    };
    if (canonicalJson(status) !== canonicalJson(pod.status ?? {})) {
      pod = asPod(api.updateStatus(PODS, { ...pod, status }, { fieldManager: 'kubelet' }));
    }
    const from = eventsUpTo.get(uid) ?? -1;
    const due = sims.flatMap((s) => s.events).filter((e) => e.at > from && e.at <= t).sort((a, b) => a.at - b.at);
    for (const e of due) api.recordEvent(pod, e.type, e.reason, e.message, 'kubelet');
    eventsUpTo.set(uid, t);
    const next = Math.min(...sims.map((s) => s.next ?? Infinity));
    if (Number.isFinite(next)) queue.addAfter(key, Math.max(0, next - t) + 0.001);
  };

  const queue = createWorkQueue(clock, sync, 'pods');
  const onEvent = (e: StoreEvent) => {
    if (e.resource === 'core/nodes' && e.type === 'ADDED') {
      for (const p of cache.list(PODS)) if (!asPod(p).spec?.nodeName) queue.add(keyOf(p));
      return;
    }
    if (e.resource !== PODS) return;
    if (e.type === 'DELETED') {
      forget(e.object.metadata.uid ?? '');
      return;
    }
    queue.add(keyOf(e.object));
  };
  const unsubscribe = api.subscribe(onEvent);
  const resync = () => {
    for (const p of cache.list(PODS)) queue.add(keyOf(p));
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

