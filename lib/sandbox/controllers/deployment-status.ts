// Deployment status: upstream's calculateStatus (sync.go) and syncRolloutStatus (progress.go).
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  maxUnavailable,
  newCondition,
  removeCondition,
  replicasOf,
  setCondition,
  sumReplicas,
  sumStatus,
} from './deployment-util';
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from './objects';

/** Status fields are omitempty in the API types: zero values are not serialized. */
function omitZero(status: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const [k, v] of Object.entries(status) as Array<[keyof DeploymentStatus, DeploymentStatus[keyof DeploymentStatus]]>) {
    if (v === 0 && k !== 'collisionCount') continue;
    if (v === undefined) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export function calculateStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: string): DeploymentStatus {
  const available = sumStatus(allRSs, 'availableReplicas');
  const total = sumReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(allRSs, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    collisionCount: d.status?.collisionCount,
  };
  const conditions = d.status?.conditions?.map((c) => ({ ...c }));
  if (conditions?.length) status.conditions = conditions;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
  }
  return omitZero(status);
}

export interface RolloutClock {
  now: string;
  nowMs: number;
  speed: number;
  /** Precise lastUpdateTime of the stored Progressing condition, when this controller wrote it. */
  progressingUpdatedMs?: number;
}

/** syncRolloutStatus minus the write: the status the deployment should have now. */
export function calculateRolloutStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, clock: RolloutClock): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, clock.now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === 'NewReplicaSetAvailable';
  const name = d.metadata.name;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', msg, clock.now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${name}" is progressing.`;
      const cond: Condition = newCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, clock.now);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, clock.nowMs, clock.speed, clock.progressingUpdatedMs)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', msg, clock.now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, { ...failure, lastUpdateTime: failure.lastTransitionTime });
  else removeCondition(status, 'ReplicaFailure');
  if (status.conditions && status.conditions.length === 0) delete status.conditions;
  return status;
}

function replicaFailure(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): Condition | undefined {
  const find = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const fromNew = find(newRS);
  if (fromNew) return fromNew;
  for (const rs of allRSs) {
    const c = find(rs);
    if (c) return c;
  }
  return undefined;
}
