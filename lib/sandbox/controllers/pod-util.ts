// Pod readiness helpers shared by the ReplicaSet and DaemonSet controllers.
import { isTerminating, type Pod } from './objects';

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function readyTransition(pod: Pod): number {
  const c = pod.status?.conditions?.find((x) => x.type === 'Ready');
  const t = c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return Number.isFinite(t) ? t : 0;
}

/** Tracks when each pod was first seen Ready with millisecond precision (the API's timestamps have whole seconds). */
export class ReadyTracker {
  private readonly since = new Map<string, number>();

  observe(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (isPodReady(pod) && !isTerminating(pod)) {
      if (!this.since.has(uid)) {
        // A transition seen as it happens is timed now; an old one (controller start) by its timestamp.
        const t = readyTransition(pod);
        this.since.set(uid, Date.now() - t < 2000 ? Date.now() : t);
      }
    } else this.since.delete(uid);
  }

  forget(uid: string): void {
    this.since.delete(uid);
  }

  readySince(pod: Pod): number | undefined {
    if (!isPodReady(pod)) return undefined;
    this.observe(pod);
    return this.since.get(pod.metadata.uid ?? '');
  }
}

const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[DELETION_COST_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : 0;
}

/**
 * Upstream's deletion preference (controller.ActivePodsWithRanks): unscheduled, then pending, then
 * not ready, then lower pod-deletion-cost, then nodes doubled up with related pods (`related`: the pods
 * of every ReplicaSet of the same Deployment), then ready for less time, then more restarts, then newer.
 */
export function sortPodsForDeletion(pods: Pod[], readySince: (p: Pod) => number | undefined, related: Pod[] = pods): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of related) if (p.spec.nodeName && !isTerminating(p)) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const phaseRank = (p: Pod) => (p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : p.status?.phase === 'Running' ? 2 : 0);
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
  return [...pods].sort((a, b) => {
    if (!a.spec.nodeName !== !b.spec.nodeName) return a.spec.nodeName ? 1 : -1;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
    if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
    const ra = perNode.get(a.spec.nodeName ?? '') ?? 0;
    const rb = perNode.get(b.spec.nodeName ?? '') ?? 0;
    if (ra !== rb) return rb - ra;
    if (isPodReady(a) && isPodReady(b)) {
      const ta = readySince(a) ?? 0;
      const tb = readySince(b) ?? 0;
      if (ta !== tb) return tb - ta;
    }
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ca = a.metadata.creationTimestamp ?? '';
    const cb = b.metadata.creationTimestamp ?? '';
    if (ca !== cb) return ca < cb ? 1 : -1;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? 1 : -1;
  });
}
