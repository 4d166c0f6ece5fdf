// The Deployment controller, following upstream's deployment_controller.go syncDeployment, sync.go,
// rolling.go, recreate.go and progress.go. Pure decisions live in rolling.ts / deployment-util.ts /
// deployment-status.ts; this file reads the store, writes ReplicaSets and the deployment's status
// (always through /status, so generation never moves) and records ScalingReplicaSet events.
import { ApiError } from '../errors';
import { formatLabelSelector, matchesLabels, parseLabelSelector } from '../selectors';
import type { ControllerHandle, KObject, SandboxApi, StoreEvent } from '../types';
import { createObjectCache } from './cache';
import { createReplicaSetOps } from './deployment-replicasets';
import { calculateRolloutStatus, calculateStatus } from './deployment-status';
import {
  byCreation,
  getCondition,
  hasProgressDeadline,
  MAX_INT32,
  newCondition,
  replicasOf,
  revisionOf,
  setCondition,
  deploymentComplete,
} from './deployment-util';
import { canonicalJson } from './hash';
import { asDeployment, asPod, controllerRef, formatTime, isTerminating, keyOf, splitKey, type Deployment, type DeploymentStatus, type ReplicaSet } from './objects';
import { isScalingEvent, planNewReplicaSet, planOldReplicaSets, planScale } from './rolling';
import { createWorkQueue, resyncSeconds } from './work-queue';

const DEPLOYMENTS = 'apps/deployments';
const REPLICASETS = 'apps/replicasets';
const PODS = 'core/pods';
const COMPONENT = 'deployment-controller';
const MANAGER = { fieldManager: 'kube-controller-manager' };

