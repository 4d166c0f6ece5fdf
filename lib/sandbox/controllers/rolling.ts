// The rolling-update and scaling decisions of upstream's rolling.go and sync.go scale(), as pure
// functions over ReplicaSet snapshots. They return the scale steps to perform in order; the controller
// writes each step (one ReplicaSet update and one ScalingReplicaSet event per step).
import {
  byCreation,
  DESIRED_REPLICAS_ANNOTATION,
  getProportion,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
  sumReplicas,
  sumStatus,
} from './deployment-util';
import type { Deployment, ReplicaSet } from './objects';

export interface ScaleStep {
  name: string;
  from: number;
  to: number;
}

const size = (rs: ReplicaSet) => rs.spec.replicas ?? 0;

/** reconcileNewReplicaSet: the new RS's next size, or undefined when it stays. */
export function planNewReplicaSet(allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): number | undefined {
  const desired = replicasOf(d);
  if (size(newRS) === desired) return undefined;
  if (size(newRS) > desired) return desired;
  const next = newRSNewReplicas(d, allRSs, newRS);
  return next === size(newRS) ? undefined : next;
}

/** reconcileOldReplicaSets: cleanupUnhealthyReplicas then scaleDownOldReplicaSetsForRollingUpdate. */
export function planOldReplicaSets(allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): ScaleStep[] {
  const olds = oldRSs.map((rs) => structuredClone(rs));
  if (sumReplicas(olds) === 0) return [];
  const allPods = sumReplicas(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = size(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return [];
  const steps = cleanupUnhealthyReplicas(olds, maxScaledDown);
  steps.push(...scaleDownOldForRollingUpdate([...olds, newRS], olds, d));
  return steps;
}

/** Scales old RSes (oldest first) down by their unavailable pods, at most maxCleanup in total. Mutates `olds`. */
export function cleanupUnhealthyReplicas(olds: ReplicaSet[], maxCleanup: number): ScaleStep[] {
  olds.sort(byCreation);
  const steps: ScaleStep[] = [];
  let total = 0;
  for (const rs of olds) {
    if (total >= maxCleanup) break;
    if (size(rs) === 0) continue;
    const available = rs.status?.availableReplicas ?? 0;
    if (size(rs) === available) continue;
    const down = Math.min(maxCleanup - total, size(rs) - available);
    steps.push({ name: rs.metadata.name ?? '', from: size(rs), to: size(rs) - down });
    rs.spec.replicas = size(rs) - down;
    total += down;
  }
  return steps;
}

/** Scales old RSes down while availability stays above minAvailable. Mutates `olds`. */
export function scaleDownOldForRollingUpdate(allRSs: ReplicaSet[], olds: ReplicaSet[], d: Deployment): ScaleStep[] {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = sumStatus(allRSs, 'availableReplicas');
  if (available <= minAvailable) return [];
  olds.sort(byCreation);
  const steps: ScaleStep[] = [];
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of olds) {
    if (total >= toScaleDown) break;
    if (size(rs) === 0) continue;
    const down = Math.min(size(rs), toScaleDown - total);
    steps.push({ name: rs.metadata.name ?? '', from: size(rs), to: size(rs) - down });
    rs.spec.replicas = size(rs) - down;
    total += down;
  }
  return steps;
}

const isActive = (rs: ReplicaSet) => size(rs) > 0;

/** FindActiveOrLatest: the only active RS, or the newest when none is active; undefined when several are. */
function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort(byCreation).reverse();
  const all = newRS ? [newRS, ...olds] : olds;
  const active = all.filter(isActive);
  if (active.length === 0) return newRS ?? olds[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/**
 * sync.go scale(): a scaling event (replicas changed while possibly mid-rollout). Returns the target size
 * of every RS that must change; RSes whose desired/max annotations are stale also appear (same size).
 */
export function planScale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], statusReplicas: number): Array<{ rs: ReplicaSet; to: number }> {
  const desired = replicasOf(d);
  const single = findActiveOrLatest(newRS, oldRSs);
  if (single) {
    if (size(single) === desired) return [];
    return [{ rs: single, to: desired }];
  }
  if (isSaturated(d, newRS)) {
    return oldRSs.filter(isActive).map((rs) => ({ rs, to: 0 }));
  }
  if (!isRollingUpdate(d)) return [];
  const all = [newRS, ...oldRSs].filter((rs): rs is ReplicaSet => !!rs && isActive(rs));
  const allowedSize = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowedSize - sumReplicas(all);
  // ReplicaSetsBySizeNewer when adding, ReplicaSetsBySizeOlder when removing.
  const sorted = [...all].sort((a, b) => {
    if (size(a) !== size(b)) return size(b) - size(a);
    const c = byCreation(a, b);
    return toAdd > 0 ? -c : c;
  });
  const targets = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of sorted) {
    const proportion = getProportion(rs, d, toAdd, added, statusReplicas);
    targets.set(rs, size(rs) + proportion);
    added += proportion;
  }
  const out: Array<{ rs: ReplicaSet; to: number }> = [];
  sorted.forEach((rs, i) => {
    let to = targets.get(rs) ?? size(rs);
    if (i === 0 && toAdd !== 0) to = Math.max(0, to + (toAdd - added));
    out.push({ rs, to });
  });
  return out;
}

/** isScalingEvent: an active RS was last sized for a different replica count. */
export function isScalingEvent(d: Deployment, rss: ReplicaSet[]): boolean {
  for (const rs of rss) {
    if (!isActive(rs)) continue;
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    if (desired === undefined || !/^-?\d+$/.test(desired)) continue;
    if (Number(desired) !== replicasOf(d)) return true;
  }
  return false;
}