export function startDeploymentController(api: SandboxApi): ControllerHandle {
  const clock = api.clock;
  const cache = createObjectCache(api, [DEPLOYMENTS, REPLICASETS, PODS]);
  /** Precise write time of each deployment's Progressing lastUpdateTime (serialized times have whole seconds). */
  const progressingWrittenAt = new Map<string, { stamp: string; ms: number }>();

  const nowStamp = () => formatTime(Date.now());

  const writeStatus = (d: Deployment, status: DeploymentStatus): Deployment => {
    const before = getCondition(d.status, 'Progressing')?.lastUpdateTime;
    const after = getCondition(status, 'Progressing')?.lastUpdateTime;
    const written = asDeployment(api.updateStatus(DEPLOYMENTS, { ...d, status }, MANAGER));
    if (after && after !== before) progressingWrittenAt.set(d.metadata.uid ?? '', { stamp: after, ms: Date.now() });
    d.metadata.resourceVersion = written.metadata.resourceVersion;
    d.metadata.annotations = written.metadata.annotations;
    d.status = written.status;
    return d;
  };

  const { claimReplicaSets, scaleReplicaSet, syncRevision } = createReplicaSetOps(api, cache, writeStatus, nowStamp);

  const progressingMs = (d: Deployment): number | undefined => {
    const rec = progressingWrittenAt.get(d.metadata.uid ?? '');
    const cond = getCondition(d.status, 'Progressing');
    return rec && cond?.lastUpdateTime === rec.stamp ? rec.ms : undefined;
  };

  const syncStatusIfChanged = (d: Deployment, status: DeploymentStatus) => {
    if (canonicalJson(status) !== canonicalJson(d.status ?? {})) writeStatus(d, status);
  };

  const syncRolloutStatus = (key: string, d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined) => {
    const status = calculateRolloutStatus(allRSs, newRS, d, { now: nowStamp(), nowMs: Date.now(), speed: clock.speed, progressingUpdatedMs: progressingMs(d) });
    syncStatusIfChanged(d, status);
    requeueStuck(key, d);
  };

  /** requeueStuckDeployment: wake up when the progress deadline would pass. */
  const requeueStuck = (key: string, d: Deployment) => {
    const cond = getCondition(d.status, 'Progressing');
    if (!hasProgressDeadline(d) || !cond || cond.reason === 'NewReplicaSetAvailable' || cond.reason === 'ProgressDeadlineExceeded') return;
    const from = progressingMs(d) ?? Date.parse(cond.lastUpdateTime ?? '');
    if (!Number.isFinite(from)) return;
    const remaining = (d.spec.progressDeadlineSeconds ?? 600) - clock.secondsSince(from);
    queue.addAfter(key, Math.max(0, remaining) + 0.01 * clock.speed);
  };

  const cleanup = (d: Deployment, oldRSs: ReplicaSet[]) => {
    const limit = d.spec.revisionHistoryLimit;
    if (limit === undefined || limit === MAX_INT32) return;
    const alive = oldRSs.filter((rs) => !isTerminating(rs));
    const diff = alive.length - limit;
    if (diff <= 0) return;
    alive.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of alive.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || (rs.spec.replicas ?? 0) !== 0) continue;
      if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        api.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name ?? '');
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 404)) throw err;
      }
    }
  };

  const replace = (list: ReplicaSet[], rs: ReplicaSet) => list.map((x) => (x.metadata.uid === rs.metadata.uid ? rs : x));

  /** sync(): scaling events and paused deployments — resize without rolling. */
  const syncScale = (d: Deployment, rsList: ReplicaSet[]) => {
    const { newRS, oldRSs } = syncRevision(d, rsList, false);
    let all = [...(newRS ? [newRS] : []), ...oldRSs];
    for (const step of planScale(d, newRS, oldRSs, d.status?.replicas ?? 0)) {
      all = replace(all, scaleReplicaSet(step.rs, step.to, d));
    }
    const olds = all.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
    if (d.spec.paused) cleanup(d, olds);
    const currentNew = all.find((rs) => rs.metadata.uid === newRS?.metadata.uid);
    syncStatusIfChanged(d, calculateStatus(all, currentNew, d, nowStamp()));
  };

  const rolloutRolling = (key: string, d: Deployment, rsList: ReplicaSet[]) => {
    const revision = syncRevision(d, rsList, true);
    const newRS = revision.newRS as ReplicaSet;
    let olds = revision.oldRSs;
    let all = [...olds, newRS];
    const target = planNewReplicaSet(all, newRS, d);
    if (target !== undefined) {
      const scaled = scaleReplicaSet(newRS, target, d);
      return syncRolloutStatus(key, d, replace(all, scaled), scaled);
    }
    const activeOlds = olds.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    const steps = planOldReplicaSets(all, activeOlds, newRS, d);
    if (steps.length > 0) {
      for (const step of steps) {
        const rs = all.find((x) => x.metadata.name === step.name);
        if (rs) all = replace(all, scaleReplicaSet(rs, step.to, d));
      }
      return syncRolloutStatus(key, d, all, newRS);
    }
    olds = all.filter((rs) => rs.metadata.uid !== newRS.metadata.uid);
    if (deploymentComplete(d, d.status ?? {})) cleanup(d, olds);
    syncRolloutStatus(key, d, all, newRS);
  };

  const rolloutRecreate = (key: string, d: Deployment, rsList: ReplicaSet[]) => {
    let { newRS, oldRSs } = syncRevision(d, rsList, false);
    let all = [...oldRSs, ...(newRS ? [newRS] : [])];
    const active = oldRSs.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    if (active.length > 0) {
      for (const rs of active) all = replace(all, scaleReplicaSet(rs, 0, d));
      return syncRolloutStatus(key, d, all, newRS);
    }
    if (oldPodsRunning(d, newRS, oldRSs)) return syncRolloutStatus(key, d, all, newRS);
    if (!newRS) {
      ({ newRS, oldRSs } = syncRevision(d, rsList, true));
      all = [...oldRSs, ...(newRS ? [newRS] : [])];
    }
    if (newRS && (newRS.spec.replicas ?? 0) !== replicasOf(d)) {
      const scaled = scaleReplicaSet(newRS, replicasOf(d), d);
      all = replace(all, scaled);
      newRS = scaled;
    }
    if (deploymentComplete(d, d.status ?? {})) cleanup(d, oldRSs);
    syncRolloutStatus(key, d, all, newRS);
  };

  /** oldPodsRunning: any old RS still reports replicas, or any of its pods exists and is not finished. */
  const oldPodsRunning = (d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean => {
    if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
    for (const rs of oldRSs) {
      if (rs.metadata.uid === newRS?.metadata.uid) continue;
      for (const o of cache.ownedBy(PODS, rs.metadata.uid ?? '')) {
        const phase = asPod(o).status?.phase;
        if (phase !== 'Failed' && phase !== 'Succeeded') return true;
      }
    }
    return false;
  };

  const checkPausedConditions = (d: Deployment) => {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') return;
    const pausedCond = cond?.reason === 'DeploymentPaused';
    const status = structuredClone(d.status ?? {});
    if (d.spec.paused && !pausedCond) setCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', nowStamp()));
    else if (!d.spec.paused && pausedCond) setCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', nowStamp()));
    else return;
    writeStatus(d, status);
  };

  const sync = (key: string) => {
    const [ns, name] = splitKey(key);
    const found = api.get(DEPLOYMENTS, ns, name);
    if (!found) return;
    const d = asDeployment(found);
    const selectorText = formatLabelSelector(d.spec.selector);
    if (!selectorText) {
      api.recordEvent(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', COMPONENT);
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) writeStatus(d, { ...(d.status ?? {}), observedGeneration: d.metadata.generation });
      return;
    }
    const rsList = claimReplicaSets(d, selectorText);
    if (isTerminating(d)) {
      const { newRS, oldRSs } = syncRevision(d, rsList, false);
      syncStatusIfChanged(d, calculateStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS, d, nowStamp()));
      return;
    }
    checkPausedConditions(d);
    if (d.spec.paused) return syncScale(d, rsList);
    if (isScalingEvent(d, rsList)) return syncScale(d, rsList);
    if (d.spec.strategy?.type === 'Recreate') return rolloutRecreate(key, d, rsList);
    return rolloutRolling(key, d, rsList);
  };

  const queue = createWorkQueue(clock, sync, 'deployment');

  const enqueueForReplicaSet = (rs: KObject) => {
    const ref = controllerRef(rs.metadata);
    if (ref) {
      if (ref.kind === 'Deployment') queue.add(`${rs.metadata.namespace ?? ''}/${ref.name}`);
      return;
    }
    for (const o of cache.list(DEPLOYMENTS, rs.metadata.namespace ?? '')) {
      const sel = formatLabelSelector(asDeployment(o).spec?.selector);
      if (sel && matchesLabels(parseLabelSelector(sel), rs.metadata.labels)) queue.add(keyOf(o));
    }
  };

  const onEvent = (e: StoreEvent) => {
    if (e.resource === DEPLOYMENTS) {
      if (e.type === 'DELETED') progressingWrittenAt.delete(e.object.metadata.uid ?? '');
      else queue.add(keyOf(e.object));
    } else if (e.resource === REPLICASETS) {
      enqueueForReplicaSet(e.object);
      if (e.old && controllerRef(e.old.metadata)?.uid !== controllerRef(e.object.metadata)?.uid) enqueueForReplicaSet(e.old);
    } else if (e.resource === PODS && e.type === 'DELETED') {
      // Recreate waits for the old pods to be gone.
      const ref = controllerRef(e.object.metadata);
      if (ref?.kind === 'ReplicaSet') {
        const rs = cache.get(REPLICASETS, e.object.metadata.namespace, ref.name);
        if (rs) enqueueForReplicaSet(rs);
      }
    }
  };

  const unsubscribe = api.subscribe(onEvent);
  const resync = () => {
    for (const o of cache.list(DEPLOYMENTS)) queue.add(keyOf(o));
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
